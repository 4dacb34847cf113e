using System.Collections;
using System.Management.Automation;
using System.Net;
using System.Security;
using MigrationTools.Completion;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Profiles;
using MigrationTools.Errors;
using MigrationTools.Hosting;
using MigrationTools.Parameters;

namespace MigrationTools.Commands;

/// <summary>Creates or updates a stored Huawei Cloud credential profile.</summary>
/// <remarks>
/// <para>Set-HuaweiCloudProfile stores a named profile in the per-user profile store,
/// ~/.huaweicloud/migrationtools-profiles.json ($HOME/.huaweicloud on Linux and macOS, %USERPROFILE%\.huaweicloud on
/// Windows), or the file named by $env:MIGRATIONTOOLS_PROFILES_FILE. A profile holds an access key (AK) and a secret
/// key (SK), optionally a security token (temporary credentials), a default region, a project id, an IAM endpoint and
/// per-service endpoint overrides.</para>
/// <para>Every API cmdlet can then sign with it: with -ProfileName, as the session default (Use-HuaweiCloudProfile),
/// through $env:MIGRATIONTOOLS_PROFILE, or, for the profile named default, without any parameter. The profile's
/// region, project id and endpoints apply unless the command gives its own.</para>
/// <para>If the profile exists, only the settings you give are changed; the keys are kept unless you give new ones
/// (new keys drop a stored security token, which belonged to the old keys). An empty string clears a setting. A new
/// profile needs its keys: -AccessKey with -SecretKey or -SecureSecretKey, or -Credential; without them the cmdlet
/// stops with ProfileKeysMissing. Settings alone (the default parameter set) can only update an existing
/// profile.</para>
/// <para>A profile can instead assume an agency of another account: -SourceProfileName names the profile whose
/// credentials ask IAM (POST /v3.0/OS-CREDENTIAL/securitytokens, assume_role) for temporary keys of the agency
/// -AgencyName of the account -AgencyDomain; every request of a command that uses the profile is then signed with
/// those temporary keys and their security token, and the source profile's keys go to IAM only. The temporary keys
/// are kept for the PowerShell process and asked for again when less than 5 minutes of their lifetime
/// (-AgencyDurationSeconds, IAM's 900 s when not given) remain. The source may itself be an agency profile or an
/// -EcsMetadata profile; a profile that would lead back to itself is refused (ProfileSourceCycle), and so is a
/// source that is not stored (ProfileNotFound). An agency profile without its own region, IAM endpoint or
/// service endpoints uses its source's; its project id is its own or found in IAM with the temporary keys (never
/// the source's, nor $env:HUAWEICLOUD_SDK_PROJECT_ID).</para>
/// <para>-EcsMetadata makes a profile whose credentials are the ECS instance's temporary ones (the metadata
/// service, as when no other source has credentials), so that an agency profile can take them as its source.
/// Keys, -EcsMetadata and an agency replace one another; settings alone keep what the profile has.</para>
/// <para>The secret key is stored as plain text, like the official SDKs' credentials file, in a file only you can
/// read (mode 0600 on Linux and macOS from its creation; the private user profile folder on Windows). It is never
/// written to any output stream. The change is atomic and safe against concurrent writers. If the store is damaged,
/// the cmdlet refuses to write and names the file.</para>
/// <para>The store is changed under a lock shared with other PowerShell sessions and processes, and replaced in one
/// rename, so a reader never sees half a file. While another writer holds the lock the cmdlet waits up to 10 s;
/// Ctrl+C ends the wait at once and nothing is written.</para>
/// <para>A store that cannot be written fails at once with an error naming the path and the reason:
/// ProfileStoreReadOnly (read-only file system), ProfileStoreAccessDenied, ProfileStoreParentNotFolder (a parent is a
/// file), ProfileStoreIsFolder. A store that is a symbolic link is written through to the link's target and stays a
/// link. A store other users can read gets a warning; this write makes it readable by its owner only.</para>
/// <para>Endpoints (-IamEndpoint, -ServiceEndpoint) must be https (http only to a loopback address) with no user name
/// or password, query or fragment; such a value is refused (EndpointHasUserInfo, InvalidEndpoint) without being
/// repeated.</para>
/// </remarks>
[Cmdlet(VerbsCommon.Set, "HuaweiCloudProfile", DefaultParameterSetName = SettingsSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(HuaweiCloudProfileInfo))]
public sealed class SetHuaweiCloudProfileCommand : PSCmdlet, System.IDisposable
{
    private const string SettingsSet = "Settings";
    private const string SecretKeySet = "SecretKey";
    private const string SecureSecretKeySet = "SecureSecretKey";
    private const string CredentialSet = "Credential";
    private const string AgencySet = "Agency";
    private const string EcsMetadataSet = "EcsMetadata";

