using System.Xml.Linq;

namespace MigrationTools.HelpGen;

/// <summary>
/// The default views of MigrationTools.format.ps1xml, so that the help names the columns the console shows, from
/// the views themselves.
/// </summary>
internal sealed class Views
{
    private readonly Dictionary<string, List<string>> _tables = new(StringComparer.Ordinal);

    public static Views Empty { get; } = new();

    public static Views Load(string formatFile)
    {
        var views = new Views();
        foreach (var view in XDocument.Load(formatFile).Descendants("View"))
        {
            var typeName = (string?)view.Element("ViewSelectedBy")?.Element("TypeName");
            var table = view.Element("TableControl");
            if (typeName is null || table is null || views._tables.ContainsKey(typeName)) continue;
            var headers = table.Descendants("TableColumnHeader").ToList();
            var items = table.Descendants("TableColumnItem").ToList();
            views._tables[typeName] = headers.Select((h, i) =>
                (string?)h.Element("Label") ?? (i < items.Count ? (string?)items[i].Element("PropertyName") : null) ?? "").ToList();
        }
        return views;
    }

    /// <summary>The column labels of the type's first table view (the default one), or null without one.</summary>
    public IReadOnlyList<string>? TableColumns(Type type) => _tables.TryGetValue(type.FullName!, out var columns) ? columns : null;
}
