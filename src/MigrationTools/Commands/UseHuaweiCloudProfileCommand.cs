using System.Management.Automation;
using MigrationTools.Core.Errors;
using MigrationTools.Infrastructure;

namespace MigrationTools.Commands;

/// <summary>Makes a stored profile the default of the current session (runspace), or forgets the default.</summary>
[Cmdlet(VerbsOther.Use, "HuaweiCloudProfile", DefaultParameterSetName = NameSet)]
[OutputType(typeof(void))]
public sealed class UseHuaweiCloudProfileCommand : PSCmdlet
{
    private const string NameSet = "Name";
    private const string ClearSet = "Clear";

    /// <summary>The profile; $null or '' forgets the session default, like -Clear.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet, ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? Name { get; set; }

    /// <summary>Forgets the session default.</summary>
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
