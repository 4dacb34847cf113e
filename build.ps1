#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds the module into out/MigrationTools, runs the xunit suite, and runs the Pester tests when Pester is there.
.EXAMPLE
    ./build.ps1              # build + xunit tests + Pester (if installed)
.EXAMPLE
    ./build.ps1 -Task Build  # only lay out out/MigrationTools
#>
[CmdletBinding()]
param(
    [ValidateSet('All', 'Build', 'Test', 'Pester')]
    [string] $Task = 'All',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

if ($Task -in 'All', 'Build') {
    Invoke-Dotnet build MigrationTools.sln -c $Configuration
    Write-Host "Module laid out in $(Join-Path $PSScriptRoot 'out/MigrationTools')"
}
if ($Task -in 'All', 'Test') {
    Invoke-Dotnet test MigrationTools.sln -c $Configuration
}
if ($Task -in 'All', 'Pester') {
    if (Get-Module -ListAvailable -Name Pester | Where-Object Version -ge '5.0.0') {
        Invoke-Pester -Path (Join-Path $PSScriptRoot 'tests/pester') -Output Detailed -CI
    } else {
        Write-Warning 'Pester 5 is not installed: Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser (skipping the Pester tests).'
    }
}
