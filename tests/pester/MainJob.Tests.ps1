#Requires -Version 7.0
<#
    The main job, examples/migration-report.ps1, in real pwsh against the emulator, pointed at it the way
    tools/Run-Report.ps1 (build.ps1 -Task Report) does: Use-TestEmulator (the SDK's variables and a default -Endpoint).
#>

BeforeAll {
    $RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
    $Manifest = Join-Path $RepoRoot 'out' 'MigrationTools' 'MigrationTools.psd1'
    $Report = Join-Path $RepoRoot 'examples' 'migration-report.ps1'
    Import-Module (Join-Path $PSScriptRoot 'TestEmulator.psm1') -Force
    $Emulator = Start-TestEmulator
    Import-Module $Manifest -Force -ErrorAction Stop
    Use-TestEmulator $Emulator

    $Dcs = @(Get-DcsMigrationTask)
    $Rds = @(Get-RdsBackupMigrationJob)
    $RocketMqCount = ($Emulator.RocketMqInstances | Measure-Object Tasks -Sum).Sum
}

AfterAll {
    Remove-Module MigrationTools -ErrorAction SilentlyContinue
    if ($Emulator) { Stop-TestEmulator $Emulator }   # undoes Use-TestEmulator
}

Describe 'The main job (examples/migration-report.ps1)' {
    It 'returns one row per task of the three services, with the progress of running online DCS migrations' {
        $rows = @(& $Report -PassThru)
        @($rows | Where-Object Service -eq DCS).Count | Should -Be $Dcs.Count
        @($rows | Where-Object Service -eq RDS).Count | Should -Be $Rds.Count
        @($rows | Where-Object Service -eq RocketMQ).Count | Should -Be $RocketMqCount
        $running = @($rows | Where-Object { $_.Service -eq 'DCS' -and $_.Status -eq 'MIGRATING' -and $_.Kind -eq 'online_migration' })
        $running.Count | Should -BeGreaterThan 0
        $running | ForEach-Object { $_.Progress | Should -BeOfType [double] }
        $failed = @($rows | Where-Object { $_.Service -ne 'RocketMQ' -and $_.Status -match 'FAILED' })
        $failed | ForEach-Object { $_.Error | Should -Not -BeNullOrEmpty }
    }

    It 'prints a report a person reads at 80 columns: counts by service and status, failures by error, running migrations' {
        $csv = Join-Path $TestDrive 'migrations.csv'
        $text = (& $Report -CsvPath $csv) -join "`n"
        # Every line fits 80 columns, but the one that names the CSV file (a path is as long as it is).
        ($text -split '\n') | Where-Object { $_ -notmatch 'rows written to' } | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 -Because "'$_'" }
        $text | Should -Match "$($Dcs.Count + $Rds.Count + $RocketMqCount) tasks"
        $text | Should -Match 'Tasks by service and status'
        foreach ($group in $Dcs | Group-Object Status) {
            $text | Should -Match "(?m)^DCS\s+$([regex]::Escape($group.Name))\s+$($group.Count)\s*$"
        }
        $text | Should -Match 'Failed tasks \(\d+\) by error'
        $topError = $Dcs | Where-Object Status -eq FAILED | Group-Object ErrorMessage | Sort-Object Count -Descending | Select-Object -First 1
        $text | Should -Match ([regex]::Escape($topError.Name))
        # Errors wrap between words: each one reads whole once its lines are joined with a space.
        $errorLines = ($text -split 'Failed tasks \(\d+\) by error')[1] -split 'Latest failed tasks' | Select-Object -First 1
        $joined = (($errorLines -split '\n') | ForEach-Object { $_.Trim() } | Where-Object { $_ }) -join ' '
        $messages = @($Dcs | Where-Object Status -match FAILED).ErrorMessage + @($Rds | Where-Object Status -match FAILED).ErrorLog
        foreach ($message in $messages | Where-Object { $_ } | Sort-Object -Unique) {
            $joined | Should -Match ([regex]::Escape($message)) -Because 'no error message is cut in the middle of a word'
        }
        $text | Should -Match 'Running migrations \(\d+: '
        $text | Should -Match '\d+\.\d %'
        $text | Should -Match ([regex]::Escape("rows written to $csv"))
        $rows = @(Import-Csv $csv)
        $rows.Count | Should -Be ($Dcs.Count + $Rds.Count + $RocketMqCount)
        $rows[0].Started | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$'
    }
}
