#Requires -Version 7.0
<#
    What only a real pwsh shows: the default views at 80 columns, Export-Csv/Import-Csv, the common parameters
    (-Debug, -Verbose, -WhatIf, -ErrorAction Stop) in this process, in a non-interactive pwsh and in a hosted
    runspace, ForEach-Object -Parallel with two profiles, and tab completion through TabExpansion2.
#>

BeforeDiscovery {
    # The kinds to check are the module's [OutputType]s, and what to check is read from their views
    # (MigrationTools.format.ps1xml, generated at build from the models' [TableColumn] and [ListItem] attributes):
    # a new output type or a changed view is checked without editing this file.
    $BuiltModule = Join-Path $PSScriptRoot '..' '..' 'out' 'MigrationTools'
    Import-Module (Join-Path $BuiltModule 'MigrationTools.psd1') -Force -ErrorAction Stop
    $OutputTypes = @(Get-Command -Module MigrationTools | ForEach-Object OutputType | ForEach-Object Type |
        Where-Object { $_ -and $_ -ne [void] } | Sort-Object FullName -Unique)
    $Views = ([xml](Get-Content -Raw (Join-Path $BuiltModule 'MigrationTools.format.ps1xml'))).Configuration.ViewDefinitions.View
    $Kinds = @(foreach ($type in $OutputTypes) {
        $mine = @($Views | Where-Object { $_.ViewSelectedBy.TypeName -eq $type.FullName })
        $table = $mine | Where-Object { $_.TableControl } | Select-Object -First 1
        $list = $mine | Where-Object { $_.ListControl } | Select-Object -First 1
        @{
            Kind    = $type.Name
            Columns = @($table.TableControl.TableHeaders.TableColumnHeader | ForEach-Object { $_.Label } | Where-Object { $_ })
            Fields  = @($list.ListControl.ListEntries.ListEntry.ListItems.ListItem | ForEach-Object { if ($_.Label) { $_.Label } else { $_.PropertyName } })
            Ids     = @($type.GetProperties().Name | Where-Object { $_ -match '^(Task|Job|Instance|Project)Id$' })
        }
    })
    Remove-Module MigrationTools
}

