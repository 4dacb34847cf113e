using System;

namespace MigrationTools.Core.Paging;

/// <summary>What the caller wants of a listing: PowerShell's -First/-Skip/-IncludeTotalCount and -PageSize.</summary>
public sealed class PageOptions
{
    /// <summary>The limit to send; null means the API's default.</summary>
    public int? PageSize { get; set; }

    /// <summary>How many records to skip (by asking for the right offset, not by fetching and discarding).</summary>
    public long Skip { get; set; }

    /// <summary>Stop after this many records; null means all.</summary>
    public long? First { get; set; }

    /// <summary>Called once, with the service's total (null when it gave none), when the first page arrives.</summary>
    public Action<long?>? OnTotal { get; set; }

    /// <summary>Called when paging stops early for a reason the user should know (e.g. the service repeated a page).</summary>
    public Action<string>? OnWarning { get; set; }
}
