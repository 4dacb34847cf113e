using System.Reflection;
using System.Runtime.Loader;
using MigrationTools.HelpGen;

// MigrationTools.HelpGen <module.dll> <Help directory> <output MAML file>
// Documentation files (*.xml beside the assembly, written by GenerateDocumentationFile) describe the cmdlets, their
// parameters and their output types. Problems are printed as MSBuild errors and fail the build (exit code 1).
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: MigrationTools.HelpGen <module.dll> <Help directory> <output MAML file>");
    return 2;
}
var assemblyPath = Path.GetFullPath(args[0]);
var directory = Path.GetDirectoryName(assemblyPath)!;
var context = new ModuleContext(directory);
var assembly = context.LoadFromAssemblyPath(assemblyPath);
var docs = DocComments.Load(Directory.GetFiles(directory, "*.xml"));
var (maml, errors) = MamlGenerator.Generate(assembly, docs, args[1]);
foreach (var error in errors) Console.Error.WriteLine(error);
if (maml is null)
{
    Console.Error.WriteLine($"MigrationTools.HelpGen : error MTHELP000: {errors.Count} help problem(s); see docs in CONTRIBUTING.md (Help).");
    return 1;
}
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[2]))!);
maml.Save(args[2]);
Console.WriteLine($"MigrationTools.HelpGen: {maml.Root!.Elements().Count()} commands -> {args[2]}");
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