BeforeAll {
    $RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
    $Manifest = Join-Path $RepoRoot 'out' 'MigrationTools' 'MigrationTools.psd1'
    if (-not (Test-Path $Manifest)) { throw "The module is not built: $Manifest is missing. Run 'dotnet build MigrationTools.sln' first." }
    Import-Module (Join-Path $PSScriptRoot 'TestEmulator.psm1') -Force
    $Emulator = Start-TestEmulator
    $Conn = $Emulator.Conn
    $Url = $Emulator.Url
    Import-Module $Manifest -Force -ErrorAction Stop

    $Largest = $Emulator.RocketMqInstances | Sort-Object Tasks -Descending | Select-Object -First 1
    $RocketTasks = @(Get-RocketMqMigrationTask @Conn -InstanceId $Largest.InstanceId)
    $Rabbit = $RocketTasks | Where-Object Type -eq 'rabbitToRocket' | Select-Object -First 1
    $DcsTasks = @(Get-DcsMigrationTask @Conn -First 100)

    # One sample of each output type, profiles included.
    $Samples = @{
        DcsMigrationTask            = { $DcsTasks | Select-Object -First 20 }
        DcsMigrationTaskDetail      = { @($DcsTasks | Where-Object MigrationType -eq 'online_migration' | Select-Object -First 2) + @($DcsTasks | Where-Object MigrationType -eq 'backupfile_import' | Select-Object -First 2) | Get-DcsMigrationTask @Conn }
        DcsMigrationStats           = { $DcsTasks | Where-Object MigrationType -eq 'online_migration' | Select-Object -First 10 | Get-DcsMigrationStats @Conn }
        RocketMqMigrationTask       = { $RocketTasks | Select-Object -First 20 }
        RocketMqMigrationTaskDetail = { @($RocketTasks | Where-Object Type -eq 'rabbitToRocket' | Select-Object -First 2) + @($RocketTasks | Where-Object Type -eq 'rocketmq' | Select-Object -First 2) | Get-RocketMqMigrationTask @Conn }
        RdsBackupMigrationJob       = { Get-RdsBackupMigrationJob @Conn -First 20 }
        RdsBackupMigrationJobDetail = { Get-RdsBackupMigrationJob @Conn -First 3 | Get-RdsBackupMigrationJob @Conn }
        HuaweiCloudProfileInfo      = {
            Set-HuaweiCloudProfile -Name 'production-north' -AccessKey $Emulator.AccessKey -SecretKey $Emulator.SecretKey -Region $Emulator.Region -ProjectId $Emulator.ProjectId
            Set-HuaweiCloudProfile -Name 'staging' -AccessKey $Emulator.AccessKey -SecretKey $Emulator.SecretKey -Region 'ap-southeast-1'
            Set-HuaweiCloudProfile -Name 'member-account' -SourceProfileName 'production-north' -AgencyDomain 'emulator-member' -AgencyName 'migration-readonly' -AgencyDurationSeconds 3600
            Get-HuaweiCloudProfile
        }
    }

    # Runs a script in another pwsh with the module imported and the emulator's connection in its environment.
    function Invoke-ChildPwsh([string] $Script, [switch] $NonInteractive) {
        Invoke-TestPwsh -NonInteractive:$NonInteractive -Script "`$ErrorActionPreference = 'Stop'; Import-Module '$Manifest'; $Script" -Environment @{
            MT_TEST_ENDPOINT           = $Url
            HUAWEICLOUD_SDK_AK         = $Emulator.AccessKey
            HUAWEICLOUD_SDK_SK         = $Emulator.SecretKey
            HUAWEICLOUD_SDK_PROJECT_ID = $Emulator.ProjectId
            HUAWEICLOUD_SDK_REGION     = $Emulator.Region
        }
    }
}

AfterAll {
    Use-HuaweiCloudProfile -Clear -ErrorAction SilentlyContinue
    Remove-Module MigrationTools -ErrorAction SilentlyContinue
    if ($Emulator) { Stop-TestEmulator $Emulator }
}

