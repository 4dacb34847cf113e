using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using MigrationTools.HelpGen;

// MigrationTools.HelpGen <module.dll> <module source folder> <manifest template> <module output folder>
// Writes what the build derives from the code into the module's output folder: the MAML help
// (en-US/MigrationTools.dll-Help.xml, from the XML doc comments beside the assembly and Help/*.md), the about topic
// (en-US/about_MigrationTools.help.txt, its {{Cmdlets}}, {{Paging}} and {{SeeAlso}} lines filled in), the
// manifest (CmdletsToExport: the cmdlet classes) and the views (MigrationTools.format.ps1xml, from the attributes of
// the cmdlets' [OutputType] models). Problems are printed as MSBuild errors and fail the build (exit 1).
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: MigrationTools.HelpGen <module.dll> <module source folder> <manifest template> <module output folder>");
    return 2;
}
var assemblyPath = Path.GetFullPath(args[0]);
var source = Path.GetFullPath(args[1]);
var manifestTemplate = Path.GetFullPath(args[2]);
var output = Path.GetFullPath(args[3]);
var directory = Path.GetDirectoryName(assemblyPath)!;
var context = new ModuleContext(directory);
var assembly = context.LoadFromAssemblyPath(assemblyPath);
var docs = DocComments.Load(Directory.GetFiles(directory, "*.xml"));
var viewErrors = new List<string>();
var views = Views.Of(MamlGenerator.Cmdlets(assembly.GetExportedTypes()).Select(c => c.Type), viewErrors);
var (maml, errors) = MamlGenerator.Generate(assembly, docs, Path.Combine(source, "Help"), views);
errors.AddRange(viewErrors);

var cmdlets = MamlGenerator.Cmdlets(assembly.GetExportedTypes())
    .Select(c => (Name: c.Attribute.VerbName + "-" + c.Attribute.NounName, c.Type, c.Attribute, Operation: CmdletFacts.Operation(CmdletFacts.NewInstance(c.Type))))
    .ToList();

var aboutTemplate = Path.Combine(source, "en-US", "about_MigrationTools.help.txt");
var about = GeneratedText.AboutTopic(File.ReadAllText(aboutTemplate), new Dictionary<string, IReadOnlyList<string>>
{
    ["Cmdlets"] = GeneratedText.Table(cmdlets.Select(c => (c.Name, (IReadOnlyList<string>)docs.Of(c.Type, "summary")
        .Concat(c.Operation is null ? Array.Empty<string>() : new[] { "API: " + c.Operation.Name }).ToList())), indent: 8),
    ["Paging"] = GeneratedText.PagingRows(cmdlets.Where(c => c.Attribute.SupportsPaging && c.Operation?.Paging is not null)
        .Select(c => (c.Operation!.Name, c.Name, c.Operation.Paging!)), indent: 8),
    ["SeeAlso"] = cmdlets.Select(c => "    " + c.Name).ToList(),
}, errors, aboutTemplate);

var manifestText = File.ReadAllText(manifestTemplate);
var list = new Regex(@"(?m)^([ \t]*)CmdletsToExport([ \t]*)=[ \t]*@\([^)]*\)");
var match = list.Match(manifestText);
if (!match.Success) errors.Add($"{manifestTemplate}: error MTHELP011: no 'CmdletsToExport = @(...)' to fill in with the cmdlets.");
else
{
    var indent = match.Groups[1].Value;
    var block = $"{indent}CmdletsToExport{match.Groups[2].Value}= @(\n" + string.Concat(cmdlets.Select(c => $"{indent}    '{c.Name}'\n")) + $"{indent})";
    manifestText = manifestText.Remove(match.Index, match.Length).Insert(match.Index, block);
}

foreach (var error in errors) Console.Error.WriteLine(error);
if (maml is null || errors.Count > 0)
{
    Console.Error.WriteLine($"MigrationTools.HelpGen : error MTHELP000: {errors.Count} help problem(s); see docs in CONTRIBUTING.md (Help).");
    return 1;
}
Directory.CreateDirectory(Path.Combine(output, "en-US"));
maml.Save(Path.Combine(output, "en-US", Path.GetFileName(assemblyPath) + "-Help.xml"));
File.WriteAllText(Path.Combine(output, "en-US", Path.GetFileName(aboutTemplate)), about);
File.WriteAllText(Path.Combine(output, Path.GetFileName(manifestTemplate)), manifestText);
FormatFile.Save(FormatFile.Generate(views), Path.Combine(output, FormatFile.FileName));
Console.WriteLine($"MigrationTools.HelpGen: {cmdlets.Count} commands -> {output} (help, about topic, manifest, views)");
return 0;

/// <summary>
/// Loads the module and its dependencies from its build folder; the PowerShell engine (System.Management.Automation)
/// comes from this tool, standing in for the host's, so the cmdlets' attributes are the engine's own types.
/// </summary>
internal sealed class ModuleContext(string directory) : AssemblyLoadContext("module", isCollectible: false)
{
    // The runtime's own assemblies (System.Memory, System.Text.Json...) win over the netstandard copies in the build
    // folder, so types such as Span<T> are the runtime's.
    private static readonly HashSet<string> Platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(Path.GetFileNameWithoutExtension).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);

    protected override Assembly? Load(AssemblyName name)
    {
        if (name.Name is null || name.Name == "System.Management.Automation" || Platform.Contains(name.Name)) return null;
        var path = Path.Combine(directory, name.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
