using System.Management.Automation;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace MigrationTools.Hosting;

/// <summary>
/// Writes the module's debug and verbose lines without ever asking the user. -Debug gives a compiled cmdlet
/// DebugPreference = Inquire on Windows PowerShell 5.1, and VerbosePreference = Inquire on PowerShell 7.4+ (with
/// DebugPreference = Continue): every line then becomes "Continue with this operation?", which a terminal asks at
/// each line and a non-interactive process or hosted runspace cannot answer (PowerShell throws from its prompt,
/// NonInteractive mode or a NullReferenceException from a host without UI). The engine's own writers take an
/// "override Inquire" flag for exactly this (Receive-Job uses it): Inquire becomes Continue, every other preference
/// (SilentlyContinue, Stop...) is honoured as usual. Where that internal overload is missing, the public writer is used.
/// </summary>
internal static class PipelineStreams
{
    private const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic;
    private static readonly Type? RuntimeType = typeof(Cmdlet).Assembly.GetType("System.Management.Automation.MshCommandRuntime");
    private static readonly MethodInfo? DebugOverride = RuntimeType?.GetMethod("WriteDebug", Internal, null, new[] { typeof(DebugRecord), typeof(bool) }, null);
    private static readonly MethodInfo? VerboseOverride = RuntimeType?.GetMethod("WriteVerbose", Internal, null, new[] { typeof(VerboseRecord), typeof(bool) }, null);

    public static void WriteDebugLine(this Cmdlet cmdlet, string message)
    {
        if (!Override(cmdlet, DebugOverride, new DebugRecord(message))) cmdlet.WriteDebug(message);
    }

    public static void WriteVerboseLine(this Cmdlet cmdlet, string message)
    {
        if (!Override(cmdlet, VerboseOverride, new VerboseRecord(message))) cmdlet.WriteVerbose(message);
    }

    private static bool Override(Cmdlet cmdlet, MethodInfo? writer, InformationalRecord record)
    {
        var runtime = cmdlet.CommandRuntime;
        if (writer is null || runtime is null || runtime.GetType() != RuntimeType) return false;
        try
        {
            writer.Invoke(runtime, new object[] { record, true });
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            // Stop preference, Ctrl+C: PowerShell's own exceptions, as the public writer would throw them.
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
        return true;
    }
}
