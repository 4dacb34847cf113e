using System.Management.Automation;
using MigrationTools.Completion;
using MigrationTools.Core.Errors;
using MigrationTools.Errors;
using MigrationTools.Hosting;

namespace MigrationTools.Commands;

/// <summary>Deletes stored Huawei Cloud credential profiles.</summary>
/// <remarks>
/// <para>Remove-HuaweiCloudProfile removes the named profiles from the per-user profile store,
/// ~/.huaweicloud/migrationtools-profiles.json ($HOME/.huaweicloud on Linux and macOS, %USERPROFILE%\.huaweicloud on
/// Windows), or the file named by $env:MIGRATIONTOOLS_PROFILES_FILE. The keys cannot be recovered afterwards, so the
/// cmdlet has ConfirmImpact High: it asks for confirmation unless -Confirm:$false is given (or $ConfirmPreference is
/// None).</para>
/// <para>If the removed profile was this session's default (Use-HuaweiCloudProfile), the session has no default
/// afterwards and the API cmdlets go on down the credential chain. Other sessions that use it as their default get a
/// clear error (ProfileNotFound) on their next call rather than other credentials.</para>
/// <para>A name that matches no profile writes a non-terminating error listing the known names; wildcards are not
/// accepted. The change is atomic and locked like every write; a damaged store is never written (terminating error
/// naming the file). Ctrl+C while another writer holds the lock returns at once with nothing removed; write failures
/// (a read-only file system, a parent that is a file...) are named as for Set-HuaweiCloudProfile.</para>
/// </remarks>
[Cmdlet(VerbsCommon.Remove, "HuaweiCloudProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveHuaweiCloudProfileCommand : PSCmdlet, System.IDisposable
{
    /// <summary>
    /// <para>The exact names of the profiles to remove (case-insensitive; press Tab to complete them). Wildcards are
    /// not accepted, so that a typo cannot delete several profiles: select with Get-HuaweiCloudProfile and pipe
    /// instead.</para>
    /// <para>A name that is not stored writes a non-terminating error (ProfileNotFound) listing the stored names, and
    /// the other names go on. Accepts pipeline input, by value (strings) and by property name (Name), for example
    /// from Get-HuaweiCloudProfile.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string[] Name { get; set; } = System.Array.Empty<string>();

    // Ctrl+C (StopProcessing) ends the wait for another writer's lock on the store.
    private readonly System.Threading.CancellationTokenSource _stop = new();

    protected override void StopProcessing() => _stop.Cancel();

    /// <summary>PowerShell disposes the cmdlet when the pipeline ends, stopped or not.</summary>
    public void Dispose() => _stop.Dispose();

    protected override void ProcessRecord()
    {
        try
        {
            var store = ModuleServices.Profiles();
            store.LockWaiting = this.WriteVerboseLine;
            if (store.ExposureWarning() is { } exposed) WriteWarning(exposed);
            foreach (var name in Name)
            {
                var profile = store.Find(name);
                if (profile is null)
                {
                    WriteError(new ErrorRecord(store.NotFound(name, "Name", "-Name", store.List().Select(p => p.Name)), "ProfileNotFound", ErrorCategory.ObjectNotFound, name));
                    continue;
                }
                if (!ShouldProcess($"profile '{profile.Name}' in {store.Path}", "Remove")) continue;
                store.Remove(profile.Name, _stop.Token);
                // The session would otherwise point at a profile that no longer exists.
                if (ProfileCommands.IsSessionDefault(profile.Name)) SessionProfiles.Set(null);
                this.WriteVerboseLine($"Profile '{profile.Name}' removed from {store.Path}.");
            }
        }
        catch (HuaweiCloudException ex)
        {
            ThrowTerminatingError(ErrorRecords.From(ex, null));
        }
        catch (System.OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped while waiting for the lock: nothing was removed; PowerShell reports the stop.
        }
    }
}
