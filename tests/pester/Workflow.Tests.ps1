#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Issue 10 in a real pwsh: the RDS job detail and its pipeline, the Wait-* cmdlets against tasks that progress
    (the emulator's PUT /_emulator/progress), the RocketMQ listing across instances and the requests it makes,
    and id completion through TabExpansion2 (including that file names are never offered).

        dotnet build MigrationTools.sln
        Invoke-Pester tests/pester/Workflow.Tests.ps1
#>

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestEmulator.psm1') -Force
    $RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
    Import-Module (Join-Path $RepoRoot 'out' 'MigrationTools' 'MigrationTools.psd1') -Force
    $emu = Start-TestEmulator
    $conn = $emu.Conn

    # Makes a task of the data set progress: running for -Polls reads (list or detail), then -FinalStatus.
    function Set-Progress([string] $Id, [int] $Polls, [string] $FinalStatus) {
        $plan = @{ id = $Id; polls = $Polls }
        if ($FinalStatus) { $plan.finalStatus = $FinalStatus }
        Invoke-RestMethod -Method Put -Uri "$($emu.Url)/_emulator/progress" -ContentType 'application/json' `
            -Body ($plan | ConvertTo-Json) | Out-Null
    }

    $running = @(Get-DcsMigrationTask @conn | Where-Object {
        $_.Status -eq 'MIGRATING' -and $_.MigrationType -eq 'online_migration' })
    $full = @($running | Where-Object MigrationMethod -eq 'full_amount_migration')
    $incremental = @($running | Where-Object MigrationMethod -eq 'incremental_migration')
}

AfterAll {
    if ($emu) { Stop-TestEmulator $emu }
}

Describe 'Get-RdsBackupMigrationJob -JobId' {
    It 'returns the job in full, with typed nested objects' {
        $job = Get-RdsBackupMigrationJob @conn -Status FAILED -First 1
        $d = Get-RdsBackupMigrationJob @conn -JobId $job.JobId
        $d.GetType().Name | Should -Be 'RdsBackupMigrationJobDetail'
        $d.Status | Should -Be 'FAILED'
        $d.ErrorLog | Should -Not -BeNullOrEmpty
        $d.NewDbNames.Count | Should -BeGreaterThan 0
        $d.BackupInfo.FileSource | Should -Be 'OBS'
        $d.BackupInfo.FileInfo[0].FileSize | Should -BeOfType [long]
        $d.BackupInfo.FileInfo[0].FileLastModify.Kind | Should -Be 'Utc'
        $d.TargetDbInfo.TargetInstanceId | Should -Not -BeNullOrEmpty
        $d.Region | Should -Be $conn.Region
        $d.ProjectId | Should -Be $conn.ProjectId
    }

    It 'takes listed jobs from the pipeline, one detail request each' {
        Clear-EmulatorRequests -Url $emu.Url
        $details = @(Get-RdsBackupMigrationJob @conn -Status FAILED -First 3 | Get-RdsBackupMigrationJob @conn)
        $details.Count | Should -Be 3
        $details.Status | Should -Be @('FAILED', 'FAILED', 'FAILED')
        foreach ($d in $details) { @(Get-EmulatorRequests -Url $emu.Url -PathEnd "/backup-migration-jobs/$($d.JobId)").Count | Should -Be 1 }
    }

    It 'exports to CSV with readable nested cells' {
        $csv = Get-RdsBackupMigrationJob @conn -First 1 | Get-RdsBackupMigrationJob @conn | ConvertTo-Csv | ConvertFrom-Csv
        $csv.BackupInfo | Should -Not -Match 'MigrationTools\.Core'
        $csv.TargetDbInfo | Should -Not -BeNullOrEmpty
    }

    It 'fits 80 columns' {
        $text = Get-RdsBackupMigrationJob @conn -First 5 | Get-RdsBackupMigrationJob @conn | Out-String -Width 80
        foreach ($line in $text -split "`r?`n") { $line.TrimEnd().Length | Should -BeLessOrEqual 80 }
    }

    It 'lists the restored databases as "a; b" in its list view, not as {a, b}' {
        $d = Get-RdsBackupMigrationJob @conn -Status FAILED -First 20 | Get-RdsBackupMigrationJob @conn |
            Where-Object { $_.NewDbNames.Count -gt 1 } | Select-Object -First 1
        $d | Should -Not -BeNullOrEmpty
        $text = $d | Format-List | Out-String -Width 200
        $text | Should -Match ('(?m)^NewDbNames\s+: ' + [regex]::Escape($d.NewDbNames -join '; ') + '\s*$')
        $text | Should -Not -Match '\{.*\}'
    }

    It 'does not combine the list filters with -JobId' {
        { Get-RdsBackupMigrationJob @conn -JobId x -Status FAILED -ErrorAction Stop } | Should -Throw -ErrorId 'AmbiguousParameterSet*'
    }
}

Describe 'Wait-DcsMigrationTask' {
    It 'polls until the task leaves MIGRATING and writes it once' {
        $task = $full[0]
        Set-Progress $task.TaskId 2
        Clear-EmulatorRequests -Url $emu.Url
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $all = Wait-DcsMigrationTask @conn -TaskId $task.TaskId -PollInterval 1 -Timeout 60 *>&1
        $watch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 1.8
        $out = @($all | Where-Object { $_ -isnot [System.Management.Automation.ProgressRecord] })
        $out.Count | Should -Be 1
        $out[0].Status | Should -Be 'SUCCESS'
        # One list request a round; the detail once, when the task ended.
        @(Get-EmulatorRequests -Url $emu.Url -PathEnd '/migration-tasks').Count | Should -Be 3
        @(Get-EmulatorRequests -Url $emu.Url -PathEnd "/migration-task/$($task.TaskId)").Count | Should -Be 1
    }

    It 'ends the wait of an incremental migration when its full phase reaches 100%' {
        $task = $incremental[0]
        Set-Progress $task.TaskId 1 'MIGRATING'
        $d = Wait-DcsMigrationTask @conn $task.TaskId -PollInterval 1 -Timeout 60
        $d.Status | Should -Be 'MIGRATING'
        (Get-DcsMigrationStats @conn -TaskId $task.TaskId).FullMigrationProgress | Should -Be 100
    }

    It 'waits for piped tasks together; a task still running at -Timeout gets WaitTimeout, the others are written' {
        Set-Progress $full[1].TaskId 1
        Set-Progress $full[2].TaskId 1000
        $ids = $full[1].TaskId, $full[2].TaskId
        $done = @($ids | Wait-DcsMigrationTask @conn -PollInterval 1 -Timeout 3 -ErrorVariable late -ErrorAction SilentlyContinue)
        $done.TaskId | Should -Be @($full[1].TaskId)
        $late.Count | Should -Be 1
        $late[0].FullyQualifiedErrorId | Should -BeLike 'WaitTimeout*'
        $late[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $late[0].TargetObject | Should -Be $full[2].TaskId
    }

    It 'returns within a second of Ctrl+C, also mid-sleep' {
        Set-Progress $full[3].TaskId 1000
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
            param($m, $c, $id) Import-Module $m; Wait-DcsMigrationTask @c -TaskId $id -PollInterval 60
        }).AddArgument((Join-Path $RepoRoot 'out' 'MigrationTools' 'MigrationTools.psd1')).AddArgument($conn).AddArgument($full[3].TaskId)
        $handle = $ps.BeginInvoke()
        # Stopped once the first round's status is on the task's bar: the wait then sleeps until the next poll, a
        # minute away. Returning within 10 s means the stop ended that sleep (a load cannot make a stop take 10 s);
        # the figure printed is the time a user waits.
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        $seen = [System.Collections.Generic.List[System.Management.Automation.ProgressRecord]]::new()
        while (-not @($seen | Where-Object StatusDescription -ne 'waiting') -and $ps.InvocationStateInfo.State -eq 'Running' -and [DateTime]::UtcNow -lt $deadline) {
            $seen.AddRange($ps.Streams.Progress.ReadAll()) # taken out as they come: the collection is written meanwhile
            Start-Sleep -Milliseconds 20
        }
        $ps.InvocationStateInfo.State | Should -Be 'Running'
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $stopping = $ps.BeginStop($null, $null)
        $stopping.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(10)) | Should -BeTrue -Because 'the stop ends the sleep, not the poll interval'
        $watch.Stop()
        Write-Host "Stop mid-sleep in real pwsh: $($watch.ElapsedMilliseconds) ms"
        $ps.EndStop($stopping)
        $handle.IsCompleted | Should -BeTrue
        $ps.Dispose()
    }
}

Describe 'Wait-RdsBackupMigrationJob and Wait-RocketMqMigrationTask' {
    It 'waits for a job to leave TRANSFERRING' {
        $job = Get-RdsBackupMigrationJob @conn -Status TRANSFERRING -First 1
        Set-Progress $job.JobId 1 'FAILED'
        $d = $job | Wait-RdsBackupMigrationJob @conn -PollInterval 1 -Timeout 60
        $d.Status | Should -Be 'FAILED'
        $d.FinishTime | Should -Not -BeNullOrEmpty
    }

    It 'waits for a RocketMQ task taken from the pipeline' {
        $task = Get-RocketMqMigrationTask @conn -InstanceId $emu.RocketMqInstances[0].InstanceId -First 1
        Set-Progress $task.TaskId 1
        $d = $task | Wait-RocketMqMigrationTask @conn -PollInterval 1 -Timeout 60
        $d.Status | Should -Be 'finished'
        $d.InstanceId | Should -Be $emu.RocketMqInstances[0].InstanceId
    }
}

Describe 'The workflow cmdlets with -Debug in pwsh -NonInteractive' {
    It 'writes debug and verbose lines without a prompt, and exits 0' {
        $job = Get-RdsBackupMigrationJob @conn -Status FAILED -First 1
        $rq = Get-RocketMqMigrationTask @conn -First 1
        Set-Progress $full[4].TaskId 1
        Set-Progress $rq.TaskId 1
        $r = Invoke-TestPwsh -NonInteractive -TimeoutSeconds 120 -Environment @{
            MT_TEST_MODULE = (Join-Path $RepoRoot 'out' 'MigrationTools' 'MigrationTools.psd1')
            MT_TEST_ENDPOINT = $emu.Url; MT_TEST_PROJECT = $emu.ProjectId
            HUAWEICLOUD_SDK_AK = $emu.AccessKey; HUAWEICLOUD_SDK_SK = $emu.SecretKey
            MT_DCS = $full[4].TaskId; MT_JOB = $job.JobId; MT_RQ_INSTANCE = $rq.InstanceId; MT_RQ_TASK = $rq.TaskId
        } -Script @'
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
Import-Module $env:MT_TEST_MODULE
$c = @{ Endpoint = $env:MT_TEST_ENDPOINT; Region = 'cn-north-4'; ProjectId = $env:MT_TEST_PROJECT }
"dcs: " + (Wait-DcsMigrationTask @c -TaskId $env:MT_DCS -PollInterval 1 -Timeout 30 -Debug).Status
"job: " + (Get-RdsBackupMigrationJob @c -JobId $env:MT_JOB -Debug).Status
"wait job: " + (Wait-RdsBackupMigrationJob @c -JobId $env:MT_JOB -Timeout 30 -Debug).Status
"rq: " + (Wait-RocketMqMigrationTask @c -InstanceId $env:MT_RQ_INSTANCE -TaskId $env:MT_RQ_TASK -PollInterval 1 -Timeout 30 -Debug).Status
'@
        $r.Errors | Should -BeNullOrEmpty
        $r.Output | Should -Match 'DEBUG: Credentials: '
        $r.Output | Should -Match 'VERBOSE: .*the wait ended after'
        $r.Output | Should -Match 'dcs: SUCCESS'
        $r.Output | Should -Match 'job: FAILED'
        $r.Output | Should -Match 'wait job: FAILED'
        $r.Output | Should -Match 'rq: finished'
        $r.Output | Should -Not -Match 'NonInteractive mode|Continue with this operation|failed unexpectedly'
        $r.ExitCode | Should -Be 0
    }
}

Describe 'Get-RocketMqMigrationTask without -InstanceId' {
    It 'lists every RocketMQ instance and never asks an instance of another engine' {
        Clear-EmulatorRequests -Url $emu.Url
        $tasks = @(Get-RocketMqMigrationTask @conn)
        # Every task of every RocketMQ instance, each carrying its instance; instances without tasks add none.
        $tasks.Count | Should -Be ($emu.RocketMqInstances | Measure-Object Tasks -Sum).Sum
        ($tasks.InstanceId | Sort-Object -Unique).Count | Should -Be @($emu.RocketMqInstances | Where-Object Tasks -gt 0).Count
        $info = Invoke-RestMethod "$($emu.Url)/_emulator/info"
        foreach ($other in $info.otherEngineInstanceIds) { @(Get-EmulatorRequests -Url $emu.Url -PathEnd "/instances/$other/metadata").Count | Should -Be 0 }
        @(Get-EmulatorRequests -Url $emu.Url -PathEnd '/instances').Count | Should -BeGreaterThan 0
    }

    It 'applies -Skip, -First and -IncludeTotalCount to the whole listing' {
        $all = @(Get-RocketMqMigrationTask @conn)
        $firstCount = @(Get-RocketMqMigrationTask @conn -InstanceId $emu.RocketMqInstances[0].InstanceId).Count
        Clear-EmulatorRequests -Url $emu.Url
        $page = @(Get-RocketMqMigrationTask @conn -Skip ($firstCount + 2) -First 3)
        $page.TaskId | Should -Be @($all[($firstCount + 2)..($firstCount + 4)].TaskId)
        @(Get-EmulatorRequests -Url $emu.Url -PathEnd "/instances/$($emu.RocketMqInstances[0].InstanceId)/metadata").Count | Should -Be 1
        $withTotal = @(Get-RocketMqMigrationTask @conn -IncludeTotalCount -First 1)
        [long]$withTotal[0] | Should -Be $all.Count
    }
}

Describe 'Id completion' {
    BeforeAll {
        $folder = Join-Path ([IO.Path]::GetTempPath()) "mt-completion-$PID"
        $null = New-Item -ItemType Directory -Force $folder
        $null = New-Item -ItemType File -Force (Join-Path $folder 'zz-not-an-id.txt')
        Push-Location $folder
        $line = "-Endpoint $($conn.Endpoint) -Region $($conn.Region) -ProjectId $($conn.ProjectId) -AccessKey $($conn.AccessKey) -SecretKey $($conn.SecretKey)"
        function Complete([string] $Text) { (TabExpansion2 -inputScript $Text -cursorColumn $Text.Length).CompletionMatches }
    }
    AfterAll {
        Pop-Location
        Remove-Item -Recurse -Force $folder -ErrorAction SilentlyContinue
    }

    It 'completes -TaskId with real ids and the task name in the tooltip' {
        $first = Get-DcsMigrationTask @conn -First 1
        $m = @(Complete "Wait-DcsMigrationTask $line -TaskId ")
        $m.Count | Should -Be 100
        $m[0].CompletionText | Should -Be $first.TaskId
        $m[0].ToolTip | Should -BeLike "*$($first.TaskName)*"
    }

    It 'completes -JobId and -InstanceId' {
        @(Complete "Get-RdsBackupMigrationJob $line -JobId ").Count | Should -BeGreaterThan 0
        @(Complete "Get-RocketMqMigrationTask $line -InstanceId ").CompletionText | Should -Be @($emu.RocketMqInstances.InstanceId)
    }

    It 'completes nothing, silently, when listing fails, and never offers file names' {
        # A parameter without a completer offers the file: the check below can fail.
        @(Complete 'Get-DcsMigrationTask -Name zz').CompletionText | Should -Contain './zz-not-an-id.txt'
        $bad = $line -replace [regex]::Escape($conn.Endpoint), 'http://127.0.0.1:1'
        $all = & { Complete "Wait-DcsMigrationTask $bad -TaskId zz" } *>&1
        @($all).Count | Should -Be 0
        @(Complete "Wait-DcsMigrationTask $line -TaskId zz").Count | Should -Be 0
    }
}