Describe 'Default views at 80 columns' {
    It 'has a table view, a list view with the ids, and a sample for <Kind>' -ForEach $Kinds {
        $Columns.Count | Should -BeGreaterThan 0 -Because "every [OutputType] has a table view in MigrationTools.format.ps1xml"
        $Fields.Count | Should -BeGreaterThan 0 -Because "every [OutputType] has a list view in MigrationTools.format.ps1xml"
        foreach ($id in $Ids) { $Fields | Should -Contain $id -Because 'the list view shows every id of the object' }
        $Samples.ContainsKey($Kind) | Should -BeTrue -Because "the checks below need objects of every output type: add a sample of $Kind to `$Samples"
    }

    It 'shows an agency profile by what it assumes, without any key' {
        $null = & $Samples['HuaweiCloudProfileInfo']
        $table = Get-HuaweiCloudProfile | Out-String -Width 80
        $table | Should -Match 'member-account\s+agency of production-north'
        $list = Get-HuaweiCloudProfile member-account | Format-List | Out-String -Width 200
        $list | Should -Match 'CredentialSource\s*:\s*Agency'
        $list | Should -Match 'Assumes\s*:\s*agency migration-readonly of emulator-member with profile production-north for 3600 s'
        "$table$list" | Should -Not -Match ([regex]::Escape($Emulator.SecretKey))
    }

    It 'shows <Kind> as a table of at most 80 columns, one header line, columns <Columns>' -ForEach $Kinds {
        $objects = @(& $Samples[$Kind])
        $objects.Count | Should -BeGreaterThan 1
        $objects | ForEach-Object { $_.GetType().Name | Should -Be $Kind }
        $lines = @(($objects | Out-String -Width 80) -split '\r?\n' | Where-Object { $_.Trim() })
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 -Because "no line is wider than the console: '$_'" }
        # The header is one line (no header wrapped down the screen) and the next line underlines it.
        @($lines[0] -split '\s{1,}' | Where-Object { $_ }).Count | Should -BeGreaterOrEqual $Columns.Count
        foreach ($column in $Columns) { $lines[0] | Should -Match ([regex]::Escape($column)) }
        $lines[1] | Should -Match '^[- ]+$'
        $lines.Count | Should -BeGreaterOrEqual ($objects.Count + 2)
        ($lines -join "`n") | Should -Not -Match '\{\}|\{[^}]*, [^}]*\}' -Because 'collections show as a; b, never {a, b} or {}'
    }

    It 'shows the names and status of the tasks in full, and times in UTC to the minute' {
        $text = $DcsTasks | Select-Object -First 20 | Out-String -Width 80
        foreach ($task in $DcsTasks | Select-Object -First 20) {
            $text | Should -Match ([regex]::Escape($task.TaskName))
            $text | Should -Match ([regex]::Escape($task.CreatedAt.ToString('yyyy-MM-dd HH:mm')))
        }
        $jobs = @(Get-RdsBackupMigrationJob @Conn)
        $jobText = $jobs | Out-String -Width 80
        $jobs | ForEach-Object { $jobText | Should -Match ([regex]::Escape($_.Name)) }
    }

    It 'names each task in the stats table: the name a piped task carries, the id given by hand' {
        $online = @($DcsTasks | Where-Object MigrationType -eq 'online_migration' | Select-Object -First 5)
        Clear-EmulatorRequests -Url $Url
        $text = $online | Get-DcsMigrationStats @Conn | Out-String -Width 80
        foreach ($task in $online) { $text | Should -Match ("(?m)^" + [regex]::Escape($task.TaskName) + '\s') }
        # Carried, not looked up: one request per task, its stats.
        @(Get-EmulatorRequests -Url $Url).Count | Should -Be $online.Count
        $byHand = Get-DcsMigrationStats @Conn -TaskId $online[0].TaskId | Out-String -Width 80
        $byHand | Should -Match ("(?m)^" + [regex]::Escape($online[0].TaskId) + '\s')
    }

    It 'puts every field of the list view of <Kind> on the screen, collections as "a; b"' -ForEach $Kinds {
        $objects = @(& $Samples[$Kind])
        $text = $objects | Format-List | Out-String -Width 80
        foreach ($field in $Fields) { $text | Should -Match "(?m)^$field\s+:" }
        $text | Should -Not -Match ':\s+\{' -Because 'a collection is never shown as {a, b} or {}'
    }

    It 'shows a RabbitMQ task''s vhosts as "a; b" in the list view' {
        $detail = $Rabbit | Get-RocketMqMigrationTask @Conn
        $detail.Vhosts.Count | Should -BeGreaterThan 1
        $text = $detail | Format-List | Out-String -Width 200
        $text | Should -Match ("(?m)^Vhosts\s+: " + [regex]::Escape(($detail.Vhosts.Name -join '; ')) + '\s*$')
    }

    It 'shows what -Type <Type> asked for in the table' -ForEach @(
        @{ Type = 'exchange'; Kind = 'exchanges'; Property = 'Exchanges' }
        @{ Type = 'queue'; Kind = 'queues'; Property = 'Queues' }
        @{ Type = 'vhost'; Kind = 'vhosts'; Property = 'Vhosts' }
    ) {
        $detail = Get-RocketMqMigrationTask @Conn -InstanceId $Largest.InstanceId -TaskId $Rabbit.TaskId -Type $Type
        $items = @($detail.$Property)
        $items.Count | Should -BeGreaterThan 0
        $text = $detail | Out-String -Width 80
        ($text -split '\r?\n') | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        $text | Should -Match "$Kind`: "
        # Every name asked for is on the screen (wrapped, not cut): compare without the wrapping.
        $flat = ($text -split '\r?\n' | ForEach-Object { $_.Trim() }) -join ''
        foreach ($item in $items) { $flat | Should -Match ([regex]::Escape("$item")) }
    }
    It 'shows only what -Type and -Name asked for, in the table and the list, at 80 columns' {
        $full = $Rabbit | Get-RocketMqMigrationTask @Conn
        $vhost = $full.Exchanges[0].Vhost
        $detail = Get-RocketMqMigrationTask @Conn -InstanceId $Largest.InstanceId -TaskId $Rabbit.TaskId -Type exchange -Name $vhost
        $asked = @($full.Exchanges | Where-Object Vhost -eq $vhost)
        @($detail.Exchanges).Count | Should -Be $asked.Count
        $table = $detail | Out-String -Width 80
        $list = $detail | Format-List | Out-String -Width 80
        (($table -split '\r?\n') + ($list -split '\r?\n')) | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 -Because "no line is wider than the console: '$_'" }
        $table | Should -Match 'exchanges: '
        $list | Should -Match '(?m)^MetadataType\s+: exchange'
        $list | Should -Match '(?m)^Exchanges\s+: '
        foreach ($hidden in 'Vhosts', 'Queues', 'Bindings', 'Topics', 'SubscriptionGroups') {
            $list | Should -Not -Match "(?m)^$hidden\s+:" -Because "-Type exchange asked for exchanges only"
        }
        # A rocketmq task's service ignores the type and sends its topics: they are not shown either.
        $rocket = $RocketTasks | Where-Object Type -eq 'rocketmq' | Select-Object -First 1
        $narrowed = Get-RocketMqMigrationTask @Conn -InstanceId $Largest.InstanceId -TaskId $rocket.TaskId -Type queue
        @($narrowed.Topics).Count | Should -Be 0
        ($narrowed | Format-List | Out-String -Width 80) | Should -Not -Match '(?m)^Topics\s+:'
    }

    It 'shows a DRS job in full with its name from base_info and its restore options, at 80 columns' {
        $job = Get-RdsBackupMigrationJob @Conn -First 1
        $detail = $job | Get-RdsBackupMigrationJob @Conn
        $detail.Name | Should -Be $job.Name
        $detail.Options.GetType().Name | Should -Be 'RdsBackupRestoreOptions'
        $detail.Options.RecoveryMode | Should -BeIn 'full', 'incre'
        $table = $detail | Out-String -Width 80
        $table | Should -Match ([regex]::Escape($job.Name.Substring(0, [Math]::Min(17, $job.Name.Length))))
        $list = $detail | Format-List | Out-String -Width 80
        $list | Should -Match ('(?m)^Options\s+: ' + $detail.Options.RecoveryMode)
        (($table -split '\r?\n') + ($list -split '\r?\n')) | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }
}

