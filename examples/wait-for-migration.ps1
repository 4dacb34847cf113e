<#
.SYNOPSIS
    Runbook: waits for the running migrations of a project, logs each outcome, and reports those that need attention.
.DESCRIPTION
    Waits for every running DCS migration, RDS backup migration job and RocketMQ metadata migration task of the
    project, writes one log line per task as it ends, and prints one summary line. When a task failed, could not be
    read or is still running at the time limit, it posts the summary to -WebhookUri (a chat or alerting webhook, as
    JSON {"text": ...}) and exits with code 1, so the scheduler that runs it sees the failure. Credentials come from
    the usual chain (profile, environment, ECS metadata), so the same script runs on a laptop, in a pipeline or on
    an ECS with an agency, on Linux and Windows.
.EXAMPLE
    ./wait-for-migration.ps1 -Region cn-north-4 -TimeoutHours 6 -LogPath /var/log/migrations.log -WebhookUri https://hooks.example.com/T1/B2
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Region,
    [string] $ProfileName,
    [double] $TimeoutHours = 12,
    [int] $PollInterval = 60,
    [string] $LogPath = (Join-Path ([IO.Path]::GetTempPath()) 'migrations.log'),
    # Where to post the summary when a task needs attention (Invoke-RestMethod, JSON {"text": ...}).
    [uri] $WebhookUri
)
$ErrorActionPreference = 'Stop'

# Already imported (from a path, say), or found on PSModulePath.
if (-not (Get-Module MigrationTools)) { Import-Module MigrationTools }
$connection = @{ Region = $Region }
if ($ProfileName) { $connection.ProfileName = $ProfileName }
# A task's own failure (or time-out) is collected in $late and logged below, not printed as it happens.
$wait = @{ PollInterval = $PollInterval; Timeout = [int]($TimeoutHours * 3600); ErrorAction = 'SilentlyContinue' }

function Write-Outcome([string] $Service, [string] $Name, [string] $Status, [string] $Detail) {
    $line = '{0:u}  {1,-9} {2,-40} {3,-16} {4}' -f (Get-Date).ToUniversalTime(), $Service, $Name, $Status, $Detail
    Add-Content -LiteralPath $LogPath -Value $line
    [pscustomobject]@{ Service = $Service; Name = $Name; Status = $Status; Detail = $Detail }
}

$late = @()
$outcomes = @(
    Get-DcsMigrationTask @connection | Where-Object Status -eq MIGRATING |
        Wait-DcsMigrationTask @connection @wait -ErrorVariable +late |
        ForEach-Object { Write-Outcome DCS $_.TaskName $_.Status $_.Description }

    Get-RdsBackupMigrationJob @connection -Status TRANSFERRING |
        Wait-RdsBackupMigrationJob @connection @wait -ErrorVariable +late |
        ForEach-Object { Write-Outcome RDS $_.Name $_.Status $_.ErrorLog }

    Get-RocketMqMigrationTask @connection | Where-Object Status -in creating, starting |
        Wait-RocketMqMigrationTask @connection @wait -ErrorVariable +late |
        ForEach-Object { Write-Outcome RocketMQ $_.TaskName $_.Status $_.Result }
)
foreach ($e in $late) {
    $status = if ($e.FullyQualifiedErrorId -like 'WaitTimeout*') { 'STILL RUNNING' } else { 'UNREADABLE' }
    $outcomes += Write-Outcome '-' "$($e.TargetObject)" $status $e.Exception.Message
}

$bad = @($outcomes | Where-Object Status -notin SUCCESS, finished)
$summary = "$($outcomes.Count) task(s) followed, $($bad.Count) need attention"
Add-Content -LiteralPath $LogPath -Value ('{0:u}  {1}' -f (Get-Date).ToUniversalTime(), $summary)
"$summary; log: $LogPath"
if ($bad.Count -gt 0 -and $WebhookUri) {
    $lines = $bad | Select-Object -First 20 | ForEach-Object { "$($_.Service) $($_.Name): $($_.Status)" }
    $text = (@("Migrations on $([Environment]::MachineName): $summary") + $lines) -join "`n"
    $null = Invoke-RestMethod -Method Post -Uri $WebhookUri -ContentType 'application/json' -Body (@{ text = $text } | ConvertTo-Json)
}
exit $(if ($bad.Count -gt 0) { 1 } else { 0 })
