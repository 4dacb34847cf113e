using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MigrationTools.HelpGen;

/// <summary>The XML documentation files the compiler writes (GenerateDocumentationFile), read as help text.</summary>
internal sealed class DocComments
{
    private readonly Dictionary<string, XElement> _members = new(StringComparer.Ordinal);

    public static DocComments Load(IEnumerable<string> files)
    {
        var docs = new DocComments();
        foreach (var file in files)
        {
            var root = XDocument.Load(file).Root;
            if (root?.Name != "doc") continue;
            foreach (var member in root.Elements("members").Elements("member"))
            {
                var name = (string?)member.Attribute("name");
                if (name is not null) docs._members[name] = member;
            }
        }
        return docs;
    }

    public static DocComments Parse(string xml)
    {
        var docs = new DocComments();
        foreach (var member in XDocument.Parse(xml).Descendants("member"))
            docs._members[(string)member.Attribute("name")!] = member;
        return docs;
    }

    /// <summary>The paragraphs of a tag (summary, remarks, value) of a type or property; empty when it has none.</summary>
    public IReadOnlyList<string> Of(Type type, string tag) => Paragraphs("T:" + Id(type), tag);

    public IReadOnlyList<string> Of(System.Reflection.PropertyInfo property, string tag) =>
        Paragraphs("P:" + Id(property.DeclaringType!) + "." + property.Name, tag);

    private IReadOnlyList<string> Paragraphs(string id, string tag) =>
        _members.TryGetValue(id, out var member) && member.Element(tag) is { } element ? Paragraphs(element) : Array.Empty<string>();

    // Nested types are "Outer.Inner" in documentation ids, "Outer+Inner" in reflection.
    private static string Id(Type type) => type.FullName!.Replace('+', '.');

    /// <summary>
    /// Text split into paragraphs at &lt;para&gt; elements and blank lines, white space folded; &lt;see cref&gt; becomes
    /// the member's short name, &lt;c&gt; and &lt;paramref&gt; their text.
    /// </summary>
    internal static IReadOnlyList<string> Paragraphs(XElement element)
    {
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        void Flush()
        {
            var text = Regex.Replace(current.ToString(), @"\s+", " ").Trim();
            if (text.Length > 0) paragraphs.Add(text);
            current.Clear();
        }
        void Walk(XNode node)
        {
            switch (node)
            {
                case XText text:
                    var parts = Regex.Split(text.Value, @"\n[ \t]*(?:///)?[ \t]*\n");
                    for (var i = 0; i < parts.Length; i++)
                    {
                        if (i > 0) Flush();
                        current.Append(parts[i]);
                    }
                    break;
                case XElement { Name.LocalName: "para" } para:
                    Flush();
                    foreach (var child in para.Nodes()) Walk(child);
                    Flush();
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see:
                    var target = (string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? (string?)see.Attribute("href") ?? "";
                    current.Append(see.Nodes().Any() ? see.Value : ShortName(target));
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                    current.Append((string?)reference.Attribute("name"));
                    break;
                case XElement other:
                    foreach (var child in other.Nodes()) Walk(child);
                    break;
            }
        }
        foreach (var node in element.Nodes()) Walk(node);
        Flush();
        return paragraphs;
    }

    private static string ShortName(string cref)
    {
        var name = cref.Contains(':') ? cref[(cref.IndexOf(':') + 1)..] : cref;
        var paren = name.IndexOf('(');
        if (paren >= 0) name = name[..paren];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
