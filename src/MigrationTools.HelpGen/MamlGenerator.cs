using System.Management.Automation;
using System.Reflection;
using System.Xml.Linq;

namespace MigrationTools.HelpGen;

/// <summary>
/// Writes MAML for every cmdlet of an assembly: synopsis and description from the class's &lt;summary&gt; and
/// &lt;remarks&gt;, each parameter's description from its property's &lt;summary&gt; (default: &lt;value&gt;), syntax
/// per parameter set, inputs from the pipeline parameters, outputs from [OutputType] (described by the type's
/// &lt;summary&gt;), and examples, notes and related links from Help/&lt;Verb-Noun&gt;.md.
/// </summary>
internal static class MamlGenerator
{
    public const int MinimumExamples = 2;

    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    /// <summary>
    /// Parameters PowerShell adds (SupportsPaging): described here, once, as PowerShell defines them and the module
    /// applies them; {ids} is the cmdlet's by-id parameters (see <see cref="IdParameters"/>), which they narrow too.
    /// </summary>
    private static (string Name, Type Type, string Description, string Default)[] PagingParameters(List<string> ids)
    {
        var idList = string.Join(", ", ids.Select(i => "-" + i));
        return new[]
        {
            ("IncludeTotalCount", typeof(SwitchParameter), "Writes the service's total number of records (the total or count field of the first page) before the records, as a PowerShell total-count object (\"Total count: 1200\"). When the service sends no total, it reports \"Unknown total count\". Added by PowerShell (SupportsPaging).", "False"),
            ("Skip", typeof(ulong), "Skips the first N records. The module turns it into the API's offset instead of fetching and discarding records." +
                (ids.Count > 0 ? $" With {idList}, skips the first N ids, piped ones included, and asks for none of them." : "") + " Added by PowerShell (SupportsPaging).", "0"),
            ("First", typeof(ulong), "Returns only the first N records (after -Skip). Requests stop as soon as N records are out: -First 3 costs one request. Select-Object -First N stops the requests in the same way." +
                (ids.Count > 0 ? $" With {idList}, asks for the first N ids only, piped ones included." : "") + " Added by PowerShell (SupportsPaging).", "all records"),
        };
    }

    /// <summary>
    /// The by-id parameters of a paged cmdlet, which -First and -Skip narrow (HuaweiCloudListCmdlet.PagedIds): the
    /// lists of ids bound by property name from the objects of a listing (-TaskId, -JobId).
    /// </summary>
    private static List<string> IdParameters(IEnumerable<Parameter> parameters) => parameters
        .Where(p => p.Property.PropertyType == typeof(string[]) && p.Attributes.Any(a => a.ValueFromPipelineByPropertyName))
        .Select(p => p.Name).ToList();

    private static readonly (string Name, Type Type, string Description, string Default)[] ShouldProcessParameters =
    {
        ("WhatIf", typeof(SwitchParameter), "Shows what would happen if the cmdlet runs, without changing anything.", "False"),
        ("Confirm", typeof(SwitchParameter), "Asks for confirmation before making the change.", "False"),
    };

    private static readonly string[] NoInput = { "This cmdlet takes no pipeline input." };

    /// <summary>The MAML document, or the problems that prevent it (each a line MSBuild shows as an error).</summary>
    public static (XDocument? Maml, List<string> Errors) Generate(Assembly assembly, DocComments docs, string helpDirectory, Views? views = null) =>
        Generate(assembly.GetExportedTypes(), docs, helpDirectory, views);

    /// <summary>The cmdlets among <paramref name="types"/>, with their attribute, in the order of their names.</summary>
    public static List<(Type Type, CmdletAttribute Attribute)> Cmdlets(IEnumerable<Type> types) => types
        .Select(t => (Type: t, Attribute: t.GetCustomAttribute<CmdletAttribute>()!))
        .Where(c => c.Attribute is not null && !c.Type.IsAbstract)
        .OrderBy(c => c.Attribute.VerbName + "-" + c.Attribute.NounName, StringComparer.Ordinal)
        .ToList();

