using System.Management.Automation;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Models;
using MigrationTools.Infrastructure;

namespace MigrationTools.Commands;

/// <summary>Shows the progress of online DCS migrations: Get-DcsMigrationTask | Get-DcsMigrationStats.</summary>
[Cmdlet(VerbsCommon.Get, "DcsMigrationStats")]
[OutputType(typeof(DcsMigrationStats))]
public sealed class GetDcsMigrationStatsCommand : HuaweiCloudCmdlet
{
    /// <summary>The tasks whose progress to show; bound from piped tasks by property name, or piped as strings.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] TaskId { get; set; } = System.Array.Empty<string>();

    protected override CloudService Service => CloudService.Dcs;

    protected override void ProcessRecord()
    {
        foreach (var id in TaskId) RunForEach(() => WriteObject(DcsApi.GetMigrationStats(Client, id)), id);
    }
}
