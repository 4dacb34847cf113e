<#
    What every Pester file of the suite shares: the local emulator started as a program (its built dll, else
    `dotnet run`), its control routes, and an environment in which the module never sees the developer's own
    credentials, profiles or the real ECS metadata address.

        $Emulator = Start-TestEmulator            # BeforeAll
        Get-DcsMigrationTask @($Emulator.Conn) -First 3
        Clear-EmulatorRequests -Url $Emulator.Url
        (Get-EmulatorRequests -Url $Emulator.Url -PathEnd '/migration-tasks').Count
        Use-TestEmulator $Emulator                # instead of @($Emulator.Conn): the SDK variables, a default -Endpoint
        Stop-TestEmulator $Emulator               # AfterAll
#>
Set-StrictMode -Version 3.0

$RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path

# Variables the module reads for credentials, profiles, region or endpoints: cleared or pointed at temp paths while
# an emulator runs, restored by Stop-TestEmulator.
$script:IsolatedNames = @(
    'HOME', 'USERPROFILE', 'MIGRATIONTOOLS_PROFILES_FILE', 'MIGRATIONTOOLS_PROFILE', 'MIGRATIONTOOLS_METADATA_ENDPOINT',
    'MIGRATIONTOOLS_MAX_RETRIES', 'MIGRATIONTOOLS_ROCKETMQ_INSTANCES', 'MIGRATIONTOOLS_RETRY_BASE_DELAY_MS',
    'HUAWEICLOUD_SDK_CREDENTIALS_FILE'
)

# The default parameter Use-TestEmulator sets and Stop-TestEmulator removes.
$script:EndpointDefault = 'Get-*Migration*:Endpoint'

function Enter-TestIsolation {
    <# The developer's HOME, profile store, SDK credentials file and variables are replaced by a temp folder; the ECS
       metadata address is a closed loopback port, so nothing ever calls 169.254.169.254. Returns what to restore. #>
    param([string] $Scratch)
    $saved = @{}
    $names = @($script:IsolatedNames) + @([Environment]::GetEnvironmentVariables().Keys | Where-Object { $_ -like 'HUAWEICLOUD_SDK_*' })
    foreach ($name in $names | Sort-Object -Unique) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $null)
    }
    $null = New-Item -ItemType Directory -Force -Path $Scratch
    $env:HOME = $Scratch
    $env:USERPROFILE = $Scratch
    $env:MIGRATIONTOOLS_PROFILES_FILE = Join-Path $Scratch 'profiles.json'
    $env:HUAWEICLOUD_SDK_CREDENTIALS_FILE = Join-Path $Scratch 'no-credentials'
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    $env:MIGRATIONTOOLS_METADATA_ENDPOINT = 'http://127.0.0.1:9'
    # Retries back off from 10 ms instead of 500 ms (the suite provokes retries on purpose).
    $env:MIGRATIONTOOLS_RETRY_BASE_DELAY_MS = '10'
    $saved
}

