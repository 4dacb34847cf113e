namespace MigrationTools.Core.Paging;

/// <summary>What a fan-out writes: a record, a warning of a part, or the failure of a part.</summary>
public readonly struct FanOutItem<TPart, T>
{
    private FanOutItem(TPart part, T record, string? warning, Exception? error)
    {
        Part = part;
        Record = record;
        Warning = warning;
        Error = error;
    }

    internal static FanOutItem<TPart, T> OfRecord(TPart part, T record) => new(part, record, null, null);
    internal static FanOutItem<TPart, T> OfWarning(TPart part, string warning) => new(part, default!, warning, null);
    internal static FanOutItem<TPart, T> OfError(TPart part, Exception error) => new(part, default!, null, error);

    /// <summary>The part (a target) the item comes from.</summary>
    public TPart Part { get; }
    public T Record { get; }
    /// <summary>A warning of the part's listing (e.g. a total the service did not keep), or null.</summary>
    public string? Warning { get; }
    /// <summary>Why the part stopped (it wrote what came before), or null.</summary>
    public Exception? Error { get; }
    public bool IsRecord => Warning is null && Error is null;
}
