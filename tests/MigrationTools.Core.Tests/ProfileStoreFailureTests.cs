using System.Diagnostics;
using System.Text.Json;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Profiles;
using Xunit;
using Xunit.Abstractions;

namespace MigrationTools.Core.Tests;

/// <summary>
/// The profile store on bad paths, links, shared files and under a lock held by another process: every failure is
/// named for what it is, at once, and a wait for another writer ends on cancellation.
/// </summary>
public sealed class ProfileStoreFailureTests(ITestOutputHelper output) : IDisposable
{
    private const string Secret = "SKNeverInAnyMessage0123456789";
    private readonly TempDir _dir = new();
    private readonly List<string> _mounts = new();

    public void Dispose()
    {
        foreach (var m in _mounts) Run("umount", m);
        _dir.Dispose();
    }

    private static ProfileUpdate Update(string name = "p") => new(name) { AccessKey = "AKAKAKAKAKAKAKAK", SecretKey = Secret, Region = "cn-north-4" };

    internal static string WriterPath()
    {
        var writer = Path.Combine(AppContext.BaseDirectory.Replace("MigrationTools.Core.Tests", "MigrationTools.ProfileWriter"), "MigrationTools.ProfileWriter.dll");
        Assert.True(File.Exists(writer), "not built: " + writer);
        return writer;
    }

    /// <summary>A second process that holds the store's lock until killed, started once it has it.</summary>
    internal static Process HoldLock(string storePath)
    {
        var p = Process.Start(new ProcessStartInfo("dotnet") { ArgumentList = { "exec", WriterPath(), "hold", storePath, "60" }, RedirectStandardOutput = true, UseShellExecute = false })!;
        Assert.Equal("locked", p.StandardOutput.ReadLine());
        return p;
    }

    private static void AssertStoreError(ProfileStoreException ex, string errorId, params string[] mentions)
    {
        Assert.Equal(errorId, ex.ErrorId);
        foreach (var m in mentions) Assert.Contains(m, ex.Message);
        Assert.DoesNotContain("stayed locked", ex.Message);
        Assert.DoesNotContain(Secret, ex.ToString());
    }

