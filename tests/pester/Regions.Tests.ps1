#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Issue 18 in a real pwsh: several regions, every region (-Region *) and several profiles in one command, against
    one emulator that serves the regions of its account at http://127.0.0.1:<port>/<region>, reached the SDKs' way
    (HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}), with IAM's project listing (a sub-project and the global MOS project).

        dotnet build MigrationTools.sln
        Invoke-Pester tests/pester/Regions.Tests.ps1
#>

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestEmulator.psm1') -Force
    $RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
    Import-Module (Join-Path $RepoRoot 'out' 'MigrationTools' 'MigrationTools.psd1') -Force
    $emu = Start-TestEmulator
    # As the emulator prints them: keys, the default region and its project, each region's endpoints, IAM.
    $script:Set = [ordered]@{
        HUAWEICLOUD_SDK_AK           = $emu.AccessKey
        HUAWEICLOUD_SDK_SK           = $emu.SecretKey
        HUAWEICLOUD_SDK_REGION       = $emu.Region
        HUAWEICLOUD_SDK_PROJECT_ID   = $emu.ProjectId
        HUAWEICLOUD_SDK_IAM_ENDPOINT = $emu.Url
    }
    foreach ($region in 'cn-north-4', 'cn-south-1', 'ap-southeast-1', 'cn-east-3') {
        $url = if ($region -eq $emu.Region) { $emu.Url } else { "$($emu.Url)/$region" }
        foreach ($service in 'DCS', 'ROCKETMQ', 'DRS') { $script:Set["HUAWEICLOUD_SDK_REGION_${service}_$($region.Replace('-', '_').ToUpperInvariant())"] = $url }
    }
    foreach ($name in $script:Set.Keys) { [Environment]::SetEnvironmentVariable($name, $script:Set[$name]) }

    # The shared helper: Invoke-RestMethod writes a JSON array as one object, which it unrolls.
    function Get-Requests([string] $PathEnd) { Get-EmulatorRequests -Url $emu.Url -PathEnd $PathEnd }
    function Clear-Requests { Clear-EmulatorRequests -Url $emu.Url }
}

AfterAll {
    foreach ($name in $script:Set.Keys) { [Environment]::SetEnvironmentVariable($name, $null) }
    if ($emu) { Stop-TestEmulator $emu }
}