    /// <summary>
    /// <para>The profile's name: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit (anything
    /// else is the error InvalidProfileName). Names are case-insensitive; a profile keeps the spelling it was created
    /// with. An existing profile of that name is updated, otherwise a new one is created. Press Tab to complete the
    /// stored names.</para>
    /// <para>Bound by property name from piped objects (for example HuaweiCloudProfileInfo from
    /// Get-HuaweiCloudProfile).</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string Name { get; set; } = "";

    /// <summary>
    /// <para>The access key (AK). Required, with -SecretKey or -SecureSecretKey, when giving the keys as separate
    /// values; with -Credential the user name is the access key instead.</para>
    /// <para>Giving new keys to an existing profile replaces them and drops its stored security token (which belonged
    /// to the old keys) unless -SecurityToken is given too. Shown masked everywhere (first four and last four
    /// characters).</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = SecretKeySet)]
    [Parameter(Mandatory = true, ParameterSetName = SecureSecretKeySet)]
    [ValidateNotNullOrEmpty]
    public string? AccessKey { get; set; }

    /// <summary>
    /// <para>The secret key (SK) as plain text, with -AccessKey. It is stored, never echoed and never written to any
    /// stream.</para>
    /// <para>A plain string lands in the command history: interactively prefer -SecureSecretKey or
    /// -Credential.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = SecretKeySet)]
    [ValidateNotNullOrEmpty]
    public string? SecretKey { get; set; }

    /// <summary>The secret key as a SecureString, with -AccessKey, for example from Read-Host -AsSecureString, so it
    /// is neither echoed nor kept in the command history.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SecureSecretKeySet)]
    [ValidateNotNull]
    public SecureString? SecureSecretKey { get; set; }

    /// <summary>A PSCredential whose user name is the access key and whose password is the secret key, for example
    /// from Get-Credential or a secret vault (Get-Secret). A leading backslash that Get-Credential may add to the
    /// user name is removed. Takes the place of -AccessKey with -SecretKey or -SecureSecretKey.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary>
    /// <para>The stored profile whose credentials assume the agency: its keys, its ECS metadata, or its own agency.
    /// Its keys are sent to IAM only, to get the agency's temporary keys. Press Tab to complete the stored
    /// names.</para>
    /// <para>With -AgencyDomain and -AgencyName. A name that is not stored is ProfileNotFound; this profile's own name,
    /// or a source that leads back to it, is ProfileSourceCycle.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = AgencySet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? SourceProfileName { get; set; }

    /// <summary>The name of the account (domain) whose agency is assumed, as IAM shows it (the account name, not its
    /// id). With -SourceProfileName and -AgencyName.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AgencySet)]
    [ValidateNotNullOrEmpty]
    public string? AgencyDomain { get; set; }

    /// <summary>The agency of the account -AgencyDomain that trusts the source profile's account, for example
    /// migration-readonly. With -SourceProfileName and -AgencyDomain.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AgencySet)]
    [ValidateNotNullOrEmpty]
    public string? AgencyName { get; set; }

    /// <summary>How long IAM makes the temporary keys valid, in seconds: 900 (15 minutes) to 86400 (24 hours).
    /// They are asked for again when less than 5 minutes remain.</summary>
    /// <value>None: IAM's default, 900</value>
    [Parameter(ParameterSetName = AgencySet)]
    [ValidateRange(900, 86400)]
    public int? AgencyDurationSeconds { get; set; }

    /// <summary>The profile's credentials are the ECS instance's temporary ones, read from the instance metadata
    /// when a command uses the profile; no key is stored. Mostly the source of an agency profile on an ECS
    /// server.</summary>
    [Parameter(Mandatory = true, ParameterSetName = EcsMetadataSet)]
    public SwitchParameter EcsMetadata { get; set; }

    /// <summary>
    /// <para>The security token of temporary credentials (sent as the X-Security-Token header with every request
    /// signed with this profile). An empty string removes it.</para>
    /// <para>When not given, a stored token is kept, except when new keys are given: then it is dropped.</para>
    /// </summary>
    /// <value>None (an existing token is kept unless the keys change)</value>
    [Parameter]
    [AllowEmptyString]
    public string? SecurityToken { get; set; }

