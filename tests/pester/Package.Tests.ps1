#Requires -Version 7.0
<#
    The package as a user gets it: ./build.ps1 -Task Package (Release, Publish-PSResource to out/), then, in a
    clean pwsh whose HOME, module path and PSResourceGet settings are a temp folder, Find-PSResource -CommandName,
    Install-PSResource, and a cmdlet run by name (auto-loaded) against the emulator.
#>

BeforeAll {
    $RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
    $Out = Join-Path $RepoRoot 'out'
    # Before the emulator isolates HOME: the build needs the developer's NuGet cache.
    & (Join-Path $RepoRoot 'tools/New-ModulePackage.ps1') | Out-Null
    $Packages = @(Get-ChildItem -Path $Out -Filter 'MigrationTools.*.nupkg')
    $Version = (Import-PowerShellDataFile (Join-Path $RepoRoot 'MigrationTools.psd1')).ModuleVersion

    Import-Module (Join-Path $PSScriptRoot 'TestEmulator.psm1') -Force
    $Emulator = Start-TestEmulator
    $CleanHome = Join-Path $TestDrive 'home'
    $null = New-Item -ItemType Directory -Path $CleanHome
}

AfterAll {
    if ($Emulator) { Stop-TestEmulator $Emulator }
}

Describe 'The package (build.ps1 -Task Package)' {
    It 'is exactly one out/MigrationTools.<version>.nupkg with help, format and LICENSE, and no .pdb' {
        $Packages.Count | Should -Be 1
        $Packages[0].Name | Should -Be "MigrationTools.$Version.nupkg"
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Packages[0].FullName)
        try {
            $entries = @($zip.Entries.FullName)
            foreach ($file in 'MigrationTools.psd1', 'MigrationTools.dll', 'MigrationTools.format.ps1xml', 'LICENSE',
                'en-US/MigrationTools.dll-Help.xml', 'en-US/about_MigrationTools.help.txt', 'Dependencies/MigrationTools.Core.dll') {
                $entries | Should -Contain $file
            }
            $entries | Where-Object { $_ -like '*.pdb' } | Should -BeNullOrEmpty
            $reader = [IO.StreamReader]::new(($zip.Entries | Where-Object FullName -eq 'MigrationTools.nuspec').Open())
            $nuspec = [xml]$reader.ReadToEnd(); $reader.Dispose()
        } finally { $zip.Dispose() }
        $tags = $nuspec.package.metadata.tags -split ' '
        foreach ($cmdlet in (Import-PowerShellDataFile (Join-Path $RepoRoot 'out' 'MigrationTools' 'MigrationTools.psd1')).CmdletsToExport) { $tags | Should -Contain "PSCommand_$cmdlet" }
        $nuspec.package.metadata.licenseUrl | Should -Not -BeNullOrEmpty
        $nuspec.package.metadata.projectUrl | Should -Not -BeNullOrEmpty
    }

    It 'is found by command name, installs with Install-PSResource into a clean session, and auto-loads a cmdlet run by name' {
        # Install-PSResource -Scope CurrentUser installs in ~/.local/share/powershell/Modules (Documents\PowerShell\Modules
        # on Windows): the module path of the clean session is that folder alone (pwsh adds its own $PSHOME/Modules).
        $modules = if ($IsWindows) { Join-Path $CleanHome 'Documents' 'PowerShell' 'Modules' } else { Join-Path $CleanHome '.local' 'share' 'powershell' 'Modules' }
        $r = Invoke-TestPwsh -NonInteractive -TimeoutSeconds 180 -Environment @{
            HOME = $CleanHome; USERPROFILE = $CleanHome; LOCALAPPDATA = $CleanHome; APPDATA = $CleanHome
            PSModulePath = $modules
            MT_REPO = $Out; MT_ENDPOINT = $Emulator.Url
            HUAWEICLOUD_SDK_AK = $Emulator.AccessKey; HUAWEICLOUD_SDK_SK = $Emulator.SecretKey
            HUAWEICLOUD_SDK_PROJECT_ID = $Emulator.ProjectId; HUAWEICLOUD_SDK_REGION = $Emulator.Region
        } -Script @'
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name local -Uri $env:MT_REPO -Trusted
"FOUND: " + (@(Find-PSResource -CommandName Get-DcsMigrationTask -Repository local).ParentResource.Name -join ',')
"BEFORE: " + @(Get-Module MigrationTools -ListAvailable).Count
Install-PSResource -Name MigrationTools -Repository local -Scope CurrentUser -TrustRepository -Quiet
$tasks = @(Get-DcsMigrationTask -Endpoint $env:MT_ENDPOINT -First 2)
"COUNT: $($tasks.Count)"
"TYPE: " + $tasks[0].GetType().FullName
"BASE: " + (Get-Module MigrationTools).ModuleBase
"EXAMPLES: " + @((Get-Help Get-DcsMigrationTask -Examples).examples.example).Count
'@
        $r.Errors | Should -BeNullOrEmpty
        $r.ExitCode | Should -Be 0
        $r.Output | Should -Match '(?m)^FOUND: MigrationTools\s*$'
        $r.Output | Should -Match '(?m)^BEFORE: 0\s*$'
        $r.Output | Should -Match '(?m)^COUNT: 2\s*$'
        $r.Output | Should -Match '(?m)^TYPE: MigrationTools.Core.Models.DcsMigrationTask\s*$'
        $r.Output | Should -Match "(?m)^BASE: $([regex]::Escape($CleanHome))"
        $r.Output | Should -Match '(?m)^EXAMPLES: ([2-9]|[1-9][0-9]+)\s*$'
    }
}
