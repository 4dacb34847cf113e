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

function New-ReportRow($Service, $Name, $Status, $Kind, $Started, $Id, $Progress = $null) {
    [pscustomobject]@{ Service = $Service; Name = $Name; Status = $Status; Kind = $Kind; Started = $Started; Progress = $Progress; Id = $Id }
}

Get-DcsMigrationTask | ForEach-Object {
    $progress = $null
    if ($_.MigrationType -eq 'online_migration' -and $_.Status -eq 'MIGRATING') {
        $progress = ($_ | Get-DcsMigrationStats).FullMigrationProgress
    }
    New-ReportRow DCS $_.TaskName $_.Status $_.MigrationType $_.CreatedAt $_.TaskId $progress
}

foreach ($instance in $RocketMqInstanceId) {
    Get-RocketMqMigrationTask -InstanceId $instance | ForEach-Object {
        New-ReportRow RocketMQ $_.TaskName $_.Status $_.Type $_.StartDate $_.TaskId
    }
}

Get-RdsBackupMigrationJob | ForEach-Object {
    New-ReportRow RDS $_.Name $_.Status $_.EngineType $_.CreateTime $_.JobId
}