Describe 'Export-Csv and Import-Csv' {
    It 'gives readable cells for <Kind>: no .NET type name, collections as "a; b"' -ForEach $Kinds {
        $objects = @(& $Samples[$Kind])
        $path = Join-Path $TestDrive "$Kind.csv"
        $objects | Export-Csv -Path $path
        $rows = @(Import-Csv -Path $path)
        $rows.Count | Should -Be $objects.Count
        for ($i = 0; $i -lt $rows.Count; $i++) {
            foreach ($cell in $rows[$i].PSObject.Properties) {
                $cell.Value | Should -Not -Match '^(System|MigrationTools)\.[\w.`\[\], ]+$' -Because "$($cell.Name) must be readable"
                $original = $objects[$i].($cell.Name)
                if ($original -is [System.Collections.IEnumerable] -and $original -isnot [string]) {
                    $cell.Value | Should -Be (@($original | ForEach-Object { "$_" }) -join '; ')
                }
            }
        }
    }
}

Describe 'Pipelines' {
    BeforeEach { Clear-EmulatorRequests -Url $Url }

    It 'costs one request for Get-DcsMigrationTask | Select-Object -First 3' {
        @(Get-DcsMigrationTask @Conn | Select-Object -First 3).Count | Should -Be 3
        @(Get-EmulatorRequests -Url $Url -PathEnd '/migration-tasks').Count | Should -Be 1
    }

    It 'costs one request for Select-Object -First 3 and -First 10 of a 10-record page even with 8 requests allowed in flight' {
        @(Get-DcsMigrationTask @Conn -ThrottleLimit 8 | Select-Object -First 3).Count | Should -Be 3
        @(Get-EmulatorRequests -Url $Url -PathEnd '/migration-tasks').Count | Should -Be 1
        Clear-EmulatorRequests -Url $Url
        @(Get-DcsMigrationTask @Conn -PageSize 10 -ThrottleLimit 8 | Select-Object -First 10).Count | Should -Be 10
        @(Get-EmulatorRequests -Url $Url -PathEnd '/migration-tasks').Count | Should -Be 1
    }

    It 'stops concurrent requests soon after Select-Object -First has what it needs, in order' {
        $all = @(Get-DcsMigrationTask @Conn -First 25 -ThrottleLimit 1)
        Clear-EmulatorRequests -Url $Url
        $tasks = @(Get-DcsMigrationTask @Conn -PageSize 10 -ThrottleLimit 8 | Select-Object -First 25)
        $tasks.TaskId | Should -Be $all.TaskId
        # The first page, then one request, then two: a consumer that stops early wastes about what it used.
        @(Get-EmulatorRequests -Url $Url -PathEnd '/migration-tasks').Count | Should -BeIn 3, 4
    }

    It 'costs one request for Get-RdsBackupMigrationJob | Select-Object -First 3' {
        @(Get-RdsBackupMigrationJob @Conn | Select-Object -First 3).Count | Should -Be 3
        @(Get-EmulatorRequests -Url $Url -PathEnd '/backup-migration-jobs').Count | Should -Be 1
    }

    It 'stops a RocketMQ listing after the page that holds the 150th task, in order' {
        $tasks = @(Get-RocketMqMigrationTask @Conn -InstanceId $Largest.InstanceId -PageSize 100 | Select-Object -First 150)
        $tasks.TaskId | Should -Be ($RocketTasks | Select-Object -First 150).TaskId
        @(Get-EmulatorRequests -Url $Url -PathEnd '/metadata').Count | Should -Be 2
    }

    It 'runs two profiles side by side with ForEach-Object -Parallel, each runspace with its own default' {
        $profilesFile = Join-Path $TestDrive 'parallel-profiles.json'
        $saved = $env:MIGRATIONTOOLS_PROFILES_FILE
        $env:MIGRATIONTOOLS_PROFILES_FILE = $profilesFile
        try {
            Set-HuaweiCloudProfile -Name good -AccessKey $Emulator.AccessKey -SecretKey $Emulator.SecretKey -Region $Emulator.Region -ProjectId $Emulator.ProjectId
            Set-HuaweiCloudProfile -Name wrongkey -AccessKey $Emulator.AccessKey -SecretKey ('WRONG' + [guid]::NewGuid().ToString('N')) -Region $Emulator.Region -ProjectId $Emulator.ProjectId
            $results = 'good', 'wrongkey', 'good', 'wrongkey' | ForEach-Object -ThrottleLimit 4 -Parallel {
                Import-Module $using:Manifest
                Use-HuaweiCloudProfile -Name $_
                $tasks = @(); $err = $null
                try { $tasks = @(Get-DcsMigrationTask -Endpoint $using:Url -First 5 -ErrorAction Stop) } catch { $err = $_.FullyQualifiedErrorId }
                [pscustomobject]@{
                    Profile = $_; Tasks = $tasks.Count; Error = $err
                    Default = (Get-HuaweiCloudProfile | Where-Object IsSessionDefault).Name
                }
            }
            $results.Count | Should -Be 4
            $results | Where-Object Profile -eq good | ForEach-Object { $_.Tasks | Should -Be 5; $_.Error | Should -BeNullOrEmpty; $_.Default | Should -Be 'good' }
            $results | Where-Object Profile -eq wrongkey | ForEach-Object { $_.Tasks | Should -Be 0; $_.Error | Should -Match '^(ServiceError\.APIG\.0301|CredentialsRefused),'; $_.Default | Should -Be 'wrongkey' }
            # The gateway saw one refused signature, two at most: the module remembers a refused pair across runspaces.
            @($results | Where-Object Error -like 'ServiceError.APIG.0301,*').Count | Should -BeIn 1, 2
            (Get-HuaweiCloudProfile | Where-Object IsSessionDefault) | Should -BeNullOrEmpty -Because 'the parallel runspaces did not change this one'
        } finally { $env:MIGRATIONTOOLS_PROFILES_FILE = $saved }
    }
}