function Start-TestEmulator {
    <#
    .SYNOPSIS
        Starts the emulator on a free loopback port, isolates the environment, and returns its connection.
    .OUTPUTS
        An object with Url, AccessKey, SecretKey, ProjectId, Region, RocketMqInstances (InstanceId, Tasks), PastedLines
        (what it prints for a user to paste), Process,
        and Conn: a hashtable to splat (Endpoint, Region, ProjectId, AccessKey, SecretKey).
    #>
    [CmdletBinding()]
    param(
        # Extra emulator options (faults...). --port 0 and --no-lockout are always given: the wrong-key
        # specifications send bad signatures on purpose and must not lock the key for the ones after them.
        [string[]] $ArgumentList = @()
    )
    $tag = "mt-pester-$PID-$(Get-Random)"
    $scratch = Join-Path ([IO.Path]::GetTempPath()) $tag
    $null = New-Item -ItemType Directory -Force -Path $scratch
    $stdout = Join-Path $scratch 'emulator.out.log'
    $stderr = Join-Path $scratch 'emulator.err.log'

    # The built program starts in about a second; `dotnet run` builds first when it is not there.
    $dll = Get-ChildItem -Path (Join-Path $RepoRoot 'src/MigrationTools.Emulator/bin') -Filter MigrationTools.Emulator.dll -Recurse -ErrorAction SilentlyContinue |
        Where-Object { $_.Directory.Name -like 'net*' } | Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
    $dotnet = if ($env:DOTNET_HOST_PATH -and (Test-Path $env:DOTNET_HOST_PATH)) { $env:DOTNET_HOST_PATH } else { 'dotnet' }
    $arguments = @(if ($dll) { "`"$($dll.FullName)`"" } else {
            'run', '--project', "`"$(Join-Path $RepoRoot 'src/MigrationTools.Emulator')`"", '--'
        })
    $arguments += @('--port', '0', '--no-lockout') + $ArgumentList
    # One argument string: paths are quoted above.
    $process = Start-Process -FilePath $dotnet -ArgumentList ($arguments -join ' ') -PassThru -NoNewWindow `
        -RedirectStandardOutput $stdout -RedirectStandardError $stderr

    # Whatever goes wrong before the emulator is handed over, its process is not left running.
    try {
        $deadline = [DateTime]::UtcNow.AddMinutes(3)
        $printed = ''
        while ($true) {
            if (Test-Path $stdout) { $printed = Get-Content -Raw -Path $stdout -ErrorAction SilentlyContinue }
            if ($printed -match 'Press Ctrl\+C to stop') { break }
            if ($process.HasExited) {
                throw "The emulator exited ($($process.ExitCode)) before it was ready:`n$printed`n$(Get-Content -Raw $stderr -ErrorAction SilentlyContinue)"
            }
            if ([DateTime]::UtcNow -gt $deadline) {
                Stop-EmulatorProcess $process
                throw "The emulator did not print its address within 3 minutes:`n$printed"
            }
            Start-Sleep -Milliseconds 100
        }

        $value = {
            param([string] $Label)
            $m = [regex]::Match($printed, "(?m)^\s*$([regex]::Escape($Label)):\s+(\S+)")
            if (-not $m.Success) { throw "The emulator did not print '${Label}:'.`n$printed" }
            $m.Groups[1].Value
        }
        $address = [regex]::Match($printed, 'listening on (http://\S+)')
        if (-not $address.Success) { throw "The emulator did not print its address.`n$printed" }
        $url = $address.Groups[1].Value.TrimEnd('/')
        # "  RocketMQ instances: <id> (350 tasks), <id> (27 tasks), <id> (0 tasks)"
        $instances = @([regex]::Matches($printed, '([0-9a-fA-F-]{36}) \((\d+) tasks\)') | ForEach-Object {
                [pscustomobject]@{ InstanceId = $_.Groups[1].Value; Tasks = [int]$_.Groups[2].Value }
            })
        if ($instances.Count -eq 0) { throw "The emulator did not print its RocketMQ instances.`n$printed" }

        # "$env:HUAWEICLOUD_SDK_REGION_DCS_CN_SOUTH_1 = 'http://127.0.0.1:<port>/cn-south-1'": each region's endpoints.
        $regionEndpoints = [ordered]@{}
        foreach ($m in [regex]::Matches($printed, "(?m)^\`$env:(HUAWEICLOUD_SDK_REGION_[A-Z0-9_]+) = '([^']+)'")) { $regionEndpoints[$m.Groups[1].Value] = $m.Groups[2].Value }

        $emulator = [pscustomobject]@{
            RegionEndpoints   = $regionEndpoints
            Url               = $url
            AccessKey         = & $value 'AK'
            SecretKey         = & $value 'SK'
            ProjectId         = & $value 'Project id'
            Region            = & $value 'Region'
            RocketMqInstances = $instances
            # The lines it prints for a user to paste into pwsh: after "# PowerShell:", up to "Press Ctrl+C".
            PastedLines       = @([regex]::Match($printed, '(?s)# PowerShell:[^\n]*\n(.*?)Press Ctrl\+C').Groups[1].Value -split '\r?\n' | Where-Object { $_ -match '\S' })
            Process           = $process
            Conn              = $null
            Scratch           = $scratch
            SavedEnvironment  = $null
        }
        $emulator.Conn = @{
            Endpoint  = $emulator.Url
            Region    = $emulator.Region
            ProjectId = $emulator.ProjectId
            AccessKey = $emulator.AccessKey
            SecretKey = $emulator.SecretKey
        }
    } catch {
        Stop-EmulatorProcess $process
        Remove-Item -Recurse -Force -Path $scratch -ErrorAction SilentlyContinue
        throw
    }
    $emulator.SavedEnvironment = Enter-TestIsolation -Scratch (Join-Path $scratch 'home')
    $emulator
}

