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

# The columns a block asks a table for: the property names (bare words) of each Format-Table, and of each Select-Object
# of at most 4 properties (more make a list) that ends its pipeline. Parameters' own values (-First 3) are not columns.
function Get-ReadmeTableColumn([string] $Text) {
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Text, [ref]$null, [ref]$null)
    $valued = 'First', 'Last', 'Skip', 'ExpandProperty', 'GroupBy', 'View', 'Index', 'SkipLast', 'ExcludeProperty'
    foreach ($pipeline in $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.PipelineAst] }, $true)) {
        $command = $pipeline.PipelineElements[-1]
        if ($command -isnot [System.Management.Automation.Language.CommandAst]) { continue }
        $name = $command.GetCommandName()
        if ($name -notin 'Format-Table', 'Select-Object') { continue }
        $columns = [System.Collections.Generic.List[string]]::new()
        $elements = $command.CommandElements
        for ($i = 1; $i -lt $elements.Count; $i++) {
            $e = $elements[$i]
            if ($e -is [System.Management.Automation.Language.CommandParameterAst]) {
                if ($e.ParameterName -in $valued -and -not $e.Argument) { $i++ }
                continue
            }
            $words = if ($e -is [System.Management.Automation.Language.ArrayLiteralAst]) { $e.Elements } else { @($e) }
            foreach ($w in $words) {
                if ($w -is [System.Management.Automation.Language.StringConstantExpressionAst] -and $w.StringConstantType -eq 'BareWord') { $columns.Add($w.Value) }
            }
        }
        if ($columns.Count -gt 0 -and ($name -eq 'Format-Table' -or $columns.Count -le 4)) { , @($columns) }
    }
}
