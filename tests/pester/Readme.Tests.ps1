#Requires -Version 7.0
<#
    The README is a test: every ```powershell block of README.md runs, in order, in one fresh pwsh against the
    emulator set up as the README says (the emulator started with the options of the README's `dotnet run` line, the
    lines it prints pasted, the module imported by the README's own lines), without an error record.

    - A block that cannot run here (a keyboard, a real cloud) is marked on the line before its fence with
      `<!-- not run: reason -->`; there are few.
    - The block marked `<!-- printed by the emulator -->` must be what the emulator prints for a user to paste, its
      URL aside (the README shows the default port 5080, the test's emulator has a free port).
    - Blocks run in a temp folder where ./out and ./examples are the repository's, so the files they write
      (CSV, logs) go nowhere else; output is formatted at 80 columns, as a user's console would.
#>

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'ReadmeBlocks.ps1')
    $Blocks = @(Get-ReadmeBlock (Join-Path $PSScriptRoot '..' '..' 'README.md'))
    $Runnable = @($Blocks | Where-Object { -not $_.NotRun })
    $Printed = @($Blocks | Where-Object Printed)
    $Tables = @($Runnable | ForEach-Object {
            $block = $_
            foreach ($columns in Get-ReadmeTableColumn $block.Text) { @{ Line = $block.Line; Columns = $columns } }
        })
}

BeforeAll {
    $RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
    $ReadmeText = Get-Content -Raw -LiteralPath (Join-Path $RepoRoot 'README.md')
    . (Join-Path $PSScriptRoot 'ReadmeBlocks.ps1')
    $Blocks = @(Get-ReadmeBlock (Join-Path $RepoRoot 'README.md'))
    Import-Module (Join-Path $PSScriptRoot 'TestEmulator.psm1') -Force
    # A block's output in a failure message: its start and end.
    function Get-Shortened([string] $Text) { if ($Text.Length -le 3000) { $Text } else { $Text.Substring(0, 1500) + "`n...`n" + $Text.Substring($Text.Length - 1500) } }

    # The emulator as the README starts it: `dotnet run --project src/MigrationTools.Emulator [-- options]`.
    $start = [regex]::Match($ReadmeText, '(?m)^dotnet run --project src/MigrationTools\.Emulator(?: -- ([^#\r\n]*?))?\s*(?:#.*)?$')
    if (-not $start.Success) { throw "README.md has no line that starts the emulator ('dotnet run --project src/MigrationTools.Emulator ...')." }
    $EmulatorOptions = @(if ($start.Groups[1].Success) { $start.Groups[1].Value -split '\s+' | Where-Object { $_ } })
    $Emulator = Start-TestEmulator -ArgumentList $EmulatorOptions
    $ReadmeUrl = 'http://127.0.0.1:5080'

    # The blocks to run, the pasted block with the test emulator's URL, and a folder that stands for the repository.
    $work = Join-Path $Emulator.Scratch 'readme'
    $null = New-Item -ItemType Directory -Path $work
    foreach ($name in 'out', 'examples') {
        $type = if ($IsWindows) { 'Junction' } else { 'SymbolicLink' }
        $null = New-Item -ItemType $type -Path (Join-Path $work $name) -Target (Join-Path $RepoRoot $name)
    }
    $blocksFile = Join-Path $Emulator.Scratch 'readme-blocks.json'
    $resultsFile = Join-Path $Emulator.Scratch 'readme-results.jsonl'
    ConvertTo-Json -Depth 3 -InputObject @($Blocks | Where-Object { -not $_.NotRun } | ForEach-Object {
            @{ Line = $_.Line; Text = if ($_.Printed) { $_.Text.Replace($ReadmeUrl, $Emulator.Url) } else { $_.Text } }
        }) | Set-Content -LiteralPath $blocksFile

    # The driver runs in the child's global scope, as lines typed at its prompt; its own variables start with __.
    $driver = {
        Set-Location -LiteralPath $env:README_CHECK_WORK
        foreach ($__block in (Get-Content -Raw -LiteralPath $env:README_CHECK_BLOCKS | ConvertFrom-Json)) {
            [Console]::Out.WriteLine("README block at line $($__block.Line) starts")
            $__errors = [System.Collections.Generic.List[string]]::new()
            $__watch = [System.Diagnostics.Stopwatch]::StartNew()
            # Statement by statement, each formatted on its own, as a console runs pasted lines.
            $__parseErrors = $null
            $__ast = [System.Management.Automation.Language.Parser]::ParseInput($__block.Text, [ref]$null, [ref]$__parseErrors)
            foreach ($__e in $__parseErrors) { $__errors.Add("Parse error at line $($__e.Extent.StartLineNumber) of the block: $($__e.Message)") }
            $__output = if (-not $__parseErrors) {
                foreach ($__statement in $__ast.EndBlock.Statements) {
                    try {
                        . ([scriptblock]::Create($__statement.Extent.Text)) *>&1 | ForEach-Object {
                            if ($_ -is [System.Management.Automation.ErrorRecord]) { $__errors.Add(($_ | Out-String -Width 160).Trim()) }
                            $_
                        } | Out-String -Width 80
                    } catch { $__errors.Add(($_ | Out-String -Width 160).Trim()) }
                }
            }
            $__output = $__output -join ''
            $__result = @{ Line = $__block.Line; Seconds = [math]::Round($__watch.Elapsed.TotalSeconds, 1); Errors = @($__errors); Output = $__output }
            Add-Content -LiteralPath $env:README_CHECK_RESULTS -Value (ConvertTo-Json -Compress -Depth 3 -InputObject $__result)
        }
    }
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    # A hang is a failure named by its block (the last one that started); 10 minutes is far above the minute it
    # takes, even on a loaded machine.
    $Run = try {
        Invoke-TestPwsh -Script $driver.ToString() -TimeoutSeconds 600 -Environment @{
            README_CHECK_WORK = $work; README_CHECK_BLOCKS = $blocksFile; README_CHECK_RESULTS = $resultsFile
        }
    } catch { [pscustomobject]@{ ExitCode = -1; Output = $_.Exception.Message; Errors = '' } }
    $Seconds = [math]::Round($watch.Elapsed.TotalSeconds)
    $Results = @{}
    if (Test-Path $resultsFile) { Get-Content -LiteralPath $resultsFile | ForEach-Object { $r = $_ | ConvertFrom-Json; $Results[[int]$r.Line] = $r } }
    $slowest = $Results.Values | Sort-Object Seconds -Descending | Select-Object -First 4 | ForEach-Object { "line $($_.Line) $($_.Seconds) s" }
    Write-Host "README: $($Results.Count) block(s) ran in $Seconds s (slowest: $($slowest -join ', '))."
}

AfterAll {
    if ($Emulator) { Stop-TestEmulator $Emulator }
}

Describe 'README.md' {
    It 'runs every block in one pwsh that ends on its own' {
        $lastStarted = [regex]::Matches($Run.Output, 'README block at line (\d+) starts') | Select-Object -Last 1
        $Run.ExitCode | Should -Be 0 -Because "the pwsh running the blocks should end by itself (last block started: line $($lastStarted.Groups[1].Value)):`n$($Run.Output)`n$($Run.Errors)"
    }

    It 'line <Line> runs without an error record: <Title>' -ForEach $Runnable {
        $result = $Results[$Line]
        $result | Should -Not -BeNullOrEmpty -Because "the block at README.md line $Line should have run (a block before it hung or broke the session)"
        $result.Errors -join "`n`n" | Should -BeNullOrEmpty -Because "README.md line $Line should run against the emulator as the README sets it up; it wrote:`n$(Get-Shortened $result.Output)"
    }

    It 'line <Line> shows, at 80 columns, every column it asks for: <Columns>' -ForEach $Tables {
        $output = [string]$Results[$Line].Output
        $headers = @($output -split '\r?\n' | Where-Object {
                $header = $_
                @($Columns | Where-Object { $header -match "(^|\s)$([regex]::Escape($_))(\s|$)" }).Count -eq $Columns.Count
            })
        $headers | Should -Not -BeNullOrEmpty -Because "a table whose columns do not fit 80 columns loses the last ones:`n$(Get-Shortened $output)"
    }

    It 'shows, at line <Line>, the lines the emulator prints for a user to paste' -ForEach $Printed {
        $Text.Replace($ReadmeUrl, $Emulator.Url) -split '\r?\n' | Should -Be $Emulator.PastedLines
    }

    It 'has one block of the lines the emulator prints' {
        @($Blocks | Where-Object Printed).Count | Should -Be 1
    }

    It 'marks few blocks not run, each with its reason' {
        $notRun = @($Blocks | Where-Object NotRun | ForEach-Object { "line $($_.Line): $($_.NotRun)" })
        $notRun.Count | Should -BeLessOrEqual 4 -Because "these blocks are not run:`n$($notRun -join "`n")"
    }

    It 'has no <Tab> line (a key is not PowerShell)' {
        $ReadmeText | Should -Not -Match '<Tab>'
    }
}