Describe 'Common parameters' {
    BeforeEach { Clear-EmulatorRequests -Url $Url }

    It '-Debug writes where the credentials came from, without a prompt (this process)' {
        $records = @(Get-DcsMigrationTask @Conn -First 2 -Debug 5>&1 4>&1)
        $debug = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] })
        ($debug.Message -join "`n") | Should -Match 'Credentials: command-line parameters'
        @($records | Where-Object { $_.GetType().Name -eq 'DcsMigrationTask' }).Count | Should -Be 2
        # With -Debug alone PowerShell 7.4+ makes verbose lines Inquire: they are written, not asked.
        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
    }

    It '-Debug on the profile cmdlets writes their verbose lines without a prompt' {
        Set-HuaweiCloudProfile -Name debugged -AccessKey $Emulator.AccessKey -SecretKey $Emulator.SecretKey
        $records = @(Use-HuaweiCloudProfile -Name debugged -Debug 4>&1)
        ($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Match "Profile 'debugged' is the default"
        $records = @(Use-HuaweiCloudProfile -Clear -Debug 4>&1)
        ($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Match 'no default profile'
    }

    It '-Debug works in pwsh -NonInteractive: debug lines, exit code 0' {
        $r = Invoke-ChildPwsh -NonInteractive @'
Get-DcsMigrationTask -Endpoint $env:MT_TEST_ENDPOINT -First 2 -Debug | Out-Null
Get-RdsBackupMigrationJob -Endpoint $env:MT_TEST_ENDPOINT -First 1 -Debug | Out-Null
Set-HuaweiCloudProfile -Name child -AccessKey x-access-key -SecretKey x-secret-key -Debug
Use-HuaweiCloudProfile -Name child -Debug
'@
        $r.Errors | Should -BeNullOrEmpty
        $r.Output | Should -Match 'DEBUG: Credentials: '
        $r.Output | Should -Match 'VERBOSE: Profile .child. is the default'
        $r.Output | Should -Not -Match 'failed unexpectedly|NonInteractive mode|Continue with this operation'
        $r.ExitCode | Should -Be 0
    }

    It '-Debug works in a pwsh whose stdin is not a terminal (no prompt read from stdin), exit code 0' {
        $r = Invoke-ChildPwsh 'Get-DcsMigrationTask -Endpoint $env:MT_TEST_ENDPOINT -First 2 -Debug | Out-Null'
        $r.Output | Should -Match 'DEBUG: Credentials: '
        $r.Output | Should -Not -Match 'Continue with this operation|failed unexpectedly'
        $r.ExitCode | Should -Be 0
    }

    It 'writes debug lines under $DebugPreference = Inquire (what -Debug means on Windows PowerShell 5.1) without a prompt' {
        $r = Invoke-ChildPwsh -NonInteractive '$DebugPreference = ''Inquire''; $VerbosePreference = ''Inquire''; Get-DcsMigrationTask -Endpoint $env:MT_TEST_ENDPOINT -First 2 | Out-Null'
        $r.Output | Should -Match 'DEBUG: Credentials: '
        $r.Output | Should -Match 'VERBOSE: DCS ListMigrationTask'
        $r.ExitCode | Should -Be 0
    }

    It '-Debug works in a hosted runspace ([powershell]::Create())' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($Manifest, $Conn) Import-Module $Manifest; Get-DcsMigrationTask @Conn -First 3 -Debug; Use-HuaweiCloudProfile -Clear -Debug').
                AddParameter('Manifest', $Manifest).AddParameter('Conn', $Conn)
            $output = $ps.Invoke()
            $ps.HadErrors | Should -BeFalse
            $output.Count | Should -Be 3
            ($ps.Streams.Debug.Message -join "`n") | Should -Match 'Credentials: command-line parameters'
            ($ps.Streams.Verbose.Message -join "`n") | Should -Match 'no default profile'
        } finally { $ps.Dispose() }
    }

    It '-Verbose shows each page it reads' {
        $verbose = @(Get-DcsMigrationTask @Conn -First 750 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $verbose.Message | Should -Contain 'DCS ListMigrationTask: 500 record(s) at offset=0, limit=500, of 1200.'
        $verbose.Count | Should -Be 2
    }

    It '-WhatIf changes nothing in the profile store' {
        Set-HuaweiCloudProfile -Name kept -AccessKey $Emulator.AccessKey -SecretKey $Emulator.SecretKey -Region $Emulator.Region
        $before = Get-Content -Raw $env:MIGRATIONTOOLS_PROFILES_FILE
        Remove-HuaweiCloudProfile -Name kept -WhatIf
        Set-HuaweiCloudProfile -Name kept -AccessKey $Emulator.AccessKey -SecretKey $Emulator.SecretKey -Region 'eu-west-101' -WhatIf
        Set-HuaweiCloudProfile -Name whatif-new -AccessKey $Emulator.AccessKey -SecretKey $Emulator.SecretKey -WhatIf
        Get-Content -Raw $env:MIGRATIONTOOLS_PROFILES_FILE | Should -Be $before
        (Get-HuaweiCloudProfile -Name kept).Region | Should -Be $Emulator.Region
    }

    It '-ErrorAction Stop turns a failing id into a catchable error with the service''s code' {
        $caught = $null
        try { Get-DcsMigrationStats @Conn -TaskId 'no-such-task' -ErrorAction Stop; $reached = $true } catch { $caught = $_ }
        $reached | Should -BeNullOrEmpty -Because 'the statement after the failing cmdlet is not reached'
        $caught.FullyQualifiedErrorId | Should -BeLike 'ServiceError.DCS.4133,*'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $caught.Exception.Message | Should -Match 'Request id: '
    }
}

