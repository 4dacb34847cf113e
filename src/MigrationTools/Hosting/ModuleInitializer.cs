using System.Management.Automation;
using System.Reflection;

namespace MigrationTools.Hosting;

/// <summary>
/// Runs when Import-Module loads the assembly: makes MigrationTools.Core and its dependencies, kept in the module's
/// Dependencies folder, loadable without clashing with other modules' versions of the same libraries.
/// <list type="bullet">
/// <item>PowerShell 7 (.NET): a private AssemblyLoadContext (MigrationTools.LoadContext.dll, beside this assembly),
/// entered through the default context's Resolving event for MigrationTools.Core only.</item>
/// <item>Windows PowerShell 5.1 (.NET Framework, one context): an AppDomain.AssemblyResolve handler that answers only
/// for the names in Dependencies, and only when the request comes from this module (or names no requester).</item>
/// </list>
/// This class itself never mentions AssemblyLoadContext, so it loads on .NET Framework.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly Assembly Self = typeof(ModuleInitializer).Assembly;
    internal static readonly string ModuleDirectory = Path.GetDirectoryName(Self.Location) ?? ".";
    internal static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, "Dependencies");
    private const string LoadContextAssembly = "MigrationTools.LoadContext";
    private const string LoadContextType = "MigrationTools.LoadContext.ModuleLoadContext";

    // .NET has AssemblyLoadContext in its core library; .NET Framework does not (PSResourceGet tests the same way).
    internal static bool IsNetCore { get; } = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext") is not null;

    public void OnImport()
    {
        if (IsNetCore) InvokeLoadContext("Register", DependencyDirectory);
        else NetFrameworkResolver.Register();
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        if (IsNetCore) InvokeLoadContext("Unregister");
        else NetFrameworkResolver.Unregister();
    }

    // Reflection rather than a reference: MigrationTools.dll must not depend on an assembly that derives from a type
    // .NET Framework lacks. LoadFrom puts it in the default context, where the hook it installs belongs.
    private static void InvokeLoadContext(string method, params object[] args)
    {
        var assembly = Assembly.LoadFrom(Path.Combine(ModuleDirectory, LoadContextAssembly + ".dll"));
        var type = assembly.GetType(LoadContextType, throwOnError: true)!;
        type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, args);
    }
}

/// <summary>Windows PowerShell 5.1: answers AssemblyResolve for our dependencies, asked for by our assemblies.</summary>
internal static class NetFrameworkResolver
{
    private static readonly object Gate = new();
    private static int _imports;
    private static HashSet<string>? _names;

    public static void Register()
    {
        lock (Gate)
        {
            if (_names is null)
            {
                _names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                if (Directory.Exists(ModuleInitializer.DependencyDirectory))
                    foreach (var file in Directory.GetFiles(ModuleInitializer.DependencyDirectory, "*.dll"))
                        _names.Add(Path.GetFileNameWithoutExtension(file));
            }
            if (_imports++ == 0) AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }
    }

    public static void Unregister()
    {
        lock (Gate)
        {
            if (_imports > 0 && --_imports == 0) AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
        }
    }

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name).Name;
        var names = _names;
        if (name is null || names is null || !names.Contains(name)) return null;
        // Another module asking for a library we also ship gets its own answer, not ours. .NET Framework often
        // leaves RequestingAssembly null; then the name alone decides (it is one of our dependencies).
        if (args.RequestingAssembly is { } requester && !IsOurs(requester)) return null;
        var path = Path.Combine(ModuleInitializer.DependencyDirectory, name + ".dll");
        // Any version of the file answers: this stands in for the binding redirects a module cannot ship.
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }

    private static bool IsOurs(Assembly assembly)
    {
        if (assembly == typeof(NetFrameworkResolver).Assembly) return true;
        if (assembly.IsDynamic) return false;
        var location = assembly.Location;
        return !string.IsNullOrEmpty(location)
               && string.Equals(Path.GetDirectoryName(location)?.TrimEnd('\\', '/'), ModuleInitializer.DependencyDirectory.TrimEnd('\\', '/'), StringComparison.OrdinalIgnoreCase);
    }
}
