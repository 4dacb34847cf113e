using System.Management.Automation;
using MigrationTools.Completion;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Profiles;
using MigrationTools.Errors;
using MigrationTools.Hosting;

namespace MigrationTools.Commands;

/// <summary>Lists the stored Huawei Cloud credential profiles, without their secrets.</summary>
/// <remarks>
/// <para>Get-HuaweiCloudProfile reads the per-user profile store, ~/.huaweicloud/migrationtools-profiles.json
/// ($HOME/.huaweicloud on Linux and macOS, %USERPROFILE%\.huaweicloud on Windows), or the file named by
/// $env:MIGRATIONTOOLS_PROFILES_FILE, and writes one HuaweiCloudProfileInfo per profile: Name, AccessKey (masked:
/// first four and last four characters), HasSecurityToken, Region, ProjectId, IamEndpoint, ServiceEndpoints (as
/// dcs=https://...; drs=https://...), IsSessionDefault (whether Use-HuaweiCloudProfile made it the default of this
/// session) and StorePath. The secret key and the security token are never shown.</para>
/// <para>Without -Name it lists every profile. A name without wildcards that matches no profile writes a
/// non-terminating error listing the known names. A damaged store is a terminating error naming the file (its
/// contents are never quoted). A store that does not exist yet simply has no profiles.</para>
/// </remarks>
[Cmdlet(VerbsCommon.Get, "HuaweiCloudProfile")]
[OutputType(typeof(HuaweiCloudProfileInfo))]
public sealed class GetHuaweiCloudProfileCommand : PSCmdlet
{
    /// <summary>
    /// <para>Names of the profiles to show; wildcards (* ? [ ]) are allowed and names are matched case-insensitively.
    /// Press Tab to complete the stored names.</para>
    /// <para>A name without wildcards that matches no profile writes a non-terminating error (ProfileNotFound)
    /// listing the stored names; a pattern that matches nothing writes nothing. Accepts pipeline input, by value
    /// (strings) and by property name (Name).</para>
    /// </summary>
    /// <value>all profiles</value>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string[] Name { get; set; } = { "*" };

    protected override void ProcessRecord()
    {
        try
        {
            var store = ModuleServices.Profiles();
            var profiles = store.List();
            if (store.ExposureWarning() is { } exposed) WriteWarning(exposed);
            var session = SessionProfiles.Get();
            foreach (var name in Name)
            {
                var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
                var matches = profiles.Where(p => pattern.IsMatch(p.Name)).ToList();
                if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                {
                    WriteError(new ErrorRecord(store.NotFound(name, "Name", "-Name", profiles.Select(p => p.Name)), "ProfileNotFound", ErrorCategory.ObjectNotFound, name));
                    continue;
                }
                foreach (var p in matches)
                    WriteObject(new HuaweiCloudProfileInfo(p, string.Equals(p.Name, session, System.StringComparison.OrdinalIgnoreCase), store.Path));
            }
        }
        catch (HuaweiCloudException ex)
        {
            ThrowTerminatingError(ErrorRecords.From(ex, null));
        }
    }
}

internal static class ProfileCommands
{
    public static bool IsSessionDefault(string name) => string.Equals(SessionProfiles.Get(), name, System.StringComparison.OrdinalIgnoreCase);
}
