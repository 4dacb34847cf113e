namespace MigrationTools.Core.Formatting;

/// <summary>
/// A column of the type's default table that sums up its <see cref="CountedAttribute"/> collections: the only
/// non-empty one in full ("exchanges: a; b"), otherwise how many each non-empty one holds ("3 vhosts, 12 queues").
/// Ordered among the <see cref="TableColumnAttribute"/> columns by <see cref="Order"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class CountsColumnAttribute(int order, int width, string label) : Attribute
{
    public int Order { get; } = order;

    public int Width { get; } = width;

    public string Label { get; } = label;

    /// <summary>Long text wraps onto the next lines instead of being cut.</summary>
    public bool Wrap { get; set; }
}
