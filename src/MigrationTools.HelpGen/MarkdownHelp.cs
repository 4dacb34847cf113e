using System.Text.RegularExpressions;

namespace MigrationTools.HelpGen;

internal sealed record HelpExample(string Title, string Code, IReadOnlyList<string> Remarks);

internal sealed record HelpLink(string Text, string? Uri);

/// <summary>
/// One src/MigrationTools/Help/&lt;Verb-Noun&gt;.md: "# Verb-Noun", then "## Examples" with "### Title" + a fenced
/// code block + paragraphs per example, an optional "## Notes", and "## Related links" as a list of names or
/// [text](uri) links.
/// </summary>
internal sealed class MarkdownHelp
{
    public required string Command { get; init; }
    public List<HelpExample> Examples { get; } = new();
    public List<string> Notes { get; } = new();
    public List<HelpLink> Links { get; } = new();

    /// <summary>
    /// Parses the file; problems (an unknown section, an example without code, an unknown shared note) are added to
    /// <paramref name="errors"/>. A note that is only {{Name}} stands for the shared note of that name.
    /// </summary>
    public static MarkdownHelp Parse(string text, string file, List<string> errors, IReadOnlyDictionary<string, IReadOnlyList<string>>? shared = null)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        string? command = null, section = null;
        string? title = null;
        var code = new List<string>();
        var prose = new List<string>();
        var inFence = false;
        var examples = new List<HelpExample>();
        var notes = new List<string>();
        var links = new List<HelpLink>();

        void EndExample()
        {
            if (title is null) return;
            if (code.Count == 0) errors.Add($"{file}: error MTHELP003: example '{title}' has no ```powershell code block.");
            examples.Add(new HelpExample(title, string.Join("\n", code).TrimEnd(), Paragraphs(prose)));
            title = null;
            code.Clear();
            prose.Clear();
        }

        void EndSection()
        {
            EndExample();
            if (section == "notes")
            {
                foreach (var note in Paragraphs(prose))
                {
                    var include = Regex.Match(note, @"^\{\{\s*(?<name>[A-Za-z][\w-]*)\s*\}\}$");
                    if (!include.Success) notes.Add(note);
                    else if (shared is not null && shared.TryGetValue(include.Groups["name"].Value, out var paragraphs)) notes.AddRange(paragraphs);
                    else errors.Add($"{file}: error MTHELP007: no shared note '{include.Groups["name"].Value}' (Help/Shared/{include.Groups["name"].Value}.md).");
                }
            }
            prose.Clear();
        }

        foreach (var line in lines)
        {
            if (inFence)
            {
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) { inFence = false; continue; }
                if (title is not null) code.Add(line);
                continue;
            }
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                // A second code block in one example follows the first after a blank line.
                if (code.Count > 0) code.Add("");
                inFence = true;
                continue;
            }
            if (line.StartsWith("# ", StringComparison.Ordinal)) { command = line[2..].Trim(); continue; }
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                EndSection();
                section = line[3..].Trim().ToLowerInvariant();
                if (section is not ("examples" or "notes" or "related links"))
                    errors.Add($"{file}: error MTHELP004: unknown section '## {line[3..].Trim()}' (expected Examples, Notes, Related links).");
                continue;
            }
            if (line.StartsWith("### ", StringComparison.Ordinal) && section == "examples")
            {
                EndExample();
                title = line[4..].Trim();
                continue;
            }
            if (section == "related links")
            {
                var item = Regex.Match(line, @"^\s*[-*]\s+(?:\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)|(?<name>.+))\s*$");
                if (item.Success)
                    links.Add(item.Groups["name"].Success ? new HelpLink(item.Groups["name"].Value.Trim(), null)
                        : new HelpLink(item.Groups["text"].Value.Trim(), item.Groups["uri"].Value.Trim()));
                continue;
            }
            prose.Add(line);
        }
        EndSection();

        if (command is null) errors.Add($"{file}: error MTHELP005: the file does not start with '# Verb-Noun'.");
        var parsed = new MarkdownHelp { Command = command ?? "" };
        parsed.Examples.AddRange(examples);
        parsed.Notes.AddRange(notes);
        parsed.Links.AddRange(links);
        return parsed;
    }

    /// <summary>Paragraphs are separated by blank lines; list items stay one paragraph each.</summary>
    internal static List<string> Paragraphs(IEnumerable<string> lines)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        void Flush()
        {
            if (current.Count > 0) paragraphs.Add(string.Join(" ", current));
            current.Clear();
        }
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0) { Flush(); continue; }
            if (Regex.IsMatch(line, @"^([-*]|\d+\.)\s")) Flush();
            current.Add(line);
        }
        Flush();
        return paragraphs;
    }
}
