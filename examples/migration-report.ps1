<#
.SYNOPSIS
    One flat report of every migration task of the four services: DCS (with the progress of running online
    migrations), RocketMQ metadata migrations, and RDS for SQL Server backup migrations.
.EXAMPLE
    ./examples/migration-report.ps1 -RocketMqInstanceId $ids | Export-Csv migrations.csv -NoTypeInformation
#>
[CmdletBinding()]
param(
    # RocketMQ instances whose metadata migrations to list (default: $env:MIGRATIONTOOLS_ROCKETMQ_INSTANCES, comma-separated).
    [string[]] $RocketMqInstanceId = @($env:MIGRATIONTOOLS_ROCKETMQ_INSTANCES -split ',' | Where-Object { $_ })
)

$running = @{}
Get-DcsMigrationTask | ForEach-Object {
    $task = $_
    $progress = $null
    if ($task.MigrationType -eq 'online_migration' -and $task.Status -eq 'MIGRATING') {
        $progress = ($task | Get-DcsMigrationStats).FullMigrationProgress
    }
    [pscustomobject]@{
        Service  = 'DCS'
        Name     = $task.TaskName
        Status   = $task.Status
        Kind     = $task.MigrationType
        Started  = $task.CreatedAt
        Progress = $progress
        Id       = $task.TaskId
    }
}

foreach ($instance in $RocketMqInstanceId) {
    Get-RocketMqMigrationTask -InstanceId $instance | ForEach-Object {
        [pscustomobject]@{
            Service  = 'RocketMQ'
            Name     = $_.TaskName
            Status   = $_.Status
            Kind     = $_.Type
            Started  = $_.StartDate
            Progress = $null
            Id       = $_.TaskId
        }
    }
}

Get-RdsBackupMigrationJob | ForEach-Object {
    [pscustomobject]@{
        Service  = 'RDS'
        Name     = $_.Name
        Status   = $_.Status
        Kind     = $_.EngineType
        Started  = $_.CreateTime
        Progress = $null
        Id       = $_.JobId
    }
}
