using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net;
using System.Security;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Profiles;
using MigrationTools.Infrastructure;

namespace MigrationTools.Commands;

/// <summary>Creates or updates a stored profile: keys, security token, region, project id and endpoints.</summary>
/// <remarks>
/// The store is changed under a lock shared with other PowerShell sessions and processes, and replaced in one
/// rename, so a reader never sees half a file. While another writer holds the lock the cmdlet waits up to 10 s;
/// Ctrl+C ends the wait at once and nothing is written.
///
/// A store that cannot be written fails at once with an error naming the path and the reason: ProfileStoreReadOnly
/// (read-only file system), ProfileStoreAccessDenied, ProfileStoreParentNotFolder (a parent is a file),
/// ProfileStoreIsFolder. A store that is a symbolic link is written through to the link's target and stays a link.
/// A store other users can read gets a warning; this write makes it readable by its owner only.
///
/// Endpoints (-IamEndpoint, -ServiceEndpoint) must be https (http only to a loopback address) with no user name or
/// password, query or fragment; such a value is refused (EndpointHasUserInfo, InvalidEndpoint) without being repeated.
/// </remarks>
[Cmdlet(VerbsCommon.Set, "HuaweiCloudProfile", DefaultParameterSetName = SettingsSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(HuaweiCloudProfileInfo))]
public sealed class SetHuaweiCloudProfileCommand : PSCmdlet
{
    private const string SettingsSet = "Settings";
    private const string SecretKeySet = "SecretKey";
    private const string SecureSecretKeySet = "SecureSecretKey";
    private const string CredentialSet = "Credential";

    /// <summary>The profile's name (letters, digits, '.', '_', '-'); an existing profile is updated.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string Name { get; set; } = "";

    /// <summary>The access key (AK), with -SecretKey or -SecureSecretKey.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SecretKeySet)]
    [Parameter(Mandatory = true, ParameterSetName = SecureSecretKeySet)]
    [ValidateNotNullOrEmpty]
    public string? AccessKey { get; set; }

    /// <summary>The secret key (SK) as plain text; stored, never echoed.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SecretKeySet)]
    [ValidateNotNullOrEmpty]
    public string? SecretKey { get; set; }

    /// <summary>The secret key as a SecureString (Read-Host -AsSecureString).</summary>
    [Parameter(Mandatory = true, ParameterSetName = SecureSecretKeySet)]
    [ValidateNotNull]
    public SecureString? SecureSecretKey { get; set; }

    /// <summary>User name = access key, password = secret key.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary>The security token of temporary credentials; '' removes it.</summary>
    [Parameter]
    [AllowEmptyString]
    public string? SecurityToken { get; set; }

    /// <summary>The profile's default region; '' clears it.</summary>
    [Parameter]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>The profile's project id; '' clears it (then IAM is asked).</summary>
    [Parameter]
    [AllowEmptyString]
    public string? ProjectId { get; set; }

    /// <summary>The IAM endpoint for project id lookup; '' clears it.</summary>
    [Parameter]
    [AllowEmptyString]
    public string? IamEndpoint { get; set; }

    /// <summary>Per-service endpoint overrides, e.g. @{ dcs = 'https://...'; drs = 'https://...' }; $null or '' removes one.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? ServiceEndpoint { get; set; }

    /// <summary>Writes the stored profile (masked) to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    // Ctrl+C (StopProcessing) ends the wait for another writer's lock on the store.
    private readonly System.Threading.CancellationTokenSource _stop = new();

    protected override void StopProcessing() => _stop.Cancel();

    protected override void EndProcessing() => _stop.Dispose();

    protected override void ProcessRecord()
    {
        try
        {
            var update = new ProfileUpdate(Name)
            {
                AccessKey = ParameterSetName == CredentialSet ? Credential!.UserName?.TrimStart('\\') : AccessKey,
                SecretKey = ParameterSetName switch
                {
                    CredentialSet => Credential!.GetNetworkCredential().Password,
                    SecureSecretKeySet => new NetworkCredential(string.Empty, SecureSecretKey).Password,
                    _ => SecretKey,
                },
                SecurityToken = SecurityToken,
                Region = Region,
                ProjectId = ProjectId,
                IamEndpoint = IamEndpoint,
                ServiceEndpoints = ToDictionary(ServiceEndpoint),
            };
            ProfileStore.ValidateName(Name);
            var store = ModuleServices.Profiles();
            var exists = store.Find(Name) is not null;
            if (!ShouldProcess($"profile '{Name}' in {store.Path}", exists ? "Update" : "Create")) return;
            if (store.ExposureWarning() is { } exposed) WriteWarning(exposed);
            var saved = store.Set(update, _stop.Token);
            this.WriteVerboseLine($"Profile '{saved.Name}' {(exists ? "updated" : "created")} in {store.Path}.");
            if (PassThru) WriteObject(new HuaweiCloudProfileInfo(saved, ProfileCommands.IsSessionDefault(saved.Name), store.Path));
        }
        catch (HuaweiCloudException ex)
        {
            ThrowTerminatingError(ErrorRecords.From(ex, Name));
        }
        catch (System.OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped while waiting for the lock: nothing was written; PowerShell reports the stop.
        }
    }

    private static IDictionary<string, string?>? ToDictionary(Hashtable? table)
    {
        if (table is null) return null;
        var result = new Dictionary<string, string?>();
        foreach (DictionaryEntry entry in table) result[entry.Key?.ToString() ?? ""] = entry.Value?.ToString();
        return result;
    }
}
