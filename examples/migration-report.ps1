<#
.SYNOPSIS
    A report of every migration task of the four services, for a person to read: counts by service and status,
    the failed tasks with their error, the running migrations with their progress; all rows to CSV on request.
.DESCRIPTION
    Reads DCS (Redis) migration tasks (with the progress of running online migrations), RocketMQ metadata migration
    tasks of the given instances, and RDS for SQL Server backup migration jobs. Credentials, region and endpoint
    come from where the module finds them (a profile, the SDK's environment variables, $PSDefaultParameterValues).
    -Region (several, or * for every region of the account) and -ProfileName (several accounts) widen it: each
    row carries its region, and the CSV its profile and project too.
.EXAMPLE
    ./examples/migration-report.ps1 -Region * -ProfileName prod, staging   # every region of two accounts
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
    [switch] $PassThru,
    # The regions to report on: several, or * for every region of the account (default: the module's default region).
    [string[]] $Region,
    # The profiles (accounts) to report on, one after another (default: the credentials the module finds).
    [string[]] $ProfileName
)
$ErrorActionPreference = 'Stop'

# Statuses as each service spells them.
$RunningStatus = 'MIGRATING', 'TRANSFERRING', 'RUNNING', 'starting', 'creating'

function New-ReportRow($Service, $Item, $Name, $Status, $Kind, $Started, $Id, $ErrorText, $Progress = $null) {
    [pscustomobject]@{
        Service = $Service; Region = $Item.Region; Name = $Name; Status = $Status; Kind = $Kind; Started = $Started
        Progress = $Progress; Error = $ErrorText; Id = $Id; Profile = $script:Profile; ProjectId = $Item.ProjectId
    }
}

# Text as lines of at most $Width, broken at spaces: a table with -Wrap then never cuts a word in two.
function Split-Words([string] $Text, [int] $Width) {
    $lines = [System.Collections.Generic.List[string]]::new()
    $line = ''
    foreach ($word in $Text -split '\s+' | Where-Object { $_ }) {
        if ($line -and $line.Length + 1 + $word.Length -gt $Width) { $lines.Add($line); $line = $word }
        else { $line = if ($line) { "$line $word" } else { $word } }
    }
    if ($line) { $lines.Add($line) }
    $lines -join "`n"
}

$rows = [System.Collections.Generic.List[object]]::new()
# Profile after profile; the regions of each are listed concurrently by the module, written region after region.
foreach ($account in @(if ($ProfileName) { $ProfileName } else { '' })) {
    $script:Profile = if ($account) { $account } else { $null }
    $where = @{}
    if ($script:Profile) { $where.ProfileName = $script:Profile }
    $regions = @{}
    if ($Region) { $regions.Region = $Region }
    # A region or project that fails is reported and the others go on.
    $dcs = @(Get-DcsMigrationTask @where @regions -ErrorAction Continue)
    # Progress only exists for online migrations; each running task piped carries its region and project.
    $stats = @{}
    $dcs | Where-Object { $_.MigrationType -eq 'online_migration' -and $_.Status -eq 'MIGRATING' } |
        Get-DcsMigrationStats @where -ErrorAction Continue | ForEach-Object { $stats["$($_.ProjectId)/$($_.TaskId)"] = $_.FullMigrationProgress }
    foreach ($t in $dcs) { $rows.Add((New-ReportRow DCS $t $t.TaskName $t.Status $t.MigrationType $t.CreatedAt $t.TaskId $t.ErrorMessage $stats["$($t.ProjectId)/$($t.TaskId)"])) }
    # Given instances live in the default region; with -Region, every RocketMQ instance of each region is read.
    $instances = if ($Region) { @($null) } else { $RocketMqInstanceId }
    foreach ($instance in $instances) {
        $one = if ($instance) { @{ InstanceId = $instance } } else { $regions }
        foreach ($t in Get-RocketMqMigrationTask @where @one -ErrorAction Continue) {
            $rows.Add((New-ReportRow RocketMQ $t $t.TaskName $t.Status $t.Type $t.StartDate $t.TaskId $null))
        }
    }
    foreach ($j in Get-RdsBackupMigrationJob @where @regions -ErrorAction Continue) { $rows.Add((New-ReportRow RDS $j $j.Name $j.Status $j.EngineType $j.CreateTime $j.JobId $j.ErrorLog)) }
}