function Use-TestEmulator {
    <#
    .SYNOPSIS
        Points this session at the emulator the way a user points the module anywhere, with nothing on the command
        line: the SDK's variables (HUAWEICLOUD_SDK_AK, _SK, _PROJECT_ID, _REGION), MIGRATIONTOOLS_ROCKETMQ_INSTANCES
        and the default -Endpoint of the Get-*Migration* cmdlets. Stop-TestEmulator undoes all of it.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Emulator)
    $values = [ordered]@{
        HUAWEICLOUD_SDK_AK                = $Emulator.AccessKey
        HUAWEICLOUD_SDK_SK                = $Emulator.SecretKey
        HUAWEICLOUD_SDK_PROJECT_ID        = $Emulator.ProjectId
        HUAWEICLOUD_SDK_REGION            = $Emulator.Region
        MIGRATIONTOOLS_ROCKETMQ_INSTANCES = $Emulator.RocketMqInstances.InstanceId -join ','
    }
    foreach ($name in $values.Keys) {
        # Saved once, as it was before the emulator: restored by Stop-TestEmulator.
        if (-not $Emulator.SavedEnvironment.ContainsKey($name)) { $Emulator.SavedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name) }
        [Environment]::SetEnvironmentVariable($name, $values[$name])
    }
    $global:PSDefaultParameterValues[$script:EndpointDefault] = $Emulator.Url
}

function Use-TestEmulatorRegions {
    <#
    .SYNOPSIS
        Points this session at every region of the emulator's account as the emulator prints them (the SDKs'
        HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION} variables, and IAM), instead of the one-region -Endpoint default, so
        that -Region a, b and -Region * work. Stop-TestEmulator undoes it.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Emulator)
    $values = [ordered]@{ HUAWEICLOUD_SDK_IAM_ENDPOINT = $Emulator.Url }
    foreach ($name in $Emulator.RegionEndpoints.Keys) { $values[$name] = $Emulator.RegionEndpoints[$name] }
    foreach ($name in $values.Keys) {
        if (-not $Emulator.SavedEnvironment.ContainsKey($name)) { $Emulator.SavedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name) }
        [Environment]::SetEnvironmentVariable($name, $values[$name])
    }
    $global:PSDefaultParameterValues.Remove($script:EndpointDefault)
}

function Stop-EmulatorProcess([System.Diagnostics.Process] $Process) {
    if ($Process -and -not $Process.HasExited) {
        # `dotnet run` starts the emulator as a child process: end the whole tree.
        try { $Process.Kill($true) } catch { Stop-Process -Id $Process.Id -Force -ErrorAction SilentlyContinue }
        $null = $Process.WaitForExit(10000)
    }
}

