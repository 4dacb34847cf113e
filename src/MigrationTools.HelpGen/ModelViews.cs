using System.Collections;
using System.Reflection;

namespace MigrationTools.HelpGen;

/// <summary>A column of a default table: shows the property <see cref="Property"/>, or else the value of <see cref="Script"/>.</summary>
internal sealed record TableColumn(int Order, string Label, int Width, bool AlignRight, bool Wrap, string? Property, string? Script);

/// <summary>A line of a list view: the property <see cref="Property"/>, or else <see cref="Script"/>, shown while <see cref="Condition"/> holds.</summary>
internal sealed record ListLine(int Order, string Label, string? Property, string? Script, string? Condition);

/// <summary>The default table and the list view of one output type.</summary>
internal sealed record ModelView(Type Type, IReadOnlyList<TableColumn> Columns, IReadOnlyList<ListLine> Lines);

/// <summary>
/// Reads the views a model declares with the attributes of MigrationTools.Core.Formatting ([TableColumn], [ListItem],
/// [CountsColumn], [Counted]) and turns each option into the PowerShell that shows it. The module's types live in a
/// load context of their own, so the attributes are matched and read by name.
/// </summary>
internal static class ModelViews
{
    private const int ConsoleWidth = 80;
    private const string Formatting = "MigrationTools.Core.Formatting.";
    private const string UtcMinute = "yyyy-MM-dd HH:mm";

    /// <summary>The views of <paramref name="type"/>; problems (no table, no list, too wide, a bad name) go to <paramref name="errors"/>.</summary>
    public static ModelView Read(Type type, List<string> errors)
    {
        var properties = type.GetProperties(BindingFlags.Instance | BindingFlags.Public);
        var columns = properties.SelectMany(p => Attributes(p, "TableColumnAttribute").Select(a => Column(type, p, a, errors)))
            .Concat(CountsColumns(type, properties)).OrderBy(c => c.Order).ToList();
        var items = properties.SelectMany(p => Attributes(p, "ListItemAttribute").Select(a => (Property: p, Attribute: a)))
            .OrderBy(i => Get<int>(i.Attribute, "Order")).ToList();
        var lines = items.Select(i => Line(type, i.Property, i.Attribute, items, errors)).ToList();
        Check(type, columns, lines, errors);
        return new ModelView(type, columns, lines);
    }

    private static void Check(Type type, List<TableColumn> columns, List<ListLine> lines, List<string> errors)
    {
        if (columns.Count == 0 || lines.Count == 0)
            errors.Add($"{type.FullName}: error MTHELP012: an [OutputType] needs a default table and a list view: mark its properties [TableColumn(order, width)] and [ListItem(order)] (MigrationTools.Core.Formatting).");
        var width = columns.Sum(c => c.Width) + Math.Max(0, columns.Count - 1);
        if (width > ConsoleWidth)
            errors.Add($"{type.FullName}: error MTHELP013: the default table is {width} columns wide (widths and one space between columns), more than {ConsoleWidth}.");
        foreach (var (kind, orders) in new[] { ("table columns", columns.Select(c => c.Order)), ("list items", lines.Select(l => l.Order)) })
        {
            foreach (var order in orders.GroupBy(o => o).Where(g => g.Count() > 1))
                errors.Add($"{type.FullName}: error MTHELP014: two {kind} have order {order.Key}.");
        }
    }

    private static TableColumn Column(Type type, PropertyInfo property, object attribute, List<string> errors)
    {
        var name = property.Name;
        var utc = Get<bool>(attribute, "UtcTime");
        var orElse = Get<string>(attribute, "OrElse");
        var renames = Get<string[]>(attribute, "Renames");
        var script = Get<string>(attribute, "Script") ?? FlagScript(name, Get<string>(attribute, "TrueAs"))
            ?? (utc ? $"if ($_.{name}) {{ $_.{name}.ToString('{UtcMinute}') }}" : null)
            ?? (orElse is null ? null : $"if ($_.{name}) {{ $_.{name} }} else {{ $_.{Known(type, orElse, errors)} }}")
            ?? (renames is null ? null : $"switch ($_.{name}) {{ {string.Concat(renames.Select(Rename))}default {{ $_ }} }}");
        var label = (Get<string>(attribute, "Label") ?? name) + (utc ? " (UTC)" : "");
        return new TableColumn(Get<int>(attribute, "Order"), label, Get<int>(attribute, "Width"), Get<bool>(attribute, "AlignRight"),
            Get<bool>(attribute, "Wrap"), script is null ? name : null, script);
    }