    [Fact]
    public void A_lock_held_by_another_process_is_waited_for_until_cancelled_within_a_second()
    {
        var path = _dir.File("held", "profiles.json");
        using var holder = HoldLock(path);
        try
        {
            using var cts = new CancellationTokenSource();
            using var waiting = new ManualResetEventSlim();
            string? said = null;
            // The default 10 s wait: an OperationCanceledException (not ProfileStoreLocked) shows the cancellation ended it.
            var store = new ProfileStore(path) { LockWaiting = message => { said = message; waiting.Set(); } };
            var task = Task.Run(() => store.Set(Update(), cts.Token));
            Assert.True(waiting.Wait(TimeSpan.FromSeconds(60)), "the writer never said it waits for the lock");
            Assert.Contains("is locked by another writer", said);
            Assert.Contains("waiting up to 10 s", said);
            var watch = Stopwatch.StartNew();
            cts.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => task.GetAwaiter().GetResult());
            output.WriteLine($"cancellation of the wait for the lock: {watch.Elapsed.TotalMilliseconds:0} ms");
            Assert.False(File.Exists(path)); // nothing written

            // A real lock is still reported as one, after the timeout.
            var locked = Assert.Throws<ProfileStoreException>(() => new ProfileStore(path, TimeSpan.FromMilliseconds(300)).Set(Update()));
            Assert.Equal(ProfileStoreException.Locked, locked.ErrorId);
        }
        finally
        {
            holder.Kill();
            holder.WaitForExit();
        }
    }

    private static int Run(string file, params string[] args)
    {
        try
        {
            var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            p.WaitForExit(10_000);
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception) { return -1; }
    }

    /// <summary>A read-only folder: a read-only tmpfs when this process may mount (root), else a 0500 folder (non-root).</summary>
    private string ReadOnlyFolder(out string expectedId)
    {
        var dir = _dir.File("ro");
        Directory.CreateDirectory(dir);
        if (Environment.UserName == "root" || geteuid() == 0)
        {
            Assert.True(Run("mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", dir) == 0,
                "as root this test needs mount(8) for a read-only tmpfs (root bypasses permission bits, so chmod cannot simulate it)");
            _mounts.Add(dir);
            expectedId = ProfileStoreException.ReadOnly;
        }
        else
        {
            if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("a 0500 folder is a Unix permission; these tests run on Linux and macOS");
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            expectedId = ProfileStoreException.AccessDenied;
        }
        return dir;
    }

    [System.Runtime.InteropServices.DllImport("libc")] private static extern uint geteuid();

    [Fact]
    public void A_read_only_file_system_fails_at_once_and_says_so()
    {
        if (OperatingSystem.IsWindows()) return; // Windows: a read-only volume needs a VHD; not simulated here
        var dir = ReadOnlyFolder(out var expectedId);
        foreach (var path in new[] { Path.Combine(dir, "profiles.json"), Path.Combine(dir, "missing", "sub", "profiles.json") })
        {
            var waited = false;
            var ex = Assert.Throws<ProfileStoreException>(() => new ProfileStore(path) { LockWaiting = _ => waited = true }.Set(Update()));
            Assert.False(waited, "waited as for a lock"); // at once
            AssertStoreError(ex, expectedId, path, expectedId == ProfileStoreException.ReadOnly ? "read-only file system" : "permission denied");
            Assert.Empty(new ProfileStore(path).List()); // reading a store that is not there is still an empty store
        }
    }

    [Fact]
    public void Permission_denied_is_not_a_lock()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/sys/kernel")) return;
        // sysfs refuses creating files even to root (EACCES): a permission failure, reported at once.
        var path = "/sys/kernel/mt-test-" + Guid.NewGuid().ToString("N") + "/profiles.json";
        var waited = false;
        var ex = Assert.Throws<ProfileStoreException>(() => new ProfileStore(path) { LockWaiting = _ => waited = true }.Set(Update()));
        Assert.False(waited, "waited as for a lock"); // at once
        AssertStoreError(ex, ProfileStoreException.AccessDenied, path, "permission denied");
    }

    [Fact]
    public void A_parent_that_is_a_file_is_named()
    {
        var file = _dir.File("not-a-folder");
        File.WriteAllText(file, "x");
        foreach (var path in new[] { Path.Combine(file, "profiles.json"), Path.Combine(file, "a", "b", "profiles.json") })
        {
            var ex = Assert.Throws<ProfileStoreException>(() => new ProfileStore(path).Set(Update()));
            AssertStoreError(ex, ProfileStoreException.ParentNotFolder, path, $"'{file}' is a file, not a folder");
        }
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void A_store_path_that_is_a_folder_is_named()
    {
        var path = _dir.File("folder.json");
        Directory.CreateDirectory(path);
        AssertStoreError(Assert.Throws<ProfileStoreException>(() => new ProfileStore(path).List()), ProfileStoreException.IsFolder, path, "is a folder");
        AssertStoreError(Assert.Throws<ProfileStoreException>(() => new ProfileStore(path).Set(Update())), ProfileStoreException.IsFolder, path, "is a folder");
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void A_store_through_a_symbolic_link_is_written_through_and_the_link_kept(bool targetExists, bool relative)
    {
        if (OperatingSystem.IsWindows()) return; // creating links needs a privilege there
        var target = _dir.File("real", "profiles.json");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (targetExists) new ProfileStore(target).Set(Update("old"));
        var link = _dir.File("linked", "profiles.json");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, relative ? Path.Combine("..", "real", "profiles.json") : target);

        new ProfileStore(link).Set(Update("new"));
        new ProfileStore(link).Set(Update("newer"));

        Assert.NotNull(new FileInfo(link).LinkTarget); // still a link
        var names = new ProfileStore(target).List().Select(p => p.Name).ToArray();
        Assert.Equal(targetExists ? new[] { "new", "newer", "old" } : new[] { "new", "newer" }, names);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
        Assert.DoesNotContain(Directory.GetFiles(Path.GetDirectoryName(link)!), f => f != link); // no temporary file or lock beside the link
    }

    [Fact]
    public void A_store_other_users_can_read_gets_a_warning()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = _dir.File("shared", "profiles.json");
        var store = new ProfileStore(path);
        store.Set(Update());
        Assert.Null(store.ExposureWarning());
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var warning = store.ExposureWarning();
        Assert.NotNull(warning);
        Assert.Contains(path, warning);
        Assert.Contains("0644", warning);
        Assert.DoesNotContain(Secret, warning);
        store.Set(Update("q"));
        Assert.Null(store.ExposureWarning()); // the write made it 0600, which the warning said it would
    }

    [Fact]
    public void A_reader_listing_in_a_loop_never_sees_a_partial_file_while_another_process_writes()
    {
        var path = _dir.File("atomic", "profiles.json");
        var store = new ProfileStore(path);
        // A large file, so an in-place write would be seen half done.
        for (var i = 0; i < 200; i++) store.Set(new ProfileUpdate("seed" + i) { AccessKey = "AK" + i, SecretKey = new string('s', 400), Region = "cn-north-4" });
        using var writer = Process.Start(new ProcessStartInfo("dotnet") { ArgumentList = { "exec", WriterPath(), path, "w", "40" }, RedirectStandardError = true, UseShellExecute = false })!;
        var reads = 0;
        while (!writer.HasExited)
        {
            var count = store.List().Count; // ProfileStoreCorrupt on a partial file
            Assert.InRange(count, 200, 240);
            reads++;
        }
        Assert.Equal(0, writer.ExitCode);
        Assert.Equal(240, store.List().Count);
        Assert.True(reads > 10, $"only {reads} reads overlapped the writer");
    }

    [Fact]
    public void A_write_replaces_the_file_by_rename_never_in_place()
    {
        var path = _dir.File("rename", "profiles.json");
        var store = new ProfileStore(path);
        store.Set(Update("first"));
        var before = File.ReadAllBytes(path);
        // A reader that opened the old file keeps reading the old file: only a rename leaves it intact.
        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        store.Set(Update("second"));
        var seen = new MemoryStream();
        reader.CopyTo(seen);
        Assert.Equal(before, seen.ToArray());
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        Assert.True(doc.RootElement.GetProperty("profiles").TryGetProperty("second", out _));
    }
}
