using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace MigrationTools.LoadContext;

/// <summary>
/// The module's private load context on PowerShell 7 (.NET): MigrationTools.Core and its dependencies (Polly.Core,
/// System.Text.Json, ...) are loaded from the module's Dependencies folder into it, so another module that loaded
/// other versions of them into the default context neither breaks us nor is broken by us.
/// The entry is one hook: when the default context cannot find MigrationTools.Core (which MigrationTools.dll
/// references), it is loaded here; from then on every dependency of MigrationTools.Core is asked of this context
/// first (<see cref="Load"/>), which is what keeps them private.
/// </summary>
public sealed class ModuleLoadContext : AssemblyLoadContext
{
    /// <summary>The one assembly the default context is pointed to; everything else follows from its references.</summary>
    public const string EntryAssemblyName = "MigrationTools.Core";

    // The netstandard2.0 packages bring these for old frameworks; .NET has them built in, and a second copy would
    // give their types (Span, Memory, ValueTask...) a second identity that the runtime's own APIs reject.
    private static readonly HashSet<string> RuntimeFacades = new(StringComparer.OrdinalIgnoreCase)
    {
        "System.Memory", "System.Buffers", "System.Runtime.CompilerServices.Unsafe", "System.Threading.Tasks.Extensions",
        "System.Numerics.Vectors", "System.ComponentModel.Annotations", "netstandard",
    };

    private static readonly object Gate = new();
    private static ModuleLoadContext? _instance;
    private static int _imports;

    private readonly string _directory;

    private ModuleLoadContext(string directory) => _directory = directory;

    /// <summary>The private context, once the module was imported (for diagnostics and tests).</summary>
    public static AssemblyLoadContext? Instance => _instance;

    /// <summary>Called on each Import-Module (any runspace): hooks the default context once per process.</summary>
    public static void Register(string dependencyDirectory)
    {
        lock (Gate)
        {
            // One context per process: a second Import-Module (another runspace) must see the same types.
            _instance ??= new ModuleLoadContext(dependencyDirectory);
            if (_imports++ == 0) Default.Resolving += ResolveEntry;
        }
    }

    /// <summary>Called on Remove-Module: unhooks when no runspace has the module imported any more.</summary>
    public static void Unregister()
    {
        lock (Gate)
        {
            if (_imports > 0 && --_imports == 0) Default.Resolving -= ResolveEntry;
        }
    }

    private static Assembly? ResolveEntry(AssemblyLoadContext context, AssemblyName name)
    {
        // Only our own entry assembly: requests of other modules, and our dependencies' names, are not ours to answer here.
        if (!string.Equals(name.Name, EntryAssemblyName, StringComparison.Ordinal)) return null;
        var instance = _instance;
        // LoadFromAssemblyName goes through the context's cache, so a second request returns the same assembly.
        return instance is null ? null : instance.LoadFromAssemblyName(name);
    }

    /// <summary>Our dependencies from the Dependencies folder; framework facades and anything else from the default context.</summary>
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name;
        if (string.IsNullOrEmpty(name)) return null;
        if (RuntimeFacades.Contains(name!) && RuntimeProvides(name!)) return null;
        var path = Path.Combine(_directory, name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    private static bool RuntimeProvides(string name) =>
        File.Exists(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), name + ".dll"));
}
