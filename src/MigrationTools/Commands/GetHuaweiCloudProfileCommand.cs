using System.Linq;
using System.Management.Automation;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Profiles;
using MigrationTools.Infrastructure;

namespace MigrationTools.Commands;

/// <summary>Lists stored profiles, the access key masked; never the secret key or the security token.</summary>
[Cmdlet(VerbsCommon.Get, "HuaweiCloudProfile")]
[OutputType(typeof(HuaweiCloudProfileInfo))]
public sealed class GetHuaweiCloudProfileCommand : PSCmdlet
{
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
