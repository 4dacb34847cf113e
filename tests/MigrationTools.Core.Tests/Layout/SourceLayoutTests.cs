using System.Text.RegularExpressions;
using Xunit;

namespace MigrationTools.Core.Tests.Layout;

/// <summary>
/// The layout explains itself and cannot drift: each public type has its own file, named after it, and a namespace
/// says the folder (the module's and the core's). Read from the sources, so a newcomer's view is what is held.
/// </summary>
public sealed class SourceLayoutTests
{
    // A type declared at the top level of a file-scoped namespace (nested types are indented).
    private static readonly Regex PublicType = new(
        @"^public\s+(?:(?:sealed|static|abstract|readonly|partial|ref)\s+)*(?:class|struct|interface|enum|record(?:\s+struct|\s+class)?|delegate\s+[\w<>?,\[\]\s]+?)\s+(?<name>[A-Za-z_]\w*)",
        RegexOptions.Multiline);

    private static IEnumerable<string> Sources() =>
        Directory.GetFiles(Path.Combine(SourceTree.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string Relative(string file) => Path.GetRelativePath(SourceTree.Root, file).Replace('\\', '/');

    internal static IReadOnlyList<string> PublicTypesOf(string text) =>
        PublicType.Matches(text).Select(m => m.Groups["name"].Value).ToList();

    [Fact]
    public void Each_public_type_has_its_own_file_named_after_it()
    {
        var problems = new List<string>();
        foreach (var file in Sources())
        {
            var types = PublicTypesOf(File.ReadAllText(file));
            var name = Relative(file);
            if (types.Count > 1)
                problems.Add($"{name} holds {types.Count} public types ({string.Join(", ", types)}): give each its own file");
            else if (types.Count == 1 && types[0] != Path.GetFileNameWithoutExtension(file))
                problems.Add($"{name} holds {types[0]}: name the file {types[0]}.cs");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("src/MigrationTools", "MigrationTools")]
    [InlineData("src/MigrationTools.Core", "MigrationTools.Core")]
    public void A_namespace_says_the_folder(string project, string rootNamespace)
    {
        var root = Path.Combine(SourceTree.Root, project);
        var problems = new List<string>();
        foreach (var file in Sources().Where(f => f.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            var folder = Path.GetDirectoryName(Path.GetRelativePath(root, file))!.Replace(Path.DirectorySeparatorChar, '.');
            var expected = folder.Length == 0 ? rootNamespace : rootNamespace + "." + folder;
            var declared = Regex.Match(File.ReadAllText(file), @"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline);
            if (declared.Success && declared.Groups[1].Value != expected)
                problems.Add($"{Relative(file)}: namespace {declared.Groups[1].Value}, expected {expected}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_scan_sees_top_level_public_types_and_not_nested_or_internal_ones()
    {
        const string text = """
            namespace X;

            /// <summary>A.</summary>
            public sealed class Alpha
            {
                public sealed class Nested { }
            }

            internal sealed class Helper { }

            public sealed record Beta(string Id);
            public static class Gamma<T> { }
            public enum Delta { One }
            public delegate void Epsilon(int x);
            """;
        Assert.Equal(["Alpha", "Beta", "Gamma", "Delta", "Epsilon"], PublicTypesOf(text.Replace("\r", "", StringComparison.Ordinal)));
    }
}
