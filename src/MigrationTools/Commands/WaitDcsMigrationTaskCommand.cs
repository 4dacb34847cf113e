using System.Management.Automation;
using MigrationTools.CmdletBases;
using MigrationTools.Completion;
using MigrationTools.Core.Models;
using MigrationTools.Core.Waiting;

namespace MigrationTools.Commands;

/// <summary>Waits until DCS migration tasks end, showing their progress, and writes each task's final detail.</summary>
/// <remarks>
/// Every -PollInterval seconds, reads the tasks' statuses from the task list (DCS ListMigrationTask, one request for
/// up to 1000 tasks) until each leaves MIGRATING (SUCCESS, FAILED, TERMINATED...), then reads and writes its final
/// detail (ShowMigrationTask) once. Running online migrations also show the percentage of their full phase
/// (ShowMigrationTaskStats full_migration_progress) on their progress bar.
///
/// An incremental online migration (MigrationMethod incremental_migration) stays MIGRATING while it keeps the
/// target in sync, so its wait ends when the full phase reaches 100%: the task written is still MIGRATING (or in
/// the detail's INCRMIGEATING phase).
///
/// Tasks come from -TaskId or from the pipeline (Get-DcsMigrationTask objects bind by their TaskId property), and
/// are waited for together: a bar per task (10 at most at once), under a parent bar when there are several. With
/// -Timeout, a task still running at the end gets a WaitTimeout error (category OperationTimeout) and the others
/// are written as they end. A task that cannot be read (deleted, no permission) gets its error and the others go
/// on; throttling and transient failures are retried as for every request. Ctrl+C stops the wait at once, also
/// between polls.
/// </remarks>
[Cmdlet(VerbsLifecycle.Wait, "DcsMigrationTask")]
[OutputType(typeof(DcsMigrationTaskDetail))]
public sealed class WaitDcsMigrationTaskCommand : WaitCmdlet
{
    /// <summary>The tasks to wait for; bound from piped tasks by their TaskId property, or piped as strings.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DcsTaskIdCompleter))]
    public string[] TaskId { get; set; } = System.Array.Empty<string>();

    internal override WaitDescription Description => MigrationWaits.Dcs;

    private protected override string[] Ids => TaskId;

    private protected override string IdParameter => nameof(TaskId);
}
