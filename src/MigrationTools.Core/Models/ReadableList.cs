using System.Collections.ObjectModel;

namespace MigrationTools.Core.Models;

/// <summary>
/// A read-only list whose text form is its items joined by "; ". Export-Csv and string conversion call
/// ToString(), so a collection property becomes a readable cell instead of a .NET type name.
/// </summary>
public sealed class ReadableList<T> : ReadOnlyCollection<T>
{
    public static readonly ReadableList<T> Empty = new(null);

    /// <summary>A copy of <paramref name="items"/>; null gives an empty list.</summary>
    public ReadableList(IEnumerable<T>? items) : base(items?.ToList() ?? new List<T>()) { }

    private ReadableList(List<T> owned, bool _) : base(owned) { }

    /// <summary>A list over entries that nobody else holds (a converter's fresh list): no copy, and no new empty list.</summary>
    internal static ReadableList<T> Own(List<T> items) => items.Count == 0 ? Empty : new ReadableList<T>(items, true);

    public override string ToString() => string.Join("; ", this.Select(i => i?.ToString()));
}