Describe '-Region with several regions' {
    It 'lists each region with its own project, in the order given, each region''s tasks in the service''s order' {
        $tasks = @(Get-DcsMigrationTask -Region ap-southeast-1, cn-north-4)
        $regions = @($tasks | ForEach-Object Region | Select-Object -Unique)
        $regions | Should -Be @('ap-southeast-1', 'cn-north-4')
        @($tasks | Where-Object Region -eq 'cn-north-4').Count | Should -Be 1200
        @($tasks | Where-Object Region -eq 'ap-southeast-1').Count | Should -Be 40
        @($tasks | Where-Object Region -eq 'cn-north-4' | ForEach-Object ProjectId | Select-Object -Unique) | Should -Be @($emu.ProjectId)
        $other = @($tasks | Where-Object Region -eq 'ap-southeast-1' | ForEach-Object ProjectId | Select-Object -Unique)
        $other.Count | Should -Be 1
        $other[0] | Should -Not -Be $emu.ProjectId
        # One listing alone gives the same records in the same order.
        $alone = @(Get-DcsMigrationTask -Region cn-north-4)
        @($tasks | Where-Object Region -eq 'cn-north-4' | ForEach-Object TaskId) | Should -Be @($alone.TaskId)
    }

    It 'asks IAM once for the projects of all the regions' {
        Clear-Requests
        $null = Get-RdsBackupMigrationJob -Region cn-south-1, ap-southeast-1 -First 1
        @(Get-Requests '/v3/projects').Count | Should -BeLessOrEqual 1
    }

    It 'asks IAM nothing when the projects of the regions are known to the session' {
        $null = Get-RdsBackupMigrationJob -Region cn-south-1, ap-southeast-1 -First 1
        Clear-Requests
        $null = Get-RdsBackupMigrationJob -Region ap-southeast-1, cn-south-1 -First 1
        @(Get-Requests '/v3/projects').Count | Should -Be 0
        @(Get-Requests '/backup-migration-jobs').Count | Should -BeGreaterThan 0
    }

    It 'writes one error naming the region and the profile for a region that cannot be reached, and lists the others whole' {
        $saved = $env:HUAWEICLOUD_SDK_REGION_DCS_CN_SOUTH_1
        try {
            # Port 9 on loopback: nothing listens, the connection is refused.
            $env:HUAWEICLOUD_SDK_REGION_DCS_CN_SOUTH_1 = 'http://127.0.0.1:9'
            $tasks = @(Get-DcsMigrationTask -Region cn-north-4, cn-south-1, ap-southeast-1 -MaxRetries 0 -ErrorVariable failed -ErrorAction SilentlyContinue)
        } finally { $env:HUAWEICLOUD_SDK_REGION_DCS_CN_SOUTH_1 = $saved }
        $tasks.Count | Should -Be 1240
        @($tasks | ForEach-Object Region | Select-Object -Unique) | Should -Be @('cn-north-4', 'ap-southeast-1')
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'EndpointUnreachable*'
        $failed[0].ErrorDetails.Message | Should -BeLike 'region cn-south-1*default credentials*'
    }

    It '-First applies to the whole output and costs a small request per region' {
        Clear-Requests
        $tasks = @(Get-DcsMigrationTask -Region cn-north-4, ap-southeast-1 -First 5)
        $tasks.Count | Should -Be 5
        @($tasks.Region | Select-Object -Unique) | Should -Be @('cn-north-4')
        $pages = @(Get-Requests '/migration-tasks')
        $pages.Count | Should -BeLessOrEqual 2
        $pages | ForEach-Object { $_.queryString | Should -Match 'limit=5' }
    }

    It '-Skip and -IncludeTotalCount apply to the whole output' {
        $all = @(Get-DcsMigrationTask -Region cn-north-4, ap-southeast-1)
        $page = @(Get-DcsMigrationTask -Region cn-north-4, ap-southeast-1 -Skip 1195 -First 10 -IncludeTotalCount)
        $page[0].ToString() | Should -Match '1240'
        @($page | Select-Object -Skip 1 | ForEach-Object TaskId) | Should -Be @($all[1195..1204].TaskId)
    }

    It 'gets tasks by id in whichever region has them, and one not-found error for an id none has' {
        $north = Get-DcsMigrationTask -Region cn-north-4 -First 1
        $south = Get-DcsMigrationTask -Region ap-southeast-1 -First 1
        $got = @(Get-DcsMigrationTask -Region cn-north-4, ap-southeast-1 -TaskId $south.TaskId, $north.TaskId, 'no-such-task' -ErrorVariable missing -ErrorAction SilentlyContinue)
        @($got | ForEach-Object { "$($_.Region)/$($_.TaskId)" }) | Should -Be @("cn-north-4/$($north.TaskId)", "ap-southeast-1/$($south.TaskId)")
        $missing.Count | Should -Be 1
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $missing[0].TargetObject | Should -Be 'no-such-task'
    }

    It 'refuses -Endpoint and -ProjectId with several regions before any request' {
        Clear-Requests
        { Get-DcsMigrationTask -Region cn-north-4, ap-southeast-1 -Endpoint $emu.Url -ErrorAction Stop } |
            Should -Throw -ErrorId 'EndpointWithSeveralRegions*'
        { Get-DcsMigrationTask -Region * -ProjectId $emu.ProjectId -ErrorAction Stop } |
            Should -Throw -ErrorId 'ProjectIdWithSeveralRegions*'
        @(Get-Requests '').Count | Should -Be 0
    }
}

Describe '-Region *' {
    It 'lists every project IAM lists where the service is offered, sub-projects included, MOS left out' {
        $verbose = Get-DcsMigrationTask -Region * -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $tasks = @(Get-DcsMigrationTask -Region *)
        $projects = [System.Collections.Generic.List[object]]::new()
        foreach ($task in $tasks) { if ($projects.Count -eq 0 -or $projects[-1].ProjectId -ne $task.ProjectId) { $projects.Add($task) } }
        # ap-southeast-1, cn-east-3 (two projects), cn-north-4, its sub-project, cn-south-1.
        @($projects.Region) | Should -Be @('ap-southeast-1', 'cn-east-3', 'cn-east-3', 'cn-north-4', 'cn-north-4', 'cn-south-1')
        @($projects.ProjectId | Select-Object -Unique).Count | Should -Be 6
        $tasks.Count | Should -Be (1200 + 5 * 40)
        ($verbose -join "`n") | Should -Match 'left out project MOS'
    }

    It 'completes * and the regions on Tab' {
        $line = 'Get-DcsMigrationTask -Region '
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions[0] | Should -Be "'*'"
        $completions | Should -Contain 'cn-north-4'
    }
}

