#!/usr/bin/env pwsh
<#
.SYNOPSIS
    The main job on a bare machine: builds the module and the emulator, starts the emulator on a free loopback port,
    runs examples/migration-report.ps1 against it in this pwsh, and stops the emulator.
.EXAMPLE
    dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Report
.EXAMPLE
    dotnet pwsh -NoProfile -File ./tools/Run-Report.ps1 -CsvPath migrations.csv
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',
    # Passed on to the report: every row to this CSV file.
    [string] $CsvPath
)
$ErrorActionPreference = 'Stop'
$repo = Split-Path -Parent $PSScriptRoot

foreach ($project in 'src/MigrationTools', 'src/MigrationTools.Emulator') {
    & dotnet build (Join-Path $repo $project) -c $Configuration --verbosity quiet --nologo
    if ($LASTEXITCODE -ne 0) { throw "dotnet build $project failed with exit code $LASTEXITCODE" }
}
if ($CsvPath) { $CsvPath = [IO.Path]::GetFullPath($CsvPath, (Get-Location).Path) }

# The emulator, with this process's credentials, profiles and metadata address isolated from the developer's own.
Import-Module (Join-Path $repo 'tests/pester/TestEmulator.psm1') -Force
$emulator = Start-TestEmulator
try {
    Import-Module (Join-Path $repo 'out/MigrationTools/MigrationTools.psd1') -Force
    # Pointed at the emulator the way a user points the module anywhere: the SDK's variables and default parameters.
    Use-TestEmulator $emulator
    Write-Host "Emulator: $($emulator.Url) (region $($emulator.Region))"
    $report = @{}
    if ($CsvPath) { $report.CsvPath = $CsvPath }
    & (Join-Path $repo 'examples/migration-report.ps1') @report
} finally {
    Stop-TestEmulator $emulator   # also undoes Use-TestEmulator
}