if ($CsvPath) {
    # Times as ISO 8601 UTC, whatever the culture of the machine.
    $rows | Select-Object Service, Region, Name, Status, Kind, @{ N = 'Started'; E = { if ($_.Started) { $_.Started.ToString('yyyy-MM-ddTHH:mm:ssZ') } } }, Progress, Error, Id, Profile, ProjectId |
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
# By region too when the rows come from several.
$byRegion = @($rows | ForEach-Object Region | Select-Object -Unique).Count -gt 1
$rows | Group-Object Service, $(if ($byRegion) { 'Region' } else { 'Service' }), Status |
    Sort-Object { $_.Group[0].Service }, { if ($byRegion) { $_.Group[0].Region } }, { - $_.Count } |
    ForEach-Object {
        $line = [ordered]@{ Service = $_.Group[0].Service }
        if ($byRegion) { $line.Region = $_.Group[0].Region }
        $line.Status = $_.Group[0].Status
        $line.Tasks = $_.Count
        [pscustomobject]$line
    } |
    Format-Table -AutoSize | Out-String -Width 80 | ForEach-Object TrimEnd

''
"Failed tasks ($($failed.Count)) by error"
$failed | Group-Object Service, Error | Sort-Object Count -Descending |
    ForEach-Object { [pscustomobject]@{ Service = $_.Group[0].Service; Tasks = $_.Count; Error = if ($_.Group[0].Error) { $_.Group[0].Error } else { "($($_.Group[0].Status), no error text from the service)" } } } |
    Format-Table @{ L = 'Service'; E = 'Service'; W = 8 }, @{ L = 'Tasks'; E = 'Tasks'; W = 5; A = 'Right' }, @{ L = 'Error'; E = { Split-Words $_.Error 64 }; W = 64 } -Wrap |
    Out-String -Width 80 | ForEach-Object TrimEnd
''
"Latest failed tasks ($([math]::Min($listed, $failed.Count)) of $($failed.Count))"
$failed | Sort-Object Started -Descending | Select-Object -First $listed |
    Format-Table @{ L = 'Service'; E = 'Service'; W = 8 }, @{ L = 'Region'; E = 'Region'; W = 14 }, @{ L = 'Name'; E = 'Name'; W = 22 },
        @{ L = 'Status'; E = 'Status'; W = 15 }, @{ L = 'Started (UTC)'; E = { if ($_.Started) { $_.Started.ToString('yyyy-MM-dd HH:mm') } }; W = 16 } |
    Out-String -Width 80 | ForEach-Object TrimEnd

''
$withProgress = @($running | Where-Object { $null -ne $_.Progress })
"Running migrations ($($running.Count): $(($running | Group-Object Service | ForEach-Object { "$($_.Count) $($_.Name)" }) -join ', '))"
"Least advanced first ($([math]::Min($listed, $withProgress.Count)) of the $($withProgress.Count) with progress)"
$withProgress | Sort-Object Progress | Select-Object -First $listed |
    Format-Table @{ L = 'Service'; E = 'Service'; W = 8 }, @{ L = 'Region'; E = 'Region'; W = 14 }, @{ L = 'Name'; E = 'Name'; W = 18 },
        @{ L = 'Status'; E = 'Status'; W = 10 }, @{ L = 'Progress'; E = { '{0,5:0.0} %' -f $_.Progress }; W = 8; A = 'Right' },
        @{ L = 'Started (UTC)'; E = { if ($_.Started) { $_.Started.ToString('yyyy-MM-dd HH:mm') } }; W = 16 } |
    Out-String -Width 80 | ForEach-Object TrimEnd
if ($CsvPath) { "All $($rows.Count) rows written to $CsvPath" } else { 'Every row: -CsvPath <file>, or -PassThru for objects.' }
