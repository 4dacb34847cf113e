<#
.SYNOPSIS
    Runbook: waits for the running migrations of a project, then logs the outcome and mails a summary.
.DESCRIPTION
    Waits for every running DCS migration, RDS backup migration job and RocketMQ metadata migration task of the
    project (or only those given), writes one log line per task as it ends, and mails a summary when a task
    failed or is still running at the time limit. Credentials come from the usual chain (profile, environment,
    ECS metadata), so the same script runs on a laptop, in a pipeline or on an ECS with an agency.
.EXAMPLE
    ./wait-for-migration.ps1 -Region cn-north-4 -TimeoutHours 6 -LogPath /var/log/migrations.log -MailTo ops@example.com -SmtpServer smtp.example.com
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Region,
    [string] $ProfileName,
    [double] $TimeoutHours = 12,
    [int] $PollInterval = 60,
    [string] $LogPath = (Join-Path ([IO.Path]::GetTempPath()) 'migrations.log'),
    [string] $MailTo,
    [string] $SmtpServer
)

Import-Module MigrationTools -ErrorAction Stop
$connection = @{ Region = $Region }
if ($ProfileName) { $connection.ProfileName = $ProfileName }
$wait = @{ PollInterval = $PollInterval; Timeout = [int]($TimeoutHours * 3600) }

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
"$($outcomes.Count) task(s) followed, $($bad.Count) need attention; log: $LogPath"
if ($bad.Count -gt 0 -and $MailTo -and $SmtpServer) {
    $body = $outcomes | Format-Table Service, Name, Status -AutoSize | Out-String -Width 120
    Send-MailMessage -To $MailTo -From "migrations@$env:COMPUTERNAME" -Subject "Migrations: $($bad.Count) need attention" -Body $body -SmtpServer $SmtpServer
}
if ($bad.Count -gt 0) { exit 1 }
