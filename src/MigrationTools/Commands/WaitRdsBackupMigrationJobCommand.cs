using System.Management.Automation;
using MigrationTools.CmdletBases;
using MigrationTools.Completion;
using MigrationTools.Core.Models;
using MigrationTools.Core.Waiting;

namespace MigrationTools.Commands;

/// <summary>Waits until RDS for SQL Server backup migration jobs end, and writes each job's final detail.</summary>
/// <remarks>
/// Every -PollInterval seconds, reads the list of TRANSFERRING jobs (DRS ListReplicationJobs, one request for up to
/// 1000 jobs); a job that has left it (SUCCESS, FAILED, PRECHECK FAILED) is read once (DRS ShowReplicationJob) and
/// written, as Get-RdsBackupMigrationJob -JobId does: backup files, target instance, restored databases and the
/// error log of a failed job.
///
/// Jobs come from -JobId or from the pipeline (Get-RdsBackupMigrationJob objects bind by their JobId property),
/// and are waited for together: a bar per job (10 at most at once), under a parent bar when there are several. DRS
/// gives no percentage, so the bars show the status. With -Timeout, a job still running at the end gets a
/// WaitTimeout error (category OperationTimeout); the others are written as they end. Ctrl+C stops the wait at once.
/// </remarks>
[Cmdlet(VerbsLifecycle.Wait, "RdsBackupMigrationJob")]
[OutputType(typeof(RdsBackupMigrationJobDetail))]
public sealed class WaitRdsBackupMigrationJobCommand : WaitCmdlet
{
    /// <summary>The jobs to wait for; bound from piped jobs by their JobId (or Id) property, or piped as strings.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RdsBackupMigrationJobIdCompleter))]
    public string[] JobId { get; set; } = System.Array.Empty<string>();

    internal override WaitDescription Description => MigrationWaits.Drs;

    private protected override string[] Ids => JobId;

    private protected override string IdParameter => nameof(JobId);
}
