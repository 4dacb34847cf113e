using System.Management.Automation;
using MigrationTools.CmdletBases;
using MigrationTools.Completion;
using MigrationTools.Core.Models;
using MigrationTools.Core.Waiting;

namespace MigrationTools.Commands;

/// <summary>Waits until RocketMQ metadata migration tasks end, and writes each task's final detail.</summary>
/// <remarks>
/// Every -PollInterval seconds, reads the tasks' statuses from their instance's task list (the RocketMQ metadata
/// API, one request for up to 1000 tasks) until each leaves creating and starting (finished, failed), then reads
/// and writes its final detail once (the same API with its id), with its metadata, as Get-RocketMqMigrationTask
/// -TaskId does.
///
/// Tasks come from -InstanceId and -TaskId, or from the pipeline (Get-RocketMqMigrationTask objects bind by their
/// InstanceId and TaskId properties, so tasks of several instances can be waited for at once: one list per
/// instance a round). A bar per task (10 at most at once), under a parent bar when there are several. With
/// -Timeout, a task still running at the end gets a WaitTimeout error (category OperationTimeout); the others are
/// written as they end. Ctrl+C stops the wait at once.
/// </remarks>
[Cmdlet(VerbsLifecycle.Wait, "RocketMqMigrationTask")]
[OutputType(typeof(RocketMqMigrationTaskDetail))]
public sealed class WaitRocketMqMigrationTaskCommand : WaitCmdlet
{
    /// <summary>The RocketMQ instance of the tasks; bound from piped tasks.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RocketMqInstanceIdCompleter))]
    public string InstanceId { get; set; } = string.Empty;

    /// <summary>The tasks to wait for; bound from piped tasks by their TaskId property.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RocketMqTaskIdCompleter))]
    public string[] TaskId { get; set; } = System.Array.Empty<string>();

    internal override WaitDescription Description => MigrationWaits.RocketMq;

    private protected override string[] Ids => TaskId;

    private protected override string IdParameter => nameof(TaskId);

    private protected override string? ScopeParameter => nameof(InstanceId);

    private protected override string? Scope => InstanceId;
}
