#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds the module in Release and leaves exactly one out/MigrationTools.<version>.nupkg, made by
    Publish-PSResource to out/ as a local repository: no .pdb; help, format, types and LICENSE inside; the
    exported cmdlets in the tags as the PowerShell Gallery writes them (PSCommand_<name>, PSCmdlet_<name>), which
    Publish-PSResource does not add for a local repository, so Find-PSResource -CommandName finds the module.
.EXAMPLE
    dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Package
#>
[CmdletBinding()]
param(
    # Internal: publish this staged module folder to the repository folder -Repository (run in a child pwsh whose
    # PSResourceGet settings live in a temp folder, so the user's registered repositories are never touched).
    [string] $PublishFrom,
    [string] $Repository
)
$ErrorActionPreference = 'Stop'

if ($PublishFrom) {
    Register-PSResourceRepository -Name MigrationToolsBuild -Uri $Repository -Trusted
    Publish-PSResource -Path $PublishFrom -Repository MigrationToolsBuild
    return
}

$repo = Split-Path -Parent $PSScriptRoot
$out = Join-Path $repo 'out'
$staging = Join-Path ([IO.Path]::GetTempPath()) "mt-package-$PID"
$module = Join-Path $staging 'MigrationTools'
Remove-Item -Recurse -Force $staging -ErrorAction SilentlyContinue
try {
    # Release, laid out in the staging folder (out/MigrationTools, the development layout, is left alone).
    & dotnet build (Join-Path $repo 'src/MigrationTools') -c Release --nologo --verbosity quiet "-p:ModuleOutDir=$module/"
    if ($LASTEXITCODE -ne 0) { throw "dotnet build -c Release failed with exit code $LASTEXITCODE" }
    Get-ChildItem -Path $module -Recurse -Filter *.pdb | Remove-Item -Force
    foreach ($required in 'MigrationTools.psd1', 'MigrationTools.dll', 'MigrationTools.format.ps1xml', 'LICENSE', 'en-US/MigrationTools.dll-Help.xml', 'en-US/about_MigrationTools.help.txt') {
        if (-not (Test-Path (Join-Path $module $required))) { throw "The Release layout has no $required." }
    }

    # The gallery's command tags, from the manifest's own list of cmdlets (written once, there).
    $manifestPath = Join-Path $module 'MigrationTools.psd1'
    $manifest = Import-PowerShellDataFile $manifestPath
    $tags = @($manifest.PrivateData.PSData.Tags) + 'PSModule', 'PSIncludes_Cmdlet' +
        @($manifest.CmdletsToExport | ForEach-Object { "PSCmdlet_$_"; "PSCommand_$_" })
    $text = Get-Content -Raw $manifestPath
    $tagLine = [regex]::Match($text, '(?m)^(\s*)Tags\s*=\s*@\([^)]*\)')
    if (-not $tagLine.Success) { throw "No 'Tags = @(...)' line in $manifestPath." }
    $text = $text.Remove($tagLine.Index, $tagLine.Length).Insert($tagLine.Index,
        "$($tagLine.Groups[1].Value)Tags = @($(($tags | ForEach-Object { "'$_'" }) -join ', '))")
    Set-Content -Path $manifestPath -Value $text -NoNewline -Encoding utf8
    $null = Test-ModuleManifest $manifestPath

    # out/ is the local repository: exactly one package of the module in it.
    $null = New-Item -ItemType Directory -Force -Path $out
    Get-ChildItem -Path $out -Filter 'MigrationTools.*.nupkg' | Remove-Item -Force
    $settings = Join-Path $staging 'psresourceget'
    $saved = @{}
    foreach ($name in 'HOME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'LOCALAPPDATA', 'APPDATA') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    try {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $settings) }
        $self = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        $pwsh = if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { @($self, (Join-Path $PSHOME 'pwsh.dll')) } else { @($self) }
        & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $PSCommandPath -PublishFrom $module -Repository $out
        if ($LASTEXITCODE -ne 0) { throw "Publish-PSResource failed with exit code $LASTEXITCODE" }
    } finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
    $package = @(Get-ChildItem -Path $out -Filter 'MigrationTools.*.nupkg')
    if ($package.Count -ne 1 -or $package[0].Name -ne "MigrationTools.$($manifest.ModuleVersion).nupkg") {
        throw "Expected out/MigrationTools.$($manifest.ModuleVersion).nupkg alone, found: $($package.Name -join ', ')"
    }
    Write-Host "Package: $($package[0].FullName)"
} finally {
    Remove-Item -Recurse -Force $staging -ErrorAction SilentlyContinue
}