function Stop-TestEmulator {
    <# Ends the emulator's process tree, restores the environment and deletes the temp folder. #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0, ValueFromPipeline)] $Emulator)
    process {
        if (-not $Emulator) { return }
        Stop-EmulatorProcess $Emulator.Process
        $global:PSDefaultParameterValues.Remove($script:EndpointDefault)
        if ($Emulator.SavedEnvironment) {
            foreach ($name in $Emulator.SavedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $Emulator.SavedEnvironment[$name]) }
            $Emulator.SavedEnvironment = $null
        }
        Remove-Item -Recurse -Force -Path $Emulator.Scratch -ErrorAction SilentlyContinue
    }
}

function Clear-EmulatorRequests {
    <# Empties the emulator's request log (control route, no signature). #>
    param([Parameter(Mandatory)] [string] $Url)
    $null = Invoke-RestMethod -Method Delete -Uri "$Url/_emulator/requests"
}

function Get-EmulatorRequests {
    <# The API requests the emulator received since the last clear whose path ends with -PathEnd ('' = all). #>
    param([Parameter(Mandatory)] [string] $Url, [string] $PathEnd = '')
    $all = Invoke-RestMethod -Method Get -Uri "$Url/_emulator/requests"
    @($all | ForEach-Object { $_ } | Where-Object { $_.path -like "*$PathEnd" -and $_.path -notlike '/_emulator/*' })
}

function Get-EmulatorQuery {
    <# The query string of a logged request as a hashtable (a NameValueCollection would be unrolled into its keys);
       a repeated parameter gives an array. #>
    param([Parameter(Mandatory, ValueFromPipeline)] $Request)
    process {
        $parsed = [System.Web.HttpUtility]::ParseQueryString([string]$Request.queryString)
        $query = @{}
        foreach ($key in $parsed.AllKeys) {
            if ($null -eq $key) { continue }
            $values = $parsed.GetValues($key)
            $query[$key] = if ($values.Count -eq 1) { $values[0] } else { [string[]]$values }
        }
        , $query
    }
}

function Get-TestPwsh {
    <# The command line that starts another pwsh of the same version as this one (dotnet tool or installed). #>
    $entry = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    if ([IO.Path]::GetFileNameWithoutExtension($entry) -eq 'dotnet') { @($entry, (Join-Path $PSHOME 'pwsh.dll')) } else { @($entry) }
}

function Invoke-TestPwsh {
    <#
    .SYNOPSIS
        Runs a script in another pwsh of this version; returns ExitCode, Output (stdout) and Errors (stderr).
    .DESCRIPTION
        The child inherits this process's (isolated) environment plus -Environment, which is how a connection
        travels: never on a command line. Its stdin is a pipe that is never written, as in a scheduled job: a prompt
        cannot be answered there. It is ended after -TimeoutSeconds.
    #>
    param(
        [Parameter(Mandatory)] [string] $Script,
        [hashtable] $Environment = @{},
        [switch] $NonInteractive,
        [int] $TimeoutSeconds = 120
    )
    $pwsh = @(Get-TestPwsh)
    $psi = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
    foreach ($a in $pwsh | Select-Object -Skip 1) { $psi.ArgumentList.Add($a) }
    $psi.ArgumentList.Add('-NoProfile')
    if ($NonInteractive) { $psi.ArgumentList.Add('-NonInteractive') }
    $psi.ArgumentList.Add('-Command')
    $psi.ArgumentList.Add($Script)
    foreach ($key in $Environment.Keys) { $psi.Environment[$key] = [string]$Environment[$key] }
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($psi)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
        $process.Kill($true)
        throw "The child pwsh did not end within $TimeoutSeconds s:`n$($stdout.Result)`n$($stderr.Result)"
    }
    $process.WaitForExit()
    [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result; Errors = $stderr.Result }
}

Add-Type -AssemblyName System.Web
Export-ModuleMember -Function Start-TestEmulator, Use-TestEmulator, Use-TestEmulatorRegions, Stop-TestEmulator, Clear-EmulatorRequests, Get-EmulatorRequests, Get-EmulatorQuery, Get-TestPwsh, Invoke-TestPwsh
