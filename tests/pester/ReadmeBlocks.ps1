# The ```powershell blocks of README.md, for Readme.Tests.ps1 (dot-sourced at discovery and at run time): each with
# its fence's line number, its first line of code (the test's title), its text, the reason of a `<!-- not run: ... -->`
# on the line before its fence, and whether that line is `<!-- printed by the emulator ... -->`.
function Get-ReadmeBlock([string] $Path) {
    $lines = @(Get-Content -LiteralPath $Path)
    for ($i = 0; $i -lt $lines.Count; $i++) {
        if ($lines[$i] -notmatch '^```powershell\s*$') { continue }
        $fence = $i
        $before = if ($i -gt 0) { $lines[$i - 1] } else { '' }
        $body = [System.Collections.Generic.List[string]]::new()
        for ($i++; $i -lt $lines.Count -and $lines[$i] -notmatch '^```\s*$'; $i++) { $body.Add($lines[$i]) }
        $notRun = [regex]::Match($before, '^<!--\s*not run:\s*(.+?)\s*-->')
        @{
            Line    = $fence + 1
            Title   = [string]($body | Where-Object { $_ -match '\S' -and $_ -notmatch '^\s*#' } | Select-Object -First 1)
            Text    = $body -join "`n"
            NotRun  = if ($notRun.Success) { $notRun.Groups[1].Value } else { $null }
            Printed = $before -match '^<!--\s*printed by the emulator'
        }
    }
}