Describe 'Tab completion (TabExpansion2)' {
    BeforeAll {
        function Get-Completions([string] $Line) {
            (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
        }
        Set-HuaweiCloudProfile -Name 'prod-north' -AccessKey $Emulator.AccessKey -SecretKey $Emulator.SecretKey
        Set-HuaweiCloudProfile -Name 'prod-south' -AccessKey $Emulator.AccessKey -SecretKey $Emulator.SecretKey
    }

    It 'completes -ProfileName of <Command> with the stored profile names' -ForEach @(
        @{ Command = 'Get-DcsMigrationTask -ProfileName ' }, @{ Command = 'Get-RdsBackupMigrationJob -ProfileName prod-' },
        @{ Command = 'Use-HuaweiCloudProfile -Name prod' }, @{ Command = 'Remove-HuaweiCloudProfile -Name prod-' }
    ) {
        $completions = @(Get-Completions $Command)
        $completions | Should -Contain 'prod-north'
        $completions | Should -Contain 'prod-south'
    }

    It 'completes -Region with the regions' {
        $completions = @(Get-Completions 'Get-DcsMigrationTask -Region cn-nor')
        $completions | Should -Contain 'cn-north-4'
        $completions | ForEach-Object { $_ | Should -BeLike 'cn-nor*' }
        Get-Completions 'Get-RocketMqMigrationTask -Region ap-southeast-' | Should -Contain 'ap-southeast-1'
    }
}