    private static string Rename(string rename)
    {
        var parts = rename.Split('=', 2);
        return $"{Quote(parts[0])} {{ {Quote(parts.Length > 1 ? parts[1] : parts[0])} }} ";
    }

    /// <summary>The [CountsColumn] of the type: its [Counted] collections by name, the only one filled in full, else each one's count.</summary>
    private static IEnumerable<TableColumn> CountsColumns(Type type, PropertyInfo[] properties)
    {
        foreach (var attribute in Attributes(type, "CountsColumnAttribute"))
        {
            var kinds = properties.SelectMany(p => Attributes(p, "CountedAttribute").Select(a => (Property: p.Name, Order: Get<int>(a, "Order"), Name: Get<string>(a, "Name")!)))
                .OrderBy(k => k.Order).Select(k => $"{k.Name} = $_.{k.Property}");
            var script = $"$kinds = [ordered]@{{ {string.Join("; ", kinds)} }}; $filled = @($kinds.Keys | Where-Object {{ $kinds[$_].Count -gt 0 }}); " +
                "if ($filled.Count -eq 1) { \"$($filled[0]): $($kinds[$filled[0]].ToString())\" } else { ($filled | ForEach-Object { \"$($kinds[$_].Count) $_\" }) -join ', ' }";
            yield return new TableColumn(Get<int>(attribute, "Order"), Get<string>(attribute, "Label")!, Get<int>(attribute, "Width"), false,
                Get<bool>(attribute, "Wrap"), null, script);
        }
    }

    private static ListLine Line(Type type, PropertyInfo property, object attribute, List<(PropertyInfo Property, object Attribute)> items, List<string> errors)
    {
        var name = property.Name;
        var label = Get<string>(attribute, "Label");
        var asText = Get<bool>(attribute, "AsText") || (property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType));
        var script = Get<string>(attribute, "Script") ?? FlagScript(name, Get<string>(attribute, "TrueAs"))
            ?? (asText ? $"if ($null -ne $_.{name}) {{ $_.{name}.ToString() }}" : null)
            ?? (label is null ? null : $"$_.{name}");
        return new ListLine(Get<int>(attribute, "Order"), label ?? name, script is null ? name : null, script, Narrowing(type, attribute, items, errors));
    }

    /// <summary>
    /// While the object is narrowed (its NarrowedBy property holds a KeptWhen value of some item), an item shows only
    /// if it is kept for that value.
    /// </summary>
    private static string? Narrowing(Type type, object attribute, List<(PropertyInfo Property, object Attribute)> items, List<string> errors)
    {
        var by = Get<string>(attribute, "NarrowedBy");
        if (by is null) return null;
        Known(type, by, errors);
        var values = items.Where(i => Get<string>(i.Attribute, "NarrowedBy") == by).Select(i => Get<string>(i.Attribute, "KeptWhen"))
            .OfType<string>().Distinct(StringComparer.Ordinal).Select(Quote);
        var kept = Get<string>(attribute, "KeptWhen");
        return $"$_.{by} -notin {string.Join(", ", values)}" + (kept is null ? "" : $" -or $_.{by} -eq {Quote(kept)}");
    }

    private static string? FlagScript(string name, string? trueAs) =>
        trueAs is null ? null : $"if ($_.{name}) {{ {Quote(trueAs)} }} else {{ '' }}";

    private static string Known(Type type, string property, List<string> errors)
    {
        if (type.GetProperty(property) is null)
            errors.Add($"{type.FullName}: error MTHELP014: the view names '{property}', which is no property of the type.");
        return property;
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static IEnumerable<object> Attributes(MemberInfo member, string name) =>
        member.GetCustomAttributes(false).Where(a => a.GetType().FullName == Formatting + name);

    private static T? Get<T>(object attribute, string property) => (T?)attribute.GetType().GetProperty(property)!.GetValue(attribute);
}
