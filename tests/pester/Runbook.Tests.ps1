#Requires -Version 7.0
<#
    The README's runbook, examples/wait-for-migration.ps1, as a scheduler runs it: in another pwsh without a console,
    against the emulator pointed at by the lines it prints. The emulator's running tasks end when first read
    (--tasks-end-after 0) but one, which runs on past the runbook's time limit: it is logged STILL RUNNING, the
    webhook gets the summary and the exit code is 1, with no error record on the screen. (The README test runs it
    where every task ends: exit code 0.)
#>

BeforeAll {
    $RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
    $Manifest = Join-Path $RepoRoot 'out' 'MigrationTools' 'MigrationTools.psd1'
    $Runbook = Join-Path $RepoRoot 'examples' 'wait-for-migration.ps1'
    Import-Module (Join-Path $PSScriptRoot 'TestEmulator.psm1') -Force
    $Emulator = Start-TestEmulator -ArgumentList '--tasks-end-after', '0'
    # The DCS task the emulator prints as $taskId keeps running for its next 1000 reads.
    $Late = [regex]::Match(($Emulator.PastedLines -join "`n"), "(?m)^\`$taskId = '([^']+)'").Groups[1].Value
    $Late | Should -Not -BeNullOrEmpty
    $null = Invoke-RestMethod -Method Put -Uri "$($Emulator.Url)/_emulator/progress" -ContentType 'application/json' -Body (@{ id = $Late; polls = 1000 } | ConvertTo-Json)
}

AfterAll {
    Remove-Module MigrationTools -ErrorAction SilentlyContinue
    if ($Emulator) { Stop-TestEmulator $Emulator }
}

Describe 'The runbook (examples/wait-for-migration.ps1)' {
    It 'logs the task still running at its time limit, posts the summary to the webhook and exits 1, printing no error' {
        $log = Join-Path $TestDrive 'migrations.log'
        $webhook = "$($Emulator.Url)/_emulator/webhooks"
        # -TimeoutHours 0.0003: about one second, so every wait ends by its time limit.
        $script = @($Emulator.PastedLines) + @(
            "Import-Module '$Manifest'"
            "& '$Runbook' -Region $($Emulator.Region) -TimeoutHours 0.0003 -PollInterval 1 -LogPath '$log' -WebhookUri '$webhook'"
            'exit $LASTEXITCODE'
        )
        $run = Invoke-TestPwsh -NonInteractive -Script ($script -join "`n") -TimeoutSeconds 600

        $run.ExitCode | Should -Be 1 -Because "a task needs attention:`n$($run.Output)`n$($run.Errors)"
        $run.Errors | Should -BeNullOrEmpty -Because 'each task''s own failure is logged, not printed'
        $run.Output | Should -Match '\d+ task\(s\) followed, 1 need attention; log: '
        $lines = @(Get-Content -LiteralPath $log)
        $stillRunning = @($lines | Where-Object { $_ -match '\bSTILL RUNNING\b' })
        $stillRunning.Count | Should -Be 1
        $stillRunning[0] | Should -Match ([regex]::Escape($Late))
        $lines[-1] | Should -Match 'task\(s\) followed, 1 need attention$'

        $posted = @(Invoke-RestMethod -Uri $webhook)
        $posted.Count | Should -Be 1
        $text = ($posted[0] | ConvertFrom-Json).text
        $text | Should -Match "^Migrations on $([regex]::Escape([Environment]::MachineName)): \d+ task\(s\) followed, 1 need attention"
        $text | Should -Match "(?m)^- $([regex]::Escape($Late)): STILL RUNNING$"
    }
}
