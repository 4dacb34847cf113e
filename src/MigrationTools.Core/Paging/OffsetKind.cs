namespace MigrationTools.Core.Paging;

/// <summary>How an API's <c>offset</c> parameter counts.</summary>
public enum OffsetKind
{
    /// <summary>offset is the index of the first record, from 0 (DCS, DRS).</summary>
    RecordOffset,

    /// <summary>offset is the page number, from 1 (RocketMQ metadata: "Current page, starting from 1").</summary>
    PageNumber,
}
