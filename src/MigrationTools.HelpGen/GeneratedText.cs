using System.Globalization;
using System.Text;

namespace MigrationTools.HelpGen;

/// <summary>
/// The sentences and tables of the help that restate facts of the code (paging rules, shared parameters, the list of
/// cmdlets): generated from the code at build, so they cannot drift from it.
/// </summary>
internal static class GeneratedText
{
    private const int Width = 80;

    public static string Join(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];

    /// <summary>The description's paragraph on paging, from the operation's paging rule.</summary>
    public static string PagingParagraph(string operation, PagingFacts paging, IReadOnlyList<string> ids)
    {
        var text = new StringBuilder("Paging: ").Append(operation).Append(" takes ");
        text.Append(paging.PageNumber
            ? "a page number from 1 as its offset, not a record offset (the module turns -Skip N into the right page and drops the records before it on that page)"
            : "a record offset from 0 as its offset (-Skip N is sent as offset N)");
        text.Append(CultureInfo.InvariantCulture, $" and a limit of {paging.MinLimit} to {paging.MaxLimit}");
        if (!paging.LimitDocumented) text.Append(" (assumed: the API page gives no range)");
        text.Append(CultureInfo.InvariantCulture, $"; the module asks for {paging.DefaultLimit} records a page unless -PageSize says otherwise. ");
        text.Append("Once the first page tells the total, the other pages are requested concurrently (-ThrottleLimit) and written in the service's order. ");
        text.Append("-First N (or Select-Object -First N) stops the requests once N records are out, and -IncludeTotalCount writes the service's total first.");
        if (ids.Count > 0)
        {
            var names = Join(ids.Select(i => "-" + i).ToList());
            text.Append(CultureInfo.InvariantCulture, $" With {names}, -First and -Skip narrow the ids instead, piped ones included: -Skip N leaves out the first N ids and -First N asks for N ids, unasked ids costing no request.");
        }
        return text.ToString();
    }

    /// <summary>The description's paragraph that names the parameters every cmdlet of its family shares.</summary>
    public static string SharedParametersParagraph(IReadOnlyList<string> parameters) =>
        "Common parameters of the module: " + Join(parameters.Select(p => "-" + p).ToList()) +
        (parameters.Count == 1 ? " says" : " say") + " where and as whom to connect; see about_MigrationTools.";

    /// <summary>
    /// The about topic: the template with its {{Name}} lines replaced by the generated tables, each line at most 80
    /// columns.
    /// </summary>
    public static string AboutTopic(string template, IReadOnlyDictionary<string, IReadOnlyList<string>> tables, List<string> errors, string file)
    {
        var output = new StringBuilder();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in template.Replace("\r\n", "\n").Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("{{", StringComparison.Ordinal) && trimmed.EndsWith("}}", StringComparison.Ordinal))
            {
                var name = trimmed[2..^2];
                if (!tables.TryGetValue(name, out var rows))
                {
                    errors.Add($"{file}: error MTHELP010: no generated table {{{{{name}}}}}; known: {string.Join(", ", tables.Keys)}.");
                    continue;
                }
                used.Add(name);
                foreach (var row in rows) output.Append(row).Append('\n');
                continue;
            }
            output.Append(line).Append('\n');
        }
        foreach (var name in tables.Keys.Where(k => !used.Contains(k)))
            errors.Add($"{file}: error MTHELP010: the template has no line {{{{{name}}}}}.");
        return output.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>Two columns: a name at <paramref name="indent"/>, its text wrapped beside it.</summary>
    public static List<string> Table(IEnumerable<(string Name, IReadOnlyList<string> Text)> rows, int indent)
    {
        var list = rows.ToList();
        var column = indent + list.Max(r => r.Name.Length) + 2;
        var lines = new List<string>();
        foreach (var (name, text) in list)
        {
            var first = true;
            foreach (var part in text)
            {
                foreach (var wrapped in Wrap(part, Width - column))
                {
                    lines.Add((first ? new string(' ', indent) + name.PadRight(column - indent) : new string(' ', column)) + wrapped);
                    first = false;
                }
            }
        }
        return lines;
    }

    /// <summary>An operation's paging rule as two lines of the about topic's PAGING table.</summary>
    public static List<string> PagingRows(IEnumerable<(string Operation, string Cmdlet, PagingFacts Paging)> operations, int indent)
    {
        var lines = new List<string>();
        foreach (var (operation, cmdlet, p) in operations)
        {
            lines.Add(new string(' ', indent) + cmdlet);
            var rule = operation + ": " + (p.PageNumber ? "offset = PAGE NUMBER from 1" : "offset = record offset from 0") +
                $", limit {p.MinLimit} to {p.MaxLimit}" + (p.LimitDocumented ? "" : " (assumed: the API page gives no range)") +
                $", module default {p.DefaultLimit}";
            lines.AddRange(Wrap(rule, Width - indent - 4).Select(l => new string(' ', indent + 4) + l));
        }
        return lines;
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) yield return line.ToString();
    }
}
