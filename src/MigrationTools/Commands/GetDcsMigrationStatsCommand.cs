using System.Management.Automation;
using MigrationTools.CmdletBases;
using MigrationTools.Completion;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Http;
using MigrationTools.Core.Models;
using MigrationTools.Hosting;

namespace MigrationTools.Commands;

/// <summary>Gets the progress of online DCS (Redis) migration tasks.</summary>
/// <remarks>
/// <para>Get-DcsMigrationStats returns the progress of an online DCS migration with the API ShowMigrationTaskStats
/// (GET /v2/{project_id}/migration-task/{task_id}/stats): the full migration progress in percent, the incremental
/// offset, the number of keys in the source and target Redis, the target's write traffic and operations per second,
/// and whether the task is still migrating.</para>
/// <para>Task ids come from -TaskId, from strings piped to the cmdlet, or from the TaskId property of piped objects,
/// typically the output of Get-DcsMigrationTask filtered to online migrations. Each id costs one request and gives
/// one DcsMigrationStats object, stamped with the task id, region and project id. A piped task also gives its name,
/// carried into the output (not looked up again). The default view's Task column shows that name, or the id for an
/// id given by hand.</para>
/// <para>The API documents its figures as strings but sends numbers too; both are read as numbers (Double or Int64),
/// so they sort and compare as numbers.</para>
/// <para>Only online migrations have statistics: for a backup-file import, or an id that does not exist, the service
/// answers DCS.4133, reported as a non-terminating error for that id while the other ids go on.</para>
/// <para>This API is not paged, so the cmdlet has no -PageSize, -First or -Skip.</para>
/// </remarks>
[Cmdlet(VerbsCommon.Get, "DcsMigrationStats")]
[OutputType(typeof(DcsMigrationStats))]
public sealed class GetDcsMigrationStatsCommand : HuaweiCloudCmdlet
{
    /// <summary>The ids of the online migration tasks whose progress to get. Accepts strings from the pipeline, and
    /// binds by property name from piped objects (such as DcsMigrationTask or DcsMigrationTaskDetail). A task without
    /// statistics (DCS.4133: not found, or not an online migration) is reported as a non-terminating error and the
    /// other ids go on. Piped backup-file import tasks (MigrationType backupfile_import) are skipped instead, and
    /// counted in one warning at the end, since only online migrations have progress. Each id is sent as one escaped
    /// path segment; an empty, blank or dot id ('.', '..') is refused (InvalidId) before any request. Press Tab to
    /// complete the ids of the project's tasks.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DcsTaskIdCompleter))]
    public string[] TaskId { get; set; } = System.Array.Empty<string>();

    /// <summary>Not for typing: bound by property name from piped tasks (it is hidden from tab completion). When a
    /// piped task's MigrationType is backupfile_import, the task is skipped without a request, because only online
    /// migrations have progress stats; the skipped tasks are counted in one warning, and -Verbose names each. Tasks
    /// given with -TaskId are always asked for.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    public string? MigrationType { get; set; }

    /// <summary>Not for typing: bound by property name from piped tasks (it is hidden from tab completion), and
    /// carried into the output's TaskName without another request. Ids given by hand or piped as strings have no
    /// name: the Task column shows the id.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    public string? TaskName { get; set; }

    private int _skipped;

    internal override IApiOperation Operation => DcsApi.MigrationStats;

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
        // A name belongs to one piped task; several ids in one record are ids given by hand.
        string? name = TaskId.Length == 1 ? TaskName : null;
        WriteByIds(TaskId, (client, id) =>
        {
            var stats = DcsApi.GetMigrationStats(client, id);
            stats.TaskName = name;
            return stats;
        });
    }

    protected override void EndProcessing()
    {
        if (_skipped > 0)
            WriteWarning($"Skipped {_skipped} backup-file import task(s): only online migrations have progress stats.");
        base.EndProcessing();
    }
}
