using System.Management.Automation;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;
using MigrationTools.Core.Models;
using MigrationTools.Infrastructure;

namespace MigrationTools.Commands;

/// <summary>Shows the progress of online DCS migrations: Get-DcsMigrationTask | Get-DcsMigrationStats.</summary>
[Cmdlet(VerbsCommon.Get, "DcsMigrationStats")]
[OutputType(typeof(DcsMigrationStats))]
public sealed class GetDcsMigrationStatsCommand : HuaweiCloudCmdlet
{
    /// <summary>The tasks whose progress to show; bound from piped tasks by property name, or piped as strings. Each id is sent as one escaped path segment; an empty, blank or dot id ('.', '..') is refused (InvalidId) before any request.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DcsTaskIdCompleter))]
    public string[] TaskId { get; set; } = System.Array.Empty<string>();

    /// <summary>
    /// Bound only from piped tasks: only online migrations have progress stats, so piped backup-file imports are
    /// skipped (and counted in one warning) instead of each costing a request and a DCS.4133 error.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    public string? MigrationType { get; set; }

    private int _skipped;

    protected override CloudService Service => CloudService.Dcs;

    protected override void ProcessRecord()
    {
        if (string.Equals(MigrationType, DcsApi.BackupFileImport, System.StringComparison.OrdinalIgnoreCase))
        {
            _skipped += TaskId.Length;
            this.WriteVerboseLine($"Skipped {string.Join(", ", TaskId)}: a backup-file import has no migration progress.");
            return;
        }
        // Every id is checked before the first request (the core's rule: one path segment each).
        RunTerminating(() => { foreach (var id in TaskId) ApiRequest.ValidateSegment(id, nameof(TaskId)); });
        foreach (var id in TaskId) RunForEach(() => WriteObject(DcsApi.GetMigrationStats(Client, id)), id);
    }

    protected override void EndProcessing()
    {
        if (_skipped > 0)
            WriteWarning($"Skipped {_skipped} backup-file import task(s): only online migrations have progress stats.");
        base.EndProcessing();
    }
}
