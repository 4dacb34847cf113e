<#
.SYNOPSIS
    A report of every migration task of the four services, for a person to read: counts by service and status,
    the failed tasks with their error, the running migrations with their progress; all rows to CSV on request.
.DESCRIPTION
    Reads DCS (Redis) migration tasks (with the progress of running online migrations), RocketMQ metadata migration
    tasks of the given instances, and RDS for SQL Server backup migration jobs. Credentials, region and endpoint
    come from where the module finds them (a profile, the SDK's environment variables, $PSDefaultParameterValues).
.EXAMPLE
    ./examples/migration-report.ps1 -RocketMqInstanceId $id1, $id2
.EXAMPLE
    ./examples/migration-report.ps1 -CsvPath migrations.csv      # the report, and every row in migrations.csv
.EXAMPLE
    ./examples/migration-report.ps1 -PassThru | Where-Object Service -eq RDS   # the rows as objects, no report
#>
[CmdletBinding()]
param(
    # RocketMQ instances whose metadata migrations to list (default: $env:MIGRATIONTOOLS_ROCKETMQ_INSTANCES, comma-separated).
    [string[]] $RocketMqInstanceId = @($env:MIGRATIONTOOLS_ROCKETMQ_INSTANCES -split ',' | Where-Object { $_ }),
    # Also write every row (one per task, all services) to this CSV file.
    [string] $CsvPath,
    # Return the rows as objects instead of the report.
    [switch] $PassThru
)
$ErrorActionPreference = 'Stop'

# Statuses as each service spells them.
$RunningStatus = 'MIGRATING', 'TRANSFERRING', 'RUNNING', 'starting', 'creating'

function New-ReportRow($Service, $Name, $Status, $Kind, $Started, $Id, $ErrorText, $Progress = $null) {
    [pscustomobject]@{
        Service = $Service; Name = $Name; Status = $Status; Kind = $Kind; Started = $Started
        Progress = $Progress; Error = $ErrorText; Id = $Id
    }
}

$dcs = @(Get-DcsMigrationTask)
# Progress only exists for online migrations; one Get-DcsMigrationStats call for all of the running ones.
$stats = @{}
$dcs | Where-Object { $_.MigrationType -eq 'online_migration' -and $_.Status -eq 'MIGRATING' } |
    Get-DcsMigrationStats | ForEach-Object { $stats[$_.TaskId] = $_.FullMigrationProgress }

$rows = [System.Collections.Generic.List[object]]::new()
foreach ($t in $dcs) { $rows.Add((New-ReportRow DCS $t.TaskName $t.Status $t.MigrationType $t.CreatedAt $t.TaskId $t.ErrorMessage $stats[$t.TaskId])) }
foreach ($instance in $RocketMqInstanceId) {
    foreach ($t in Get-RocketMqMigrationTask -InstanceId $instance) {
        $rows.Add((New-ReportRow RocketMQ $t.TaskName $t.Status $t.Type $t.StartDate $t.TaskId $null))
    }
}
foreach ($j in Get-RdsBackupMigrationJob) { $rows.Add((New-ReportRow RDS $j.Name $j.Status $j.EngineType $j.CreateTime $j.JobId $j.ErrorLog)) }

if ($CsvPath) {
    # Times as ISO 8601 UTC, whatever the culture of the machine.
    $rows | Select-Object Service, Name, Status, Kind, @{ N = 'Started'; E = { if ($_.Started) { $_.Started.ToString('yyyy-MM-ddTHH:mm:ssZ') } } }, Progress, Error, Id |
        Export-Csv -Path $CsvPath -NoTypeInformation -Encoding utf8
}
if ($PassThru) { return $rows }

$failed = @($rows | Where-Object Status -match 'FAILED')
$running = @($rows | Where-Object { $_.Status -in $RunningStatus })
$listed = 15   # rows per list; -CsvPath has them all

# The report: plain text, 80 columns.
"Migration report, $(Get-Date -Format 'yyyy-MM-dd HH:mm') - $($rows.Count) tasks"
''
'Tasks by service and status'
$rows | Group-Object Service, Status | Sort-Object { $_.Group[0].Service }, { - $_.Count } |
    ForEach-Object { [pscustomobject]@{ Service = $_.Group[0].Service; Status = $_.Group[0].Status; Tasks = $_.Count } } |
    Format-Table -AutoSize | Out-String -Width 80 | ForEach-Object TrimEnd

''
"Failed tasks ($($failed.Count)) by error"
$failed | Group-Object Service, Error | Sort-Object Count -Descending |
    ForEach-Object { [pscustomobject]@{ Service = $_.Group[0].Service; Tasks = $_.Count; Error = if ($_.Group[0].Error) { $_.Group[0].Error } else { "($($_.Group[0].Status), no error text from the service)" } } } |
    Format-Table @{ L = 'Service'; E = 'Service'; W = 8 }, @{ L = 'Tasks'; E = 'Tasks'; W = 5; A = 'Right' }, @{ L = 'Error'; E = 'Error'; W = 64 } -Wrap |
    Out-String -Width 80 | ForEach-Object TrimEnd
''
"Latest failed tasks ($([math]::Min($listed, $failed.Count)) of $($failed.Count))"
$failed | Sort-Object Started -Descending | Select-Object -First $listed |
    Format-Table @{ L = 'Service'; E = 'Service'; W = 8 }, @{ L = 'Name'; E = 'Name'; W = 30 }, @{ L = 'Status'; E = 'Status'; W = 15 },
        @{ L = 'Started (UTC)'; E = { if ($_.Started) { $_.Started.ToString('yyyy-MM-dd HH:mm') } }; W = 16 } |
    Out-String -Width 80 | ForEach-Object TrimEnd

''
$withProgress = @($running | Where-Object { $null -ne $_.Progress })
"Running migrations ($($running.Count): $(($running | Group-Object Service | ForEach-Object { "$($_.Count) $($_.Name)" }) -join ', '))"
"Least advanced first ($([math]::Min($listed, $withProgress.Count)) of the $($withProgress.Count) with progress)"
$withProgress | Sort-Object Progress | Select-Object -First $listed |
    Format-Table @{ L = 'Service'; E = 'Service'; W = 8 }, @{ L = 'Name'; E = 'Name'; W = 30 }, @{ L = 'Status'; E = 'Status'; W = 12 },
        @{ L = 'Progress'; E = { '{0,5:0.0} %' -f $_.Progress }; W = 8; A = 'Right' },
        @{ L = 'Started (UTC)'; E = { if ($_.Started) { $_.Started.ToString('yyyy-MM-dd HH:mm') } }; W = 16 } |
    Out-String -Width 80 | ForEach-Object TrimEnd
if ($CsvPath) { "All $($rows.Count) rows written to $CsvPath" } else { 'Every row: -CsvPath <file>, or -PassThru for objects.' }