Describe '-ProfileName with several profiles' {
    BeforeAll {
        Set-HuaweiCloudProfile -Name north -AccessKey $emu.AccessKey -SecretKey $emu.SecretKey -Region cn-north-4 -ProjectId $emu.ProjectId
        Set-HuaweiCloudProfile -Name south -AccessKey $emu.AccessKey -SecretKey $emu.SecretKey -Region ap-southeast-1
        Set-HuaweiCloudProfile -Name refused -AccessKey $emu.AccessKey -SecretKey ('WRONG' + $emu.SecretKey.Substring(5)) -Region cn-south-1
    }

    It 'lists each profile in the order given; a profile whose keys are refused is one error and the others are whole' {
        Clear-Requests
        $jobs = @(Get-RdsBackupMigrationJob -ProfileName south, refused, north -ErrorVariable failed -ErrorAction SilentlyContinue)
        @($jobs.Region | Select-Object -Unique) | Should -Be @('ap-southeast-1', 'cn-north-4')
        @($jobs | Where-Object Region -eq 'cn-north-4').Count | Should -Be 1100
        $failed.Count | Should -Be 1
        $failed[0].ErrorDetails.Message | Should -BeLike "*profile 'refused'*"
        $failed[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        # The refused keys signed at most one request (the project lookup of cn-south-1), never one per region.
        @(Get-Requests '' | Where-Object status -eq 401).Count | Should -BeLessOrEqual 1
    }

    It 'lists several regions of several profiles: profiles, then regions' {
        $tasks = @(Get-DcsMigrationTask -ProfileName south, north -Region cn-north-4, ap-southeast-1)
        $runs = [System.Collections.Generic.List[string]]::new()
        foreach ($task in $tasks) { if ($runs.Count -eq 0 -or $runs[-1] -ne $task.Region) { $runs.Add($task.Region) } }
        @($runs) | Should -Be @('cn-north-4', 'ap-southeast-1', 'cn-north-4', 'ap-southeast-1')
        $tasks.Count | Should -Be (2 * 1240)
    }
}

Describe 'Waits over several regions and profiles' {
    BeforeAll {
        function Set-Progress([string] $Id, [int] $Polls) {
            $body = @{ id = $Id; polls = $Polls } | ConvertTo-Json
            $null = Invoke-RestMethod -Method Put -Uri "$($emu.Url)/_emulator/progress" -ContentType 'application/json' -Body $body
        }
        function Get-Key($o) { "$($o.Region)/$($o.ProjectId)/$($o.JobId)" }
        $script:North = @(Get-RdsBackupMigrationJob -Region cn-north-4 -Status TRANSFERRING)
        $script:South = @(Get-RdsBackupMigrationJob -Region ap-southeast-1 -Status TRANSFERRING)
        $North.Count | Should -BeGreaterThan 30
        $South.Count | Should -BeGreaterThan 30
    }

    It 'waits for 20 jobs in each of two regions: one list request a region a round, one detail a job as it ends' {
        $jobs = @($North[0..19]) + @($South[0..19])
        # Each job ends after 1, 2 or 3 list reads of its region: four rounds.
        for ($i = 0; $i -lt 20; $i++) { Set-Progress $North[$i].JobId (1 + $i % 3); Set-Progress $South[$i].JobId (1 + $i % 3) }
        Clear-Requests
        $done = @(Wait-RdsBackupMigrationJob -Region cn-north-4, ap-southeast-1 -JobId $jobs.JobId -PollInterval 1 -Timeout 120)
        @($done | ForEach-Object { Get-Key $_ } | Sort-Object) | Should -Be @($jobs | ForEach-Object { Get-Key $_ } | Sort-Object)
        foreach ($project in $North[0].ProjectId, $South[0].ProjectId) {
            # At most 2 a region a round (here: one, the page holds every running job).
            @(Get-Requests "/v5/$project/backup-migration-jobs").Count | Should -Be 4
        }
        foreach ($job in $jobs) { @(Get-Requests "/v5/$($job.ProjectId)/backup-migration-jobs/$($job.JobId)").Count | Should -Be 1 }
        # Each job was found by its region's list: no detail was asked of the other region.
        @(Get-Requests '' | Where-Object path -Match '/backup-migration-jobs/').Count | Should -Be 40
    }

    It 'waits for piped jobs each in its own region and project, with -Region given or not' {
        # Running jobs, and two that ended in the first test (no list shows them: their detail is read).
        $jobs = @($North[20..24]) + @($South[20..24]) + @($North[0], $South[0])
        foreach ($job in $jobs[0..9]) { Set-Progress $job.JobId 1 }
        Clear-Requests
        $done = @($jobs | Wait-RdsBackupMigrationJob -Region ap-southeast-1, cn-north-4 -PollInterval 1 -Timeout 120)
        # Written as they end: the two that ended first.
        @($done | ForEach-Object { Get-Key $_ }) | Should -Be @($jobs[10, 11] + $jobs[0..9] | ForEach-Object { Get-Key $_ })
        # Each detail in the job's own project, once: none asked of the other region.
        @(Get-Requests '' | Where-Object path -Match '/backup-migration-jobs/').Count | Should -Be 12
        foreach ($job in $jobs) { @(Get-Requests "/v5/$($job.ProjectId)/backup-migration-jobs/$($job.JobId)").Count | Should -Be 1 }

        $again = @($jobs | Wait-RdsBackupMigrationJob -PollInterval 1 -Timeout 120)
        @($again | ForEach-Object { Get-Key $_ }) | Should -Be @($jobs | ForEach-Object { Get-Key $_ })
    }

    It 'writes one error naming a region that cannot be reached and waits for the jobs of the others' {
        $jobs = @($North[25..27])
        foreach ($job in $jobs) { Set-Progress $job.JobId 1 }
        $saved = $env:HUAWEICLOUD_SDK_REGION_DRS_CN_SOUTH_1
        try {
            $env:HUAWEICLOUD_SDK_REGION_DRS_CN_SOUTH_1 = 'http://127.0.0.1:9'
            $done = @(Wait-RdsBackupMigrationJob -Region cn-north-4, cn-south-1 -JobId $jobs.JobId -PollInterval 1 -Timeout 120 -MaxRetries 0 -ErrorVariable failed -ErrorAction SilentlyContinue)
        } finally { $env:HUAWEICLOUD_SDK_REGION_DRS_CN_SOUTH_1 = $saved }
        @($done.JobId) | Should -Be @($jobs.JobId)
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'EndpointUnreachable*'
        $failed[0].ErrorDetails.Message | Should -BeLike 'region cn-south-1, project *, default credentials: *'
    }

    It 'writes one not-found error for an id no region has' {
        $job = $North[28]
        Set-Progress $job.JobId 1
        $done = @(Wait-RdsBackupMigrationJob -Region cn-north-4, ap-southeast-1 -JobId 'no-such-job', $job.JobId -PollInterval 1 -Timeout 120 -ErrorVariable failed -ErrorAction SilentlyContinue)
        @($done.JobId) | Should -Be @($job.JobId)
        $failed.Count | Should -Be 1
        $failed[0].TargetObject | Should -Be 'no-such-job'
        $failed[0].ErrorDetails.Message | Should -BeLike "*'no-such-job' was found in none of region cn-north-4*region ap-southeast-1*"
    }

    It 'waits for DCS tasks of several profiles: at most 2 list pages a profile a round, stats while they run, a detail as each ends' {
        Set-HuaweiCloudProfile -Name wait-north -AccessKey $emu.AccessKey -SecretKey $emu.SecretKey -Region cn-north-4 -ProjectId $emu.ProjectId
        Set-HuaweiCloudProfile -Name wait-south -AccessKey $emu.AccessKey -SecretKey $emu.SecretKey -Region cn-south-1
        $online = { $_.Status -eq 'MIGRATING' -and $_.MigrationType -eq 'online_migration' -and $_.MigrationMethod -eq 'full_amount_migration' }
        $tasks = @(@(Get-DcsMigrationTask -ProfileName wait-north | Where-Object $online | Select-Object -First 2) +
            @(Get-DcsMigrationTask -ProfileName wait-south | Where-Object $online | Select-Object -First 1))
        $tasks.Count | Should -Be 3
        foreach ($task in $tasks) { Set-Progress $task.TaskId 1 }
        Clear-Requests
        $done = @(Wait-DcsMigrationTask -ProfileName wait-south, wait-north -TaskId $tasks.TaskId -PollInterval 1 -Timeout 120)
        @($done | ForEach-Object { "$($_.Region)/$($_.TaskId)" }) | Should -Be @($tasks | ForEach-Object { "$($_.Region)/$($_.TaskId)" })
        @($done.Status | Select-Object -Unique) | Should -Be 'SUCCESS'
        # Two rounds. The first reads both pages of cn-north-4 (1,200 tasks) looking for all three ids; then a page a
        # round where each task was found.
        @(Get-Requests "/v2/$($tasks[0].ProjectId)/migration-tasks").Count | Should -Be 3
        @(Get-Requests "/v2/$($tasks[2].ProjectId)/migration-tasks").Count | Should -Be 2
        foreach ($task in $tasks) {
            @(Get-Requests "/v2/$($task.ProjectId)/migration-task/$($task.TaskId)/stats").Count | Should -Be 1
            @(Get-Requests "/v2/$($task.ProjectId)/migration-task/$($task.TaskId)").Count | Should -Be 1
        }
    }
}

Describe 'A region where the service is not offered' {
    It 'is one error naming the region and the service, and the other regions are listed' {
        # DRS is not offered in ru-northwest-2 (the SDKs' region list); DCS and RocketMQ are.
        $jobs = @(Get-RdsBackupMigrationJob -Region ru-northwest-2, cn-north-4 -ErrorVariable failed -ErrorAction SilentlyContinue)
        $jobs.Count | Should -Be 1100
        @($jobs.Region | Select-Object -Unique) | Should -Be 'cn-north-4'
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'UnknownRegion*'
        $failed[0].ErrorDetails.Message | Should -BeLike "region ru-northwest-2, *-Region 'ru-northwest-2' is not a region where DRS is offered*"
    }
}
