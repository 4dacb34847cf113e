namespace MigrationTools.Core.Tests;

/// <summary>The repository's checkout, for the tests that hold the sources themselves to a rule.</summary>
internal static class SourceTree
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MigrationTools.sln"))) return dir.FullName;
        throw new InvalidOperationException("MigrationTools.sln not found above " + AppContext.BaseDirectory);
    }
}
