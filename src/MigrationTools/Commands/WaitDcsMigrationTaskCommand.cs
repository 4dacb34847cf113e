using System.Management.Automation;
using MigrationTools.Core.Models;
using MigrationTools.Core.Waiting;
using MigrationTools.Infrastructure;

namespace MigrationTools.Commands;

/// <summary>Waits until DCS migration tasks end, showing their progress, and writes each task's final detail.</summary>
/// <remarks>
/// Polls each task (DCS ShowMigrationTask) every -PollInterval seconds until it leaves MIGRATING (SUCCESS, FAILED,
/// TERMINATED...), then writes its final detail once. Online migrations also show the percentage of their full
/// phase (ShowMigrationTaskStats full_migration_progress) on their progress bar.
///
/// An incremental online migration (MigrationMethod incremental_migration) stays MIGRATING while it keeps the
/// target in sync, so its wait ends when the full phase reaches 100%: the task written then is still MIGRATING.
///
/// Tasks come from -TaskId or from the pipeline (Get-DcsMigrationTask objects bind by their TaskId property), and
/// are waited for together: one progress bar per task, under a parent bar when there are several. With -Timeout,
/// a task still running at the end gets a WaitTimeout error (category OperationTimeout) and the others are written
/// as they end. A task that cannot be read (deleted, no permission) gets its error and the others go on; throttling
/// and transient failures are retried as for every request. Ctrl+C stops the wait at once, also between polls.
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
