using System.Management.Automation;
using MigrationTools.Completion;
using MigrationTools.Core.Errors;
using MigrationTools.Errors;
using MigrationTools.Hosting;

namespace MigrationTools.Commands;

/// <summary>Makes a stored profile the default of the current PowerShell session, or forgets the default.</summary>
/// <remarks>
/// <para>After Use-HuaweiCloudProfile prod, the API cmdlets of this session sign with the profile prod (and use its
/// region, project id and endpoints) when the command gives neither keys nor -ProfileName. The default belongs to the
/// current session (runspace), not to the process: runspaces of ForEach-Object -Parallel, of a runspace pool or of
/// another host in the same process each have their own default, and nothing is written to disk; it ends with the
/// session.</para>
/// <para>In the credential chain the session default comes third: after keys on the command (-AccessKey/-SecretKey or
/// -Credential) and -ProfileName, before $env:HUAWEICLOUD_SDK_AK/SK, $env:MIGRATIONTOOLS_PROFILE, the profile named
/// default, the SDKs' credentials file and ECS instance metadata. An unknown name is an error listing the known
/// names. If the profile is removed later (from another session), the next call fails with an error saying so, and
/// that it can be forgotten with Use-HuaweiCloudProfile -Clear; it does not fall through to other credentials.</para>
/// </remarks>
[Cmdlet(VerbsOther.Use, "HuaweiCloudProfile", DefaultParameterSetName = NameSet)]
[OutputType(typeof(void))]
public sealed class UseHuaweiCloudProfileCommand : PSCmdlet
{
    private const string NameSet = "Name";
    private const string ClearSet = "Clear";

    /// <summary>
    /// <para>The stored profile to use by default in this session (case-insensitive; press Tab to complete the stored
    /// names). A name that is not stored is a terminating error (ProfileNotFound) listing the stored names, and the
    /// session default is left as it was.</para>
    /// <para>$null or an empty string forgets the default, like -Clear. Bound by property name from piped objects,
    /// for example from Get-HuaweiCloudProfile.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet, ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? Name { get; set; }

    /// <summary>Forgets the session default: the API cmdlets of this session go on down the credential chain
    /// ($env:HUAWEICLOUD_SDK_AK/SK, $env:MIGRATIONTOOLS_PROFILE, the profile named default, ...). Nothing is removed
    /// from the store.</summary>
    /// <value>False</value>
    [Parameter(Mandatory = true, ParameterSetName = ClearSet)]
    public SwitchParameter Clear { get; set; }

    protected override void ProcessRecord()
    {
        if (Clear || string.IsNullOrWhiteSpace(Name))
        {
            SessionProfiles.Set(null);
            this.WriteVerboseLine("This session has no default profile now.");
            return;
        }
        try
        {
            var store = ModuleServices.Profiles();
            var profile = store.Require(Name!, "Name", "-Name");
            SessionProfiles.Set(profile.Name);
            this.WriteVerboseLine($"Profile '{profile.Name}' is the default of this session (runspace) now.");
        }
        catch (HuaweiCloudException ex)
        {
            ThrowTerminatingError(ErrorRecords.From(ex, Name));
        }
    }
}
