using System.Diagnostics;
using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Profiles;

/// <summary>
/// Replaces the profile store file under an exclusive lock, in one rename: the new contents go to an owner-only
/// temporary file beside the target, flushed to disk, then renamed over it, so readers never see half a file and
/// concurrent writers each keep their change. Through a symbolic link, the lock, the temporary file and the rename
/// are at the link's final target, so the link stays a link. A failure says what is wrong with which path: locked by
/// another writer (waited for, cancellably), a read-only file system or a folder that refuses writing (at once, no
/// wait), a parent that is a file, the store being a folder.
/// </summary>
internal sealed class LockedAtomicWriter
{
    public LockedAtomicWriter(string path, TimeSpan lockTimeout)
    {
        Path = path;
        LockTimeout = lockTimeout;
    }

    /// <summary>The store's path as given (full).</summary>
    public string Path { get; }

    /// <summary>How long a writer waits for another writer to finish before giving up.</summary>
    public TimeSpan LockTimeout { get; }

    /// <summary>Told once per write, with a sentence to show, when the lock is held by another writer and the wait begins.</summary>
    public Action<string>? LockWaiting { get; set; }

    /// <summary>The file written: <see cref="Path"/>, or the final target when it is a symbolic link.</summary>
    public string Target() => OwnerOnlyFile.ResolveLinks(Path);

    /// <summary>
    /// Takes the lock, asks <paramref name="contents"/> for the new bytes (it reads the current file under the lock,
    /// and may throw to write nothing), and puts them in place.
    /// </summary>
    /// <param name="cancellationToken">Ends the wait for another writer's lock (Ctrl+C) with an OperationCanceledException.</param>
    public void Replace(Func<byte[]> contents, CancellationToken cancellationToken)
    {
        var target = TargetForWriting();
        var directory = System.IO.Path.GetDirectoryName(target)!;
        CheckParent(directory);
        try
        {
            OwnerOnlyFile.EnsureDirectory(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure(ex, directory, "its folder could not be created");
        }
        using (AcquireLock(target + ".lock", cancellationToken))
        {
            WriteAtomically(contents(), target);
        }
    }

    private string TargetForWriting()
    {
        try
        {
            return Target();
        }
        catch (NotSupportedException ex)
        {
            throw new ProfileStoreException(ProfileStoreException.LinkNotSupported, Path,
                $"The profile store '{Path}' is a symbolic link, which this PowerShell cannot follow for writing ({ex.Message}). " +
                $"Point {Variable} at the link's target instead.", ex);
        }
        catch (IOException ex)
        {
            throw new ProfileStoreException(ProfileStoreException.LinkNotSupported, Path,
                $"The profile store '{Path}' is a symbolic link whose target could not be resolved: {ex.Message} Fix the link, or point {Variable} at the real file.", ex);
        }
    }

    private static string Variable => "$env:" + ProfileStore.PathVariable;

    // A parent that is a file is found by walking up to the first path that exists: "Could not find a part of
    // the path" would say nothing about what is wrong.
    private void CheckParent(string directory)
    {
        for (var dir = directory; !string.IsNullOrEmpty(dir); dir = System.IO.Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(dir)) return;
            if (File.Exists(dir))
                throw new ProfileStoreException(ProfileStoreException.ParentNotFolder, Path,
                    $"The profile store '{Path}' cannot be written: '{dir}' is a file, not a folder. " +
                    $"Move that file away, or point {Variable} at a file in a folder.");
        }
    }

    private FileStream AcquireLock(string lockPath, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var random = new Random(Guid.NewGuid().GetHashCode());
        var told = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                // FileShare.None: an exclusive lock on Windows, flock(LOCK_EX) on Linux/macOS, between processes and threads
                // alike. The lock file is never deleted: deleting it would let two writers lock two different files.
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex) when (OwnerOnlyFile.IsHeldByAnother(ex) && watch.Elapsed < LockTimeout)
            {
                if (!told) LockWaiting?.Invoke($"The profile store '{Path}' is locked by another writer ({lockPath}); waiting up to {LockTimeout.TotalSeconds:0} s for it.");
                told = true;
                // The token's wait handle, not Thread.Sleep: Ctrl+C ends the wait at once.
                if (cancellationToken.WaitHandle.WaitOne(random.Next(5, 30))) cancellationToken.ThrowIfCancellationRequested();
            }
            catch (IOException ex) when (OwnerOnlyFile.IsHeldByAnother(ex))
            {
                throw new ProfileStoreException(ProfileStoreException.Locked, Path,
                    $"The profile store '{Path}' stayed locked by another writer for {LockTimeout.TotalSeconds:0} s ({lockPath}). Try again; if no other MigrationTools session is writing, delete the lock file.", ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Failure(ex, lockPath, "its lock file could not be opened");
            }
        }
    }

    private void WriteAtomically(byte[] bytes, string target)
    {
        string? temp = null;
        try
        {
            FileStream stream;
            try
            {
                stream = OwnerOnlyFile.CreateTemp(target, out temp);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Failure(ex, target, "a temporary file could not be created next to it");
            }
            using (stream)
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true); // on disk before the rename makes it the store
            }
            try
            {
                OwnerOnlyFile.ReplaceOrMove(temp, target);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Failure(ex, target, "the new file could not replace it");
            }
            temp = null;
        }
        finally
        {
            if (temp is not null) try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>What a file system error means for the store, at once: never "locked" for what is not a lock.</summary>
    private ProfileStoreException Failure(Exception ex, string path, string what)
    {
        var folder = Directory.Exists(path) ? path : System.IO.Path.GetDirectoryName(path);
        if (ex is UnauthorizedAccessException)
        {
            if (Directory.Exists(Path)) return ProfileStore.IsFolderError(Path, ex);
            return new ProfileStoreException(ProfileStoreException.AccessDenied, Path,
                $"The profile store '{Path}' cannot be written: {what} ('{path}'), permission denied. " +
                $"Check the permissions of '{folder}', or point {Variable} at a file in a folder you can write.", ex);
        }
        if (OwnerOnlyFile.IsReadOnlyFileSystem(ex))
            return new ProfileStoreException(ProfileStoreException.ReadOnly, Path,
                $"The profile store '{Path}' cannot be written: '{folder}' is on a read-only file system. " +
                $"Point {Variable} at a file on a writable disk.", ex);
        if (ex is DirectoryNotFoundException)
            return new ProfileStoreException(ProfileStoreException.ParentNotFolder, Path,
                $"The profile store '{Path}' cannot be written: {what} ('{path}'): part of the path is missing or is not a folder.", ex);
        return new ProfileStoreException(ProfileStoreException.WriteFailed, Path,
            $"The profile store '{Path}' cannot be written: {what} ('{path}'): {ex.Message}", ex);
    }
}
