#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds the module, runs the tests (xunit and Pester), runs the main job, or packages the module.
.DESCRIPTION
    Run it with the pwsh the repository pins, so nothing has to be installed by hand:

        dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Test

    Pester 5.9.1 comes from NuGet through tools/Tools.csproj and is imported by path.
.EXAMPLE
    dotnet pwsh -NoProfile -File ./build.ps1 -Task Test      # dotnet test, then the Pester suite in this pwsh
.EXAMPLE
    dotnet pwsh -NoProfile -File ./build.ps1 -Task Report    # the main job against the embedded emulator
    dotnet pwsh -NoProfile -File ./build.ps1 -Task Report -Region * -ProfileName main, second   # every region, two profiles
.EXAMPLE
    dotnet pwsh -NoProfile -File ./build.ps1 -Task Package   # out/MigrationTools.<version>.nupkg
#>
[CmdletBinding()]
param(
    [ValidateSet('All', 'Build', 'Test', 'Pester', 'Report', 'Package')]
    [string] $Task = 'All',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',
    # Pester: only the files matching this (e.g. 'Views'); Report: passed on to Run-Report.ps1 as -CsvPath.
    [string] $PesterFilter,
    [string] $CsvPath,
    # Report: the regions to report on (several, or * for every region of the account).
    [string[]] $Region,
    # Report: the profiles (accounts) to report on, several at once.
    [string[]] $ProfileName
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

$PesterVersion = '5.9.1'   # the same as tools/Tools.csproj

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Import-ProjectPester {
    # Restores tools/Tools.csproj (a PackageDownload of Pester) and imports that exact Pester by path.
    Invoke-Dotnet restore (Join-Path $PSScriptRoot 'tools/Tools.csproj') --verbosity quiet
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else {
        ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    }
    $manifest = Join-Path $packages "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) { throw "Pester $PesterVersion is not at $manifest after 'dotnet restore tools/Tools.csproj'." }
    Get-Module Pester | Remove-Module -Force
    Import-Module $manifest -Force -ErrorAction Stop
}

function Invoke-ProjectPester {
    Import-ProjectPester
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $PSScriptRoot 'tests/pester'
    if ($PesterFilter) { $config.Run.Path = @(Get-ChildItem (Join-Path $PSScriptRoot 'tests/pester') -Filter "*$PesterFilter*.Tests.ps1").FullName }
    $config.Run.PassThru = $true
    $config.Run.Exit = $false
    $config.Output.Verbosity = 'Normal'
    # Plain text into a log (CI reads the summary line), colours in a terminal.
    if ([Console]::IsOutputRedirected) { $config.Output.RenderMode = 'Plaintext' }
    $config.Should.ErrorAction = 'Continue'
    $config.TestResult.Enabled = $false
    $result = Invoke-Pester -Configuration $config
    # Pester prints "Tests Passed: N, Failed: N, Skipped: N, ..." itself; a failure, or a file that could not
    # run (a failed BeforeAll), fails the build.
    if ($result.Result -ne 'Passed' -or $result.FailedCount -gt 0 -or $result.FailedBlocksCount -gt 0 -or $result.FailedContainersCount -gt 0) {
        throw "Pester: $($result.FailedCount) test(s) failed, $($result.FailedBlocksCount) block(s) and $($result.FailedContainersCount) file(s) could not run."
    }
    if ($result.PassedCount -eq 0) { throw 'Pester ran no test.' }
}

if ($Task -in 'All', 'Build') {
    Invoke-Dotnet build MigrationTools.sln -c $Configuration
    Write-Host "Module laid out in $(Join-Path $PSScriptRoot 'out/MigrationTools')"
}
if ($Task -in 'All', 'Test') {
    # Builds the solution (the module in out/MigrationTools and the emulator the Pester suite starts) and runs xunit.
    Invoke-Dotnet test MigrationTools.sln -c $Configuration
}
if ($Task -in 'All', 'Test', 'Pester') {
    if ($Task -eq 'Pester') { Invoke-Dotnet build MigrationTools.sln -c $Configuration --verbosity quiet }
    Invoke-ProjectPester
}
if ($Task -eq 'Report') {
    $reportArgs = @{ Configuration = $Configuration }
    if ($CsvPath) { $reportArgs.CsvPath = $CsvPath }
    if ($Region) { $reportArgs.Region = $Region }
    if ($ProfileName) { $reportArgs.ProfileName = $ProfileName }
    & (Join-Path $PSScriptRoot 'tools/Run-Report.ps1') @reportArgs
}
if ($Task -eq 'Package') {
    & (Join-Path $PSScriptRoot 'tools/New-ModulePackage.ps1')
}
