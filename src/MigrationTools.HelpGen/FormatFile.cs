using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace MigrationTools.HelpGen;

/// <summary>
/// Writes MigrationTools.format.ps1xml from the views the models declare: per type its default table (the first
/// view, named after the type) and its list view (named Type + "List").
/// </summary>
internal static class FormatFile
{
    public const string FileName = "MigrationTools.format.ps1xml";

    private static readonly string[] Header =
    {
        "Generated at build by src/MigrationTools.HelpGen from the models' [TableColumn] and [ListItem] attributes",
        "(MigrationTools.Core.Formatting): change those, not this file.",
        "Default views, made for an 80-column console: each table fits 80 columns with its header on one line (widths set),",
        "showing what a user scans first; ids and everything else are in the list view (Format-List) and on the objects.",
        "Times in tables are UTC, to the minute. Collections show as \"a; b\" (their ToString), never as {a, b}.",
        "A RocketMQ task narrowed to one kind of metadata (-Type exchange...) shows those names, wrapped, not cut.",
    };

    public static XDocument Generate(Views views) => new(
        new XDeclaration("1.0", "utf-8", null),
        new XComment(" " + string.Join("\n     ", Header) + " "),
        new XElement("Configuration", new XElement("ViewDefinitions",
            views.All.SelectMany(v => new[] { Table(v), List(v) }))));

    public static void Save(XDocument document, string path)
    {
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var writer = XmlWriter.Create(path, settings);
        document.Save(writer);
    }

    private static XElement View(ModelView view, string name, XElement control) => new("View",
        new XElement("Name", name),
        new XElement("ViewSelectedBy", new XElement("TypeName", view.Type.FullName)),
        control);

    private static XElement Table(ModelView view) => View(view, view.Type.Name, new XElement("TableControl",
        new XElement("TableHeaders", view.Columns.Select(c => new XElement("TableColumnHeader",
            new XElement("Label", c.Label), new XElement("Width", c.Width), c.AlignRight ? new XElement("Alignment", "Right") : null))),
        new XElement("TableRowEntries", new XElement("TableRowEntry",
            view.Columns.Any(c => c.Wrap) ? new XElement("Wrap") : null,
            new XElement("TableColumnItems", view.Columns.Select(c => new XElement("TableColumnItem", Value(c.Property, c.Script))))))));

    private static XElement List(ModelView view) => View(view, view.Type.Name + "List", new XElement("ListControl",
        new XElement("ListEntries", new XElement("ListEntry", new XElement("ListItems", view.Lines.Select(l => new XElement("ListItem",
            l.Property is null ? new XElement("Label", l.Label) : null,
            l.Condition is null ? null : new XElement("ItemSelectionCondition", new XElement("ScriptBlock", l.Condition)),
            Value(l.Property, l.Script))))))));

    private static XElement Value(string? property, string? script) =>
        property is not null ? new XElement("PropertyName", property) : new XElement("ScriptBlock", script);
}
