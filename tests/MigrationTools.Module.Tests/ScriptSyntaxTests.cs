using System.Management.Automation.Language;
using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>
/// The repository's PowerShell scripts (build.ps1, the main job, the Pester tests for contributors with pwsh) cannot
/// run here, but they must at least parse with the real engine's parser.
/// </summary>
public sealed class ScriptSyntaxTests
{
    public static IEnumerable<object[]> Scripts() =>
        new[] { "build.ps1" }
            .Concat(Directory.GetFiles(Path.Combine(ModulePaths.RepoRoot, "examples"), "*.ps1").Select(f => Path.GetRelativePath(ModulePaths.RepoRoot, f)))
            .Concat(Directory.GetFiles(Path.Combine(ModulePaths.RepoRoot, "tests", "pester"), "*.ps1").Select(f => Path.GetRelativePath(ModulePaths.RepoRoot, f)))
            .Select(f => new object[] { f });

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Parses_without_errors(string relativePath)
    {
        Parser.ParseFile(Path.Combine(ModulePaths.RepoRoot, relativePath), out _, out var errors);
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}")));
    }
}
