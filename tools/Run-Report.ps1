#!/usr/bin/env pwsh
<#
.SYNOPSIS
    The main job on a bare machine: builds the module and the emulator, starts the emulator on a free loopback port,
    runs examples/migration-report.ps1 against it in this pwsh, and stops the emulator.
.EXAMPLE
    dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Report
.EXAMPLE
    dotnet pwsh -NoProfile -File ./tools/Run-Report.ps1 -CsvPath migrations.csv
.EXAMPLE
    dotnet pwsh -NoProfile -File ./build.ps1 -Task Report -Region * -ProfileName main, second
    Every region of the emulator's account (its regions are reached the SDKs' way, through
    HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}), once per profile: the profiles are stored in the run's isolated
    profile store with the emulator's keys, so that the report runs as it would over several accounts.
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',
    # Passed on to the report: every row to this CSV file.
    [string] $CsvPath,
    # Passed on to the report: several regions, or * for every region of the account.
    [string[]] $Region,
    # Passed on to the report: several profiles (stored for the emulator's account in the isolated store).
    [string[]] $ProfileName
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
    if ($Region) {
        # Each region's endpoints as the emulator prints them; an -Endpoint default would name one region only.
        Use-TestEmulatorRegions $emulator
        $report.Region = $Region
    }
    if ($ProfileName) {
        foreach ($name in $ProfileName) {
            Set-HuaweiCloudProfile -Name $name -AccessKey $emulator.AccessKey -SecretKey $emulator.SecretKey -Region $emulator.Region
        }
        $report.ProfileName = $ProfileName
    }
    & (Join-Path $repo 'examples/migration-report.ps1') @report
} finally {
    Stop-TestEmulator $emulator   # also undoes Use-TestEmulator
}
