using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace MigrationTools.Hosting;

/// <summary>
/// The default profile of each runspace (Use-HuaweiCloudProfile). Kept per runspace, not per process, so two
/// runspaces of one process (ForEach-Object -Parallel, a runspace pool, a hosting application) can use two
/// accounts at once; the entry goes away with its runspace.
/// </summary>
internal static class SessionProfiles
{
    private sealed class Holder { public string? Name; }

    private static readonly ConditionalWeakTable<Runspace, Holder> ByRunspace = new();

    // Runspace.DefaultRunspace is the runspace running the current pipeline (thread-bound); without one there is no session.
    private static Holder? Current(bool create)
    {
        var runspace = Runspace.DefaultRunspace;
        if (runspace is null) return null;
        if (create) return ByRunspace.GetValue(runspace, _ => new Holder());
        return ByRunspace.TryGetValue(runspace, out var holder) ? holder : null;
    }

    public static string? Get() => Current(create: false)?.Name;

    public static void Set(string? name)
    {
        var holder = Current(create: true);
        if (holder is not null) holder.Name = string.IsNullOrWhiteSpace(name) ? null : name!.Trim();
    }
}
