namespace MigrationTools.Core.Tests;

/// <summary>A temporary folder deleted after the test.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mt-test-" + Guid.NewGuid().ToString("N")));
    public string Path { get; }
    public string File(params string[] parts) => System.IO.Path.Combine(new[] { Path }.Concat(parts).ToArray());
    public void Dispose() { try { Directory.Delete(Path, recursive: true); } catch (IOException) { } }
}
