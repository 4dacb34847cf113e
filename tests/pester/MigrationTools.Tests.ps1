#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    End-to-end specification of the MigrationTools module in real pwsh: the module as built in out/MigrationTools,
    against the local emulator started as a program (TestEmulator.psm1).

        dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Test
#>

BeforeDiscovery {
    # The list of cmdlets is the built manifest's (CmdletsToExport, written at build from the cmdlet classes).
    $ManifestCmdlets = @((Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../out/MigrationTools/MigrationTools.psd1')).CmdletsToExport)
}

BeforeAll {
    $RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
    $ModuleDir = Join-Path $RepoRoot 'out' 'MigrationTools'
    $Manifest = Join-Path $ModuleDir 'MigrationTools.psd1'
    if (-not (Test-Path $Manifest)) {
        throw "The module is not built: $Manifest is missing. Run 'dotnet build MigrationTools.sln' first."
    }
    Import-Module (Join-Path $PSScriptRoot 'TestEmulator.psm1') -Force
    $Emulator = Start-TestEmulator
    $Url = $Emulator.Url
    $AccessKey = $Emulator.AccessKey
    $SecretKey = $Emulator.SecretKey
    $ProjectId = $Emulator.ProjectId
    $Region = $Emulator.Region
    $RocketMqInstances = $Emulator.RocketMqInstances
    # Every cmdlet gets the connection explicitly (no global $PSDefaultParameterValues touched).
    $Conn = $Emulator.Conn

    Import-Module $Manifest -Force -ErrorAction Stop

    # The terminating error of a script block, or $null.
    function Get-TerminatingError([scriptblock] $Script) {
        try { & $Script; $null } catch { $_ }
    }

    # An error record with this id (a -like pattern), category and message (a -like pattern).
    function Assert-ErrorRecord($ErrorRecord, [string] $Id, [string] $Category, [string] $Message) {
        $ErrorRecord | Should -Not -BeNullOrEmpty
        $ErrorRecord.FullyQualifiedErrorId | Should -BeLike $Id
        $ErrorRecord.CategoryInfo.Category | Should -Be $Category
        $ErrorRecord.Exception.Message | Should -BeLike $Message
    }
}

AfterAll {
    Remove-Module MigrationTools -ErrorAction SilentlyContinue
    if ($Emulator) { Stop-TestEmulator $Emulator }
}

Describe 'The MigrationTools module' {

    Context 'Loading' {
        It 'imports from out/MigrationTools and exports exactly the cmdlets of the manifest' {
            $module = Get-Module MigrationTools
            $module | Should -Not -BeNullOrEmpty
            $module.ModuleBase | Should -Be (Resolve-Path $ModuleDir).Path
            @($module.ExportedCmdlets.Keys) | Sort-Object | Should -Be (@((Import-PowerShellDataFile $Manifest).CmdletsToExport) | Sort-Object)
        }

        It 'has a manifest that passes Test-ModuleManifest, for Windows PowerShell 5.1 and PowerShell 7' {
            $m = Test-ModuleManifest -Path $Manifest -ErrorAction Stop
            $m.PowerShellVersion | Should -Be ([version]'5.1')
            @($m.CompatiblePSEditions) | Sort-Object | Should -Be @('Core', 'Desktop')
            Get-Content -Raw $Manifest | Should -Not -Match "'\*'"
        }

        It 'gives <_> written help with at least two examples' -ForEach $ManifestCmdlets {
            $help = Get-Help $_ -Full
            $help.Synopsis | Should -Not -BeNullOrEmpty
            $help.Synopsis | Should -Not -Match '\[-'
            @($help.description).Count | Should -BeGreaterThan 0
            @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        }
    }

    Context 'Get-DcsMigrationTask' {
        BeforeEach { Clear-EmulatorRequests -Url $Url }

        It '-First and -Skip narrow the ids of -TaskId, also piped one by one, and cost no request for the others' {
            $ids = @(Get-DcsMigrationTask @Conn -First 4).TaskId
            $details = { @(Get-EmulatorRequests -Url $Url | Where-Object path -like '*/migration-task/*').Count }
            Clear-EmulatorRequests -Url $Url
            @(Get-DcsMigrationTask @Conn -TaskId $ids -First 2).TaskId | Should -Be $ids[0..1]
            & $details | Should -Be 2
            @(Get-DcsMigrationTask @Conn -TaskId $ids -Skip 1 -First 2).TaskId | Should -Be $ids[1..2]
            $piped = @($ids | ForEach-Object { [pscustomobject]@{ TaskId = $_ } } | Get-DcsMigrationTask @Conn -Skip 1 -First 2)
            $piped.TaskId | Should -Be $ids[1..2]
            & $details | Should -Be 6
        }

        It 'makes exactly one request for Select-Object -First 3' {
            $tasks = @(Get-DcsMigrationTask @Conn | Select-Object -First 3)
            $tasks.Count | Should -Be 3
            (Get-EmulatorRequests -Url $Url -PathEnd '/migration-tasks').Count | Should -Be 1
        }

        It 'returns each task in full for -TaskId, and for tasks piped to it' {
            $task = Get-DcsMigrationTask @Conn -First 1
            $detail = Get-DcsMigrationTask @Conn -TaskId $task.TaskId
            $detail.GetType().FullName | Should -Be 'MigrationTools.Core.Models.DcsMigrationTaskDetail'
            $detail.TaskName | Should -Be $task.TaskName
            Get-DcsMigrationTask @Conn -Name orders -First 2 | Get-DcsMigrationTask @Conn | ForEach-Object { $_.GetType().FullName } |
                Should -Be @('MigrationTools.Core.Models.DcsMigrationTaskDetail', 'MigrationTools.Core.Models.DcsMigrationTaskDetail') -Because 'piped tasks bind -TaskId by property name'
        }
    }

    Context 'Get-RocketMqMigrationTask' {
        BeforeAll {
            $Largest = $RocketMqInstances | Sort-Object Tasks -Descending | Select-Object -First 1
        }
        BeforeEach { Clear-EmulatorRequests -Url $Url }

        It 'returns tasks with their metadata when the listing is piped back in' {
            $details = @(Get-RocketMqMigrationTask @Conn -InstanceId $Largest.InstanceId -First 5 | Get-RocketMqMigrationTask @Conn)
            $details.Count | Should -Be 5
            $details | ForEach-Object { $_.GetType().FullName | Should -Be 'MigrationTools.Core.Models.RocketMqMigrationTaskDetail' }
        }

        It 'sends -Name with -Type exchange' {
            $rabbit = Get-RocketMqMigrationTask @Conn -InstanceId $Largest.InstanceId | Where-Object Type -eq 'rabbitToRocket' | Select-Object -First 1
            $vhost = (Get-RocketMqMigrationTask @Conn -InstanceId $Largest.InstanceId -TaskId $rabbit.TaskId -Type vhost).Vhosts[0].Name
            Clear-EmulatorRequests -Url $Url
            Get-RocketMqMigrationTask @Conn -InstanceId $Largest.InstanceId -TaskId $rabbit.TaskId -Type exchange -Name $vhost | Out-Null
            $q = Get-EmulatorQuery (Get-EmulatorRequests -Url $Url -PathEnd '/metadata')[0]
            $q['type'] | Should -Be 'exchange'
            $q['name'] | Should -Be $vhost
        }
    }

    Context 'Get-RdsBackupMigrationJob' {
        BeforeEach { Clear-EmulatorRequests -Url $Url }

        It 'lists jobs as typed objects with UTC times' {
            $jobs = @(Get-RdsBackupMigrationJob @Conn -First 50)
            $jobs.Count | Should -Be 50
            $jobs[0].GetType().FullName | Should -Be 'MigrationTools.Core.Models.RdsBackupMigrationJob'
            $jobs[0].CreateTime.Kind | Should -Be 'Utc'
        }

        It 'sends the API''s own spelling of a value typed in another case (-Status success, -SortDirection ASC)' {
            $jobs = @(Get-RdsBackupMigrationJob @Conn -Status success -SortDirection ASC)
            $jobs.Count | Should -BeGreaterThan 0
            $jobs.Status | Sort-Object -Unique | Should -Be 'SUCCESS'
            $q = Get-EmulatorQuery (Get-EmulatorRequests -Url $Url -PathEnd '/backup-migration-jobs')[0]
            $q['status'] | Should -BeExactly 'SUCCESS'
            $q['sort_dir'] | Should -BeExactly 'asc'
        }
    }

    Context '-PageSize validation' {
        BeforeEach { Clear-EmulatorRequests -Url $Url }

        It 'refuses -PageSize <PageSize> on <Cmdlet> before any request' -ForEach @(
            @{ Cmdlet = 'Get-DcsMigrationTask'; PageSize = 0; Extra = @{} }
            @{ Cmdlet = 'Get-DcsMigrationTask'; PageSize = 1001; Extra = @{} }
            @{ Cmdlet = 'Get-RocketMqMigrationTask'; PageSize = 1001; Extra = @{ InstanceId = 'any-instance' } }
            @{ Cmdlet = 'Get-RdsBackupMigrationJob'; PageSize = 65536; Extra = @{} }
        ) {
            $e = Get-TerminatingError { & $Cmdlet @Conn @Extra -PageSize $PageSize -ErrorAction Stop }
            Assert-ErrorRecord $e -Id 'PageSizeOutOfRange,*' -Category InvalidArgument -Message "*-PageSize $PageSize*"
            (Get-EmulatorRequests -Url $Url -PathEnd '' | Where-Object { $_.path -notlike '/_emulator/*' }).Count | Should -Be 0
        }

        It 'accepts the largest page of each API' {
            { Get-DcsMigrationTask @Conn -PageSize 1000 -First 1 -ErrorAction Stop } | Should -Not -Throw
            { Get-RdsBackupMigrationJob @Conn -PageSize 65535 -First 1 -ErrorAction Stop } | Should -Not -Throw
        }
    }

    Context 'Paging variables' {
        BeforeEach { Clear-EmulatorRequests -Url $Url }
        AfterEach {
            Remove-Item Env:MIGRATIONTOOLS_THROTTLE_LIMIT, Env:MIGRATIONTOOLS_LISTING_GARBAGE_MB -ErrorAction SilentlyContinue
        }

        It 'refuses $env:<Name> = ''<Value>'' with <ErrorId>, naming the variable, before any request' -ForEach @(
            @{ Name = 'MIGRATIONTOOLS_THROTTLE_LIMIT'; Value = '0'; ErrorId = 'InvalidThrottleLimit' }
            @{ Name = 'MIGRATIONTOOLS_LISTING_GARBAGE_MB'; Value = '16MB'; ErrorId = 'InvalidListingGarbage' }
            @{ Name = 'MIGRATIONTOOLS_LISTING_GARBAGE_MB'; Value = '-1'; ErrorId = 'InvalidListingGarbage' }
        ) {
            Set-Item "Env:$Name" $Value
            $e = Get-TerminatingError { Get-DcsMigrationTask @Conn -ErrorAction Stop }
            Assert-ErrorRecord $e -Id "$ErrorId,*" -Category InvalidArgument -Message "*`$env:$Name is '$Value'*"
            (Get-EmulatorRequests -Url $Url -PathEnd '/migration-tasks').Count | Should -Be 0
        }

        It 'lists every task alike with the garbage bound at <Value> MiB' -ForEach @(
            @{ Value = '0' }, @{ Value = '1' }
        ) {
            $env:MIGRATIONTOOLS_LISTING_GARBAGE_MB = $Value
            $ids = @(Get-DcsMigrationTask @Conn -PageSize 100 -ErrorAction Stop).TaskId
            $ids.Count | Should -Be 1200
            @($ids | Select-Object -Unique).Count | Should -Be 1200
        }
    }

    Context 'Errors and secrets' {
        BeforeEach { Clear-EmulatorRequests -Url $Url }

        It 'costs exactly one request for a wrong secret key, and says APIG.0301' {
            $bad = $Conn.Clone()
            $bad.SecretKey = 'WRONG' + $SecretKey.Substring(5)
            $e = Get-TerminatingError { Get-DcsMigrationTask @bad -ErrorAction Stop }
            $e | Should -Not -BeNullOrEmpty
            $e.FullyQualifiedErrorId | Should -BeLike '*APIG.0301*'
            $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $e.Exception.Message | Should -Match 'Request id: [0-9a-f]{32}'
            (Get-EmulatorRequests -Url $Url -PathEnd '/migration-tasks').Count | Should -Be 1
        }

        It 'never writes the secret key to any stream (*>&1)' {
            $bad = $Conn.Clone()
            $bad.SecretKey = 'WRONG' + $SecretKey.Substring(5)
            $everything = & {
                Get-DcsMigrationTask @Conn -First 3 -Verbose -Debug
                Get-DcsMigrationTask @Conn -TaskId (Get-DcsMigrationTask @Conn -First 1).TaskId -Debug
                Get-DcsMigrationTask @Conn -First 40 | Where-Object MigrationType -eq 'online_migration' | Get-DcsMigrationStats @Conn -Debug
                Get-RocketMqMigrationTask @Conn -InstanceId $RocketMqInstances[0].InstanceId -First 2 -Debug
                Get-RdsBackupMigrationJob @Conn -First 2 -Debug
                # The error record and the whole exception chain, as a user would dump them.
                try { Get-DcsMigrationTask @bad -Debug -ErrorAction Stop } catch { $_; $_.Exception.ToString(); $_.ScriptStackTrace }
            } *>&1 | Out-String -Width 4096
            $everything | Should -Match 'Credentials: command-line parameters' -Because 'the debug stream must have been captured'
            $everything | Should -Match 'APIG\.0301' -Because 'the error stream must have been captured'
            $everything.Contains($SecretKey) | Should -BeFalse
            $everything.Contains($SecretKey.Substring(5)) | Should -BeFalse
            $debugOnly = & { Get-DcsMigrationTask @Conn -First 1 -Debug } 5>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | Out-String
            $debugOnly.Contains($AccessKey) | Should -BeFalse -Because 'the access key is shown masked'
        }
    }

    Context 'Export-Csv' {
        BeforeAll {
            # One sample of each output type, read from the emulator.
            function Get-Sample([string] $Kind) {
                switch ($Kind) {
                    'DcsMigrationTask' { Get-DcsMigrationTask @Conn -First 50 }
                    'DcsMigrationTaskDetail' {
                        $tasks = @(Get-DcsMigrationTask @Conn -First 100)
                        $pick = @($tasks | Where-Object MigrationType -eq 'online_migration' | Select-Object -First 1) +
                                @($tasks | Where-Object MigrationType -eq 'backupfile_import' | Select-Object -First 1)
                        $pick | Get-DcsMigrationTask @Conn
                    }
                    'DcsMigrationStats' { Get-DcsMigrationTask @Conn -First 40 | Where-Object MigrationType -eq 'online_migration' | Get-DcsMigrationStats @Conn }
                    'RocketMqMigrationTask' { Get-RocketMqMigrationTask @Conn -InstanceId $RocketMqInstances[0].InstanceId -First 50 }
                    'RocketMqMigrationTaskDetail' {
                        $tasks = @(Get-RocketMqMigrationTask @Conn -InstanceId ($RocketMqInstances | Sort-Object Tasks -Descending)[0].InstanceId)
                        @($tasks | Where-Object Type -eq 'rabbitToRocket' | Select-Object -First 1) + @($tasks | Where-Object Type -eq 'rocketmq' | Select-Object -First 1) |
                            Get-RocketMqMigrationTask @Conn
                    }
                    'RdsBackupMigrationJob' { Get-RdsBackupMigrationJob @Conn -First 50 }
                }
            }
        }

        It 'writes no .NET type name in any cell of <Kind>' -ForEach @(
            @{ Kind = 'DcsMigrationTask' }, @{ Kind = 'DcsMigrationTaskDetail' }, @{ Kind = 'DcsMigrationStats' },
            @{ Kind = 'RocketMqMigrationTask' }, @{ Kind = 'RocketMqMigrationTaskDetail' }, @{ Kind = 'RdsBackupMigrationJob' }
        ) {
            $objects = @(Get-Sample $Kind)
            $objects.Count | Should -BeGreaterThan 0
            $objects | ForEach-Object { $_.GetType().Name | Should -Be $Kind }
            $path = Join-Path $TestDrive "$Kind.csv"
            $objects | Export-Csv -Path $path -NoTypeInformation
            Get-Content -Path $path -TotalCount 1 | Should -Not -Match '^#TYPE'
            $rows = @(Import-Csv -Path $path)
            $rows.Count | Should -Be $objects.Count
            $bad = foreach ($row in $rows) {
                foreach ($cell in $row.PSObject.Properties) {
                    if ($cell.Value -match '^(System|MigrationTools)\.[\w.`\[\], ]+$') { "$($cell.Name) = $($cell.Value)" }
                }
            }
            $bad | Should -BeNullOrEmpty
        }
    }
    Context 'Credential profiles' {
        BeforeAll {
            $SavedEnv = @{}
            foreach ($name in 'MIGRATIONTOOLS_PROFILES_FILE', 'MIGRATIONTOOLS_PROFILE', 'MIGRATIONTOOLS_METADATA_ENDPOINT',
                'HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'HUAWEICLOUD_SDK_CREDENTIALS_FILE') {
                $SavedEnv[$name] = [Environment]::GetEnvironmentVariable($name)
                [Environment]::SetEnvironmentVariable($name, $null)
            }
            $ProfileDir = Join-Path ([IO.Path]::GetTempPath()) "mt-pester-profiles-$PID"
            $env:MIGRATIONTOOLS_PROFILES_FILE = Join-Path $ProfileDir 'profiles.json'
            $env:HUAWEICLOUD_SDK_CREDENTIALS_FILE = Join-Path $ProfileDir 'no-credentials'
            $env:MIGRATIONTOOLS_METADATA_ENDPOINT = 'off'
            $Target = @{ Endpoint = $Url; Region = $Region; ProjectId = $ProjectId }
        }
        AfterAll {
            Use-HuaweiCloudProfile -Clear
            foreach ($name in $SavedEnv.Keys) { [Environment]::SetEnvironmentVariable($name, $SavedEnv[$name]) }
            Remove-Item -Recurse -Force $ProfileDir -ErrorAction SilentlyContinue
        }

        It 'stores a profile owner-only and shows it with the access key masked and no secret' {
            $shown = Set-HuaweiCloudProfile -Name good -AccessKey $AccessKey -SecretKey $SecretKey -Region $Region -PassThru
            $shown.AccessKey | Should -Not -Be $AccessKey
            ($shown | Out-String) | Should -Not -Match ([regex]::Escape($SecretKey))
            if (-not $IsWindows) { (Get-Item $env:MIGRATIONTOOLS_PROFILES_FILE).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite') }
            (Get-HuaweiCloudProfile -Name good).Name | Should -Be 'good'
        }

        It 'signs with -ProfileName, and an unknown name never falls through to other credentials' {
            Set-HuaweiCloudProfile -Name good -AccessKey $AccessKey -SecretKey $SecretKey -Region $Region
            @(Get-DcsMigrationTask @Target -ProfileName good -First 2).Count | Should -Be 2
            $env:HUAWEICLOUD_SDK_AK = $AccessKey; $env:HUAWEICLOUD_SDK_SK = $SecretKey
            try {
                $err = Get-TerminatingError { Get-DcsMigrationTask @Target -ProfileName nosuch -First 1 }
                $err | Should -Not -BeNullOrEmpty
                $err.Exception.Message | Should -Match 'good'
            } finally { $env:HUAWEICLOUD_SDK_AK = $null; $env:HUAWEICLOUD_SDK_SK = $null }
        }

        It 'uses the session default set by Use-HuaweiCloudProfile, and forgets it with -Clear' {
            Set-HuaweiCloudProfile -Name good -AccessKey $AccessKey -SecretKey $SecretKey -Region $Region
            Use-HuaweiCloudProfile -Name good
            @(Get-DcsMigrationTask @Target -First 1).Count | Should -Be 1
            Use-HuaweiCloudProfile -Clear
            (Get-TerminatingError { Get-DcsMigrationTask @Target -First 1 }).FullyQualifiedErrorId | Should -BeLike 'CredentialsNotFound,*'
        }

        It 'removes a profile only when confirmed' {
            Set-HuaweiCloudProfile -Name old -AccessKey $AccessKey -SecretKey $SecretKey
            Remove-HuaweiCloudProfile -Name old -WhatIf
            Get-HuaweiCloudProfile -Name old | Should -Not -BeNullOrEmpty
            Remove-HuaweiCloudProfile -Name old -Confirm:$false
            Get-HuaweiCloudProfile -Name old -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }
    }
}