    /// <summary>
    /// <para>The profile's default region, for example cn-north-4 (press Tab to complete the known regions). An API
    /// cmdlet uses it when it signs with this profile and gives no -Region; a -Region on the command overrides it. An
    /// empty string clears it.</para>
    /// <para>When not given, the stored value is kept.</para>
    /// </summary>
    /// <value>None (unchanged)</value>
    [Parameter]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>
    /// <para>The profile's project id. Without one, the project of the region is looked up in IAM (GET
    /// /v3/projects?name=&lt;region&gt;) the first time it is needed and cached for the process. An empty string
    /// clears it.</para>
    /// <para>A stored project id belongs to the profile's region: it is used for that region only. When a command
    /// gives another -Region, the project of that region is looked up in IAM instead (or give -ProjectId on the
    /// command). When not given, the stored value is kept.</para>
    /// </summary>
    /// <value>None (unchanged)</value>
    [Parameter]
    [AllowEmptyString]
    public string? ProjectId { get; set; }

    /// <summary>
    /// <para>The IAM endpoint for project id discovery, for example https://iam.cn-north-4.myhuaweicloud.com. Must be
    /// https (plain http only to a loopback address such as the local emulator). It takes precedence over
    /// $env:HUAWEICLOUD_SDK_IAM_ENDPOINT, -Endpoint and the region table. An empty string clears it.</para>
    /// <para>When not given, the stored value is kept.</para>
    /// </summary>
    /// <value>None (unchanged)</value>
    [Parameter]
    [AllowEmptyString]
    public string? IamEndpoint { get; set; }

    /// <summary>
    /// <para>Per-service endpoint overrides, as a hashtable keyed by service: dcs, dms (RocketMQ), drs (RDS backup
    /// migration) and iam; any other key is the error UnknownServiceKey. For example @{ dcs =
    /// 'https://dcs.cn-north-4.myhuaweicloud.com'; drs = 'https://drs.example.internal' }. Each value must be https
    /// (plain http only to loopback addresses).</para>
    /// <para>Keys not mentioned keep their stored value; a $null or empty value removes that override. An API cmdlet
    /// uses an override when neither -Endpoint nor $env:HUAWEICLOUD_SDK_REGION_&lt;SERVICE&gt;_&lt;REGION&gt; gives
    /// the endpoint.</para>
    /// </summary>
    /// <value>None (unchanged)</value>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? ServiceEndpoint { get; set; }

    /// <summary>Writes the stored profile to the pipeline, as a HuaweiCloudProfileInfo: the access key masked, no
    /// secret key and no token. Without it the cmdlet writes nothing.</summary>
    /// <value>False</value>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    // Ctrl+C (StopProcessing) ends the wait for another writer's lock on the store.
    private readonly System.Threading.CancellationTokenSource _stop = new();

    protected override void StopProcessing() => _stop.Cancel();

    /// <summary>PowerShell disposes the cmdlet when the pipeline ends, stopped or not.</summary>
    public void Dispose() => _stop.Dispose();

    protected override void ProcessRecord()
    {
        try
        {
            (string? AccessKey, string? SecretKey) keys = ParameterSetName switch
            {
                CredentialSet => CredentialKeys.Of(Credential!),
                SecureSecretKeySet => (AccessKey, new NetworkCredential(string.Empty, SecureSecretKey).Password),
                _ => (AccessKey, SecretKey),
            };
            var update = new ProfileUpdate(Name)
            {
                AccessKey = keys.AccessKey,
                SecretKey = keys.SecretKey,
                SecurityToken = SecurityToken,
                Region = Region,
                ProjectId = ProjectId,
                IamEndpoint = IamEndpoint,
                ServiceEndpoints = ToDictionary(ServiceEndpoint),
                Agency = ParameterSetName == AgencySet ? new AgencyRole(SourceProfileName!, AgencyDomain!, AgencyName!, AgencyDurationSeconds) : null,
                EcsMetadata = ParameterSetName == EcsMetadataSet,
            };
            update.Validate();
            var store = ModuleServices.Profiles();
            store.LockWaiting = this.WriteVerboseLine;
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

    private static Dictionary<string, string?>? ToDictionary(Hashtable? table)
    {
        if (table is null) return null;
        var result = new Dictionary<string, string?>();
        foreach (DictionaryEntry entry in table) result[entry.Key?.ToString() ?? ""] = entry.Value?.ToString();
        return result;
    }
}
