using System.Linq;
using System.Management.Automation;
using MigrationTools.Core.Errors;
using MigrationTools.Infrastructure;

namespace MigrationTools.Commands;

/// <summary>Deletes stored profiles (their keys cannot be recovered afterwards: ConfirmImpact High).</summary>
/// <remarks>
/// The store is changed under the same lock and single rename as Set-HuaweiCloudProfile; Ctrl+C while another
/// writer holds the lock returns at once with nothing removed. Write failures are named as for Set-HuaweiCloudProfile.
/// </remarks>
[Cmdlet(VerbsCommon.Remove, "HuaweiCloudProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveHuaweiCloudProfileCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string[] Name { get; set; } = System.Array.Empty<string>();

    // Ctrl+C (StopProcessing) ends the wait for another writer's lock on the store.
    private readonly System.Threading.CancellationTokenSource _stop = new();

    protected override void StopProcessing() => _stop.Cancel();

    protected override void EndProcessing() => _stop.Dispose();

    protected override void ProcessRecord()
    {
        try
        {
            var store = ModuleServices.Profiles();
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