    /// <summary>The MAML for the cmdlets among <paramref name="types"/>.</summary>
    public static (XDocument? Maml, List<string> Errors) Generate(IEnumerable<Type> types, DocComments docs, string helpDirectory, Views? views = null)
    {
        var errors = new List<string>();
        var cmdlets = Cmdlets(types);

        var markdown = new Dictionary<string, (MarkdownHelp Help, string File)>(StringComparer.OrdinalIgnoreCase);
        if (Directory.Exists(helpDirectory))
        {
            var shared = SharedNotes(helpDirectory);
            foreach (var file in Directory.GetFiles(helpDirectory, "*.md").OrderBy(f => f, StringComparer.Ordinal))
            {
                var help = MarkdownHelp.Parse(File.ReadAllText(file), file, errors, shared);
                var expected = Path.GetFileNameWithoutExtension(file);
                if (!string.Equals(help.Command, expected, StringComparison.OrdinalIgnoreCase))
                    errors.Add($"{file}: error MTHELP005: the heading names '{help.Command}', the file name '{expected}'.");
                markdown[expected] = (help, file);
            }
        }

        var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
            new XAttribute(XNamespace.Xmlns + "maml", Maml), new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev));
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (type, attribute) in cmdlets)
        {
            var name = attribute!.VerbName + "-" + attribute.NounName;
            names.Add(name);
            if (!markdown.TryGetValue(name, out var md))
            {
                errors.Add($"{Path.Combine(helpDirectory, name + ".md")}: error MTHELP002: {name} has no examples file; write {name}.md with at least {MinimumExamples} examples.");
                md = (new MarkdownHelp { Command = name }, "");
            }
            root.Add(CommandElement(type, attribute, name, docs, md.Help, views ?? Views.Empty, errors));
        }
        foreach (var stale in markdown.Keys.Where(k => !names.Contains(k)))
            errors.Add($"{markdown[stale].File}: error MTHELP006: no cmdlet {stale}; rename or remove the file.");

        return errors.Count > 0 ? (null, errors) : (new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XComment(" Generated at build by src/MigrationTools.HelpGen from the cmdlets' XML doc comments and src/MigrationTools/Help/*.md. Do not edit. "),
            root), errors);
    }

    /// <summary>
    /// Help/Shared/&lt;Name&gt;.md: notes that several cmdlets share (credentials, endpoints, errors), written once and
    /// put into a cmdlet's "## Notes" by a line {{Name}}.
    /// </summary>
    private static Dictionary<string, IReadOnlyList<string>> SharedNotes(string helpDirectory)
    {
        var notes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var folder = Path.Combine(helpDirectory, "Shared");
        if (!Directory.Exists(folder)) return notes;
        foreach (var file in Directory.GetFiles(folder, "*.md"))
            notes[Path.GetFileNameWithoutExtension(file)] = MarkdownHelp.Paragraphs(File.ReadAllLines(file));
        return notes;
    }

    private sealed record Parameter(PropertyInfo Property, IReadOnlyList<ParameterAttribute> Attributes)
    {
        public string Name => Property.Name;
        public bool In(string set) => Attributes.Any(a => a.ParameterSetName == set || a.ParameterSetName == ParameterAttribute.AllParameterSets);
        public ParameterAttribute For(string? set) =>
            Attributes.FirstOrDefault(a => a.ParameterSetName == set) ?? Attributes.First(a => a.ParameterSetName == ParameterAttribute.AllParameterSets || set is null);
    }

    private static XElement CommandElement(Type type, CmdletAttribute cmdlet, string name, DocComments docs, MarkdownHelp md, Views views, List<string> errors)
    {
        var synopsis = docs.Of(type, "summary");
        var description = docs.Of(type, "remarks").ToList();
        var instance = CmdletFacts.NewInstance(type);
        var operation = CmdletFacts.Operation(instance);
        if (synopsis.Count == 0) errors.Add($"{type.FullName}: error MTHELP001: {name} has no synopsis: write a one-sentence /// <summary> on the class.");
        if (description.Count == 0) errors.Add($"{type.FullName}: error MTHELP001: {name} has no description: write /// <remarks> on the class.");
        if (md.Examples.Count < MinimumExamples)
            errors.Add($"{type.FullName}: error MTHELP002: {name} has {md.Examples.Count} example(s) in Help/{name}.md; at least {MinimumExamples} are required.");

        // Declared order, the cmdlet's own parameters before those of its base classes.
        var parameters = Hierarchy(type)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).OrderBy(p => p.MetadataToken))
            .Select(p => new Parameter(p, p.GetCustomAttributes<ParameterAttribute>(true).ToList()))
            .Where(p => p.Attributes.Count > 0)
            .GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Select(g => g.First())
            .ToList();
        foreach (var p in parameters.Where(p => docs.Of(p.Property, "summary").Count == 0))
            errors.Add($"{p.Property.DeclaringType!.FullName}.{p.Name}: error MTHELP001: parameter -{p.Name} of {name} has no description: write /// <summary> on the property.");

        // Every parameter set PowerShell makes: those the parameters name, and the default set even when no
        // parameter names it (it then holds the parameters of all sets).
        var sets = parameters.SelectMany(p => p.Attributes).Select(a => a.ParameterSetName)
            .Where(s => s != ParameterAttribute.AllParameterSets).Distinct(StringComparer.Ordinal).ToList();
        if (cmdlet.DefaultParameterSetName is { } defaultSet && sets.Count > 0)
        {
            sets.Remove(defaultSet);
            sets.Insert(0, defaultSet);
        }
        var ids = IdParameters(parameters);
        var engine = (cmdlet.SupportsPaging ? PagingParameters(ids) : Array.Empty<(string, Type, string, string)>())
            .Concat(cmdlet.SupportsShouldProcess ? ShouldProcessParameters : Array.Empty<(string, Type, string, string)>()).ToList();

        // What the code says once and the help repeats: the paging rule of the operation, the shared parameters.
        if (operation?.Paging is { } paging && cmdlet.SupportsPaging) description.Add(GeneratedText.PagingParagraph(operation.Name, paging, ids));
        if (SharedParameters(type, parameters) is { Count: > 0 } shared) description.Add(GeneratedText.SharedParametersParagraph(shared));
        var outputTypes = type.GetCustomAttributes<OutputTypeAttribute>(true).SelectMany(o => o.Type).Select(t => t.Type).OfType<Type>().ToList();
        if (operation is not null && !outputTypes.Any(t => t.FullName == operation.RecordType.FullName))
            errors.Add($"{type.FullName}: error MTHELP009: {name} calls {operation.Name}, whose records are {operation.RecordType.Name}, but its [OutputType] does not name {operation.RecordType.Name}.");

        var syntax = new XElement(Command + "syntax");
        foreach (var set in sets.Count == 0 ? new string?[] { null } : sets.Cast<string?>())
        {
            var item = new XElement(Command + "syntaxItem", new XElement(Maml + "name", name));
            // Hidden parameters (DontShow) are documented, but left out of the syntax, as tab completion leaves them out.
            var inSet = parameters.Where(p => (set is null || p.In(set)) && !p.Attributes.Any(a => a.DontShow))
                .OrderBy(p => p.For(set).Position < 0 ? int.MaxValue : p.For(set).Position).ToList();
            foreach (var p in inSet) item.Add(ParameterElement(p, p.For(set), docs, instance, new List<string>()));
            foreach (var e in engine) item.Add(EngineParameterElement(e));
            syntax.Add(item);
        }

        var all = new XElement(Command + "parameters");
        foreach (var p in parameters) all.Add(ParameterElement(p, p.Attributes[0], docs, instance, errors, merged: p.Attributes));
        foreach (var e in engine) all.Add(EngineParameterElement(e));

        var inputs = new XElement(Command + "inputTypes");
        foreach (var group in parameters.Where(p => p.Attributes.Any(a => a.ValueFromPipeline || a.ValueFromPipelineByPropertyName))
                     .GroupBy(p => p.Attributes.Any(a => a.ValueFromPipeline) ? p.Property.PropertyType.FullName! : "System.Management.Automation.PSObject"))
        {
            var text = group.Key == "System.Management.Automation.PSObject"
                ? "Objects with a property named " + string.Join(", ", group.Select(p => p.Name)) + " (bound by property name), such as the output of the module's other cmdlets."
                : "Values piped to -" + string.Join(", -", group.Select(p => p.Name)) + ".";
            inputs.Add(new XElement(Command + "inputType", TypeElement(group.Key), Paras(Maml + "description", new[] { text })));
        }
        if (!inputs.HasElements)
            inputs.Add(new XElement(Command + "inputType", TypeElement("None"), Paras(Maml + "description", NoInput)));

        var outputs = new XElement(Command + "returnValues");
        foreach (var output in type.GetCustomAttributes<OutputTypeAttribute>(true))
        {
            foreach (var t in output.Type)
            {
                var text = new List<string>();
                if (output.ParameterSetName is { Length: > 0 } outputSets && !outputSets.Contains(ParameterAttribute.AllParameterSets))
                    text.Add("Parameter set " + string.Join(", ", outputSets) + ".");
                if (t.Type is not null) text.AddRange(docs.Of(t.Type, "summary"));
                if (t.Type is not null && views.TableColumns(t.Type) is { Count: > 0 } columns)
                    text.Add("The default table shows " + GeneratedText.Join(columns) + " (the view in MigrationTools.format.ps1xml); Format-List * shows every property.");
                outputs.Add(new XElement(Command + "returnValue", TypeElement(t.Type?.FullName ?? t.Name), Paras(Maml + "description", text)));
            }
        }

        var examples = new XElement(Command + "examples");
        foreach (var example in md.Examples)
            examples.Add(new XElement(Command + "example",
                new XElement(Maml + "title", $"-------------------------- {example.Title} --------------------------"),
                new XElement(Dev + "code", example.Code),
                Paras(Dev + "remarks", example.Remarks)));

        var links = new XElement(Command + "relatedLinks");
        foreach (var link in md.Links)
            links.Add(new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", link.Text), new XElement(Maml + "uri", link.Uri ?? "")));

        return new XElement(Command + "command",
            new XElement(Command + "details",
                new XElement(Command + "name", name),
                new XElement(Command + "verb", cmdlet.VerbName),
                new XElement(Command + "noun", cmdlet.NounName),
                Paras(Maml + "description", synopsis)),
            Paras(Maml + "description", description),
            syntax, all, inputs, outputs,
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", md.Notes.Select(n => new XElement(Maml + "para", n)))),
            examples, links);
    }

    private static IEnumerable<Type> Hierarchy(Type type)
    {
        for (var t = type; t is not null && t != typeof(PSCmdlet) && t != typeof(Cmdlet); t = t.BaseType) yield return t;
    }

    /// <summary>
    /// The parameters every cmdlet of a family shares: those of its root base class (the last abstract class below
    /// PSCmdlet, HuaweiCloudCmdlet for the API cmdlets); none for a cmdlet that derives from PSCmdlet itself.
    /// </summary>
    private static List<string> SharedParameters(Type type, IEnumerable<Parameter> parameters)
    {
        var root = Hierarchy(type).Last();
        return root == type || !root.IsAbstract ? new List<string>() : parameters.Where(p => p.Property.DeclaringType == root).Select(p => p.Name).ToList();
    }

    private static XElement ParameterElement(Parameter p, ParameterAttribute attribute, DocComments docs, object? instance, List<string> errors,
        IReadOnlyList<ParameterAttribute>? merged = null)
    {
        var attributes = merged ?? new[] { attribute };
        var type = p.Property.PropertyType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        var byValue = attributes.Any(a => a.ValueFromPipeline);
        var byName = attributes.Any(a => a.ValueFromPipelineByPropertyName);
        var pipeline = byValue || byName ? $"True ({string.Join(", ", new[] { byValue ? "ByValue" : null, byName ? "ByPropertyName" : null }.Where(s => s is not null))})" : "False";
        var position = attributes.Select(a => a.Position).FirstOrDefault(x => x >= 0, -1);
        var aliases = p.Property.GetCustomAttributes<AliasAttribute>(true).SelectMany(a => a.AliasNames).ToList();
        var element = new XElement(Command + "parameter",
            new XAttribute("required", attributes.All(a => a.Mandatory) ? "true" : "false"),
            new XAttribute("variableLength", type.IsArray ? "true" : "false"),
            new XAttribute("globbing", "false"),
            new XAttribute("pipelineInput", pipeline),
            new XAttribute("position", position >= 0 ? position.ToString(System.Globalization.CultureInfo.InvariantCulture) : "named"),
            new XAttribute("aliases", aliases.Count > 0 ? string.Join(", ", aliases) : "none"),
            new XElement(Maml + "name", p.Name),
            Paras(Maml + "description", docs.Of(p.Property, "summary")));
        var values = AllowedValues(p.Property);
        if (values.Count > 0)
            element.Add(new XElement(Command + "parameterValueGroup",
                values.Select(v => new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
        if (type != typeof(SwitchParameter))
            element.Add(new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", type.IsArray ? "true" : "false"), ShortTypeName(type)));
        element.Add(TypeElement(type.FullName!));
        element.Add(new XElement(Dev + "defaultValue", DefaultValue(p, docs, instance, errors)));
        return element;
    }

    /// <summary>
    /// The default as the code sets it (the property on a new cmdlet), with the &lt;value&gt; doc comment saying what
    /// else decides it in parentheses: "4 ($env:MIGRATIONTOOLS_THROTTLE_LIMIT when set)". Without a value in the code,
    /// the &lt;value&gt; text alone, else None (False for a switch). A &lt;value&gt; that repeats the code's value is an
    /// error: the number would be written twice and drift.
    /// </summary>
    private static string DefaultValue(Parameter p, DocComments docs, object? instance, List<string> errors)
    {
        var text = string.Join(" ", docs.Of(p.Property, "value"));
        var code = CmdletFacts.Default(instance, p.Property);
        if (code is null) return text.Length > 0 ? text : p.Property.PropertyType == typeof(SwitchParameter) ? "False" : "None";
        if (text.StartsWith(code, StringComparison.OrdinalIgnoreCase))
            errors.Add($"{p.Property.DeclaringType!.FullName}.{p.Name}: error MTHELP008: the <value> of -{p.Name} repeats its default {code}, which is read from the code; say only what else decides it.");
        return text.Length > 0 ? $"{code} ({text})" : code;
    }

    /// <summary>
    /// The values of [ValidateSet] and of any validation attribute with a public ValidValues list (the module's
    /// own, whose values come from the API descriptions), so Get-Help lists what the parameter accepts.
    /// </summary>
    private static List<string> AllowedValues(PropertyInfo property) =>
        property.GetCustomAttributes(true)
            .Select(a => a.GetType().GetProperty("ValidValues")?.GetValue(a))
            .OfType<IEnumerable<string>>()
            .SelectMany(v => v).ToList();

    private static XElement EngineParameterElement((string Name, Type Type, string Description, string Default) p)
    {
        var element = new XElement(Command + "parameter",
            new XAttribute("required", "false"), new XAttribute("variableLength", "false"), new XAttribute("globbing", "false"),
            new XAttribute("pipelineInput", "False"), new XAttribute("position", "named"), new XAttribute("aliases", "none"),
            new XElement(Maml + "name", p.Name),
            Paras(Maml + "description", new[] { p.Description }));
        if (p.Type != typeof(SwitchParameter))
            element.Add(new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), ShortTypeName(p.Type)));
        element.Add(TypeElement(p.Type.FullName!), new XElement(Dev + "defaultValue", p.Default));
        return element;
    }

    private static string ShortTypeName(Type type) => type.IsArray ? ShortTypeName(type.GetElementType()!) + "[]" : type.Name;

    private static XElement TypeElement(string name) => new(Dev + "type", new XElement(Maml + "name", name), new XElement(Maml + "uri"));

    private static XElement Paras(XName name, IEnumerable<string> paragraphs) =>
        new(name, paragraphs.Select(p => new XElement(Maml + "para", p)));
}
