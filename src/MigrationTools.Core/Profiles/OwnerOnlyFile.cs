using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace MigrationTools.Core.Profiles;

/// <summary>
/// Files and folders only their owner can read. On Linux and macOS a file is created by mkstemp(3), which makes it
/// 0600 atomically (netstandard2.0 has no UnixCreateMode, and chmod after creation would leave a window in which
/// another user could open it); folders are chmod 0700 right after creation, while still empty. On Windows the
/// user profile folder's inherited ACL is already private to the user, so nothing is changed there.
/// </summary>
internal static class OwnerOnlyFile
{
    public static bool IsUnix { get; } = !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>Creates the folder (and its parents) when missing; the folder created last is made 0700.</summary>
    public static void EnsureDirectory(string directory)
    {
        if (Directory.Exists(directory)) return;
        Directory.CreateDirectory(directory);
        if (IsUnix) Chmod(directory, Convert.ToInt32("700", 8));
    }

    /// <summary>A new, empty file next to <paramref name="target"/>, readable and writable by its owner only, opened for writing.</summary>
    public static FileStream CreateTemp(string target, out string tempPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(target))!;
        var prefix = Path.Combine(directory, "." + Path.GetFileName(target) + ".");
        if (!IsUnix)
        {
            tempPath = prefix + Guid.NewGuid().ToString("N") + ".tmp";
            return new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
        var template = Encoding.UTF8.GetBytes(prefix + "XXXXXX\0");
        var fd = Native.Mkstemp(template);
        if (fd < 0)
        {
            var errno = Marshal.GetLastWin32Error();
            // HResult = errno, as .NET's own IOExceptions on Unix, so the caller can tell EROFS and EACCES apart.
            if (errno == EACCES || errno == EPERM) throw new UnauthorizedAccessException($"Could not create a temporary file in '{directory}': permission denied (errno {errno}).");
            throw new IOException($"Could not create a temporary file in '{directory}' (errno {errno}).", errno);
        }
        tempPath = Encoding.UTF8.GetString(template, 0, template.Length - 1);
        return new FileStream(new SafeFileHandle(new IntPtr(fd), ownsHandle: true), FileAccess.Write);
    }

    /// <summary>Moves <paramref name="source"/> over <paramref name="target"/> in one step (rename(2) on Unix, ReplaceFile on Windows).</summary>
    public static void ReplaceOrMove(string source, string target)
    {
        // netstandard2.0 has no File.Move(overwrite); File.Replace needs an existing target. The caller holds the
        // store's lock, so whether the target exists cannot change between the check and the move.
        if (File.Exists(target)) File.Replace(source, target, destinationBackupFileName: null, ignoreMetadataErrors: true);
        else File.Move(source, target);
    }

    private const int EPERM = 1, EAGAIN = 11, EACCES = 13, EROFS = 30, EWOULDBLOCK_BSD = 35;

    /// <summary>
    /// Whether opening with FileShare.None failed because another handle holds the lock: EWOULDBLOCK from flock(2)
    /// on Linux (11) and macOS (35), which .NET puts in HResult; ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION on
    /// Windows. Anything else (read-only file system, permissions) is not worth waiting for.
    /// </summary>
    public static bool IsHeldByAnother(IOException ex)
    {
        if (ex is FileNotFoundException or DirectoryNotFoundException or PathTooLongException) return false;
        if (!IsUnix) return ex.HResult == unchecked((int)0x80070020) || ex.HResult == unchecked((int)0x80070021);
        return ex.HResult == EAGAIN || ex.HResult == EWOULDBLOCK_BSD;
    }

    /// <summary>EROFS on Linux/macOS (30 on both), ERROR_WRITE_PROTECT on Windows.</summary>
    public static bool IsReadOnlyFileSystem(Exception ex) =>
        ex is IOException && (IsUnix ? ex.HResult == EROFS : ex.HResult == unchecked((int)0x80070013));

    // .NET 7+ (PowerShell 7.3+) has these; netstandard2.0 does not declare them, and Windows PowerShell 5.1
    // (.NET Framework) has none: found once by reflection, absent means "not available here".
    private static readonly System.Reflection.MethodInfo? GetUnixFileMode =
        typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
    private static readonly System.Reflection.MethodInfo? ResolveLinkTarget =
        typeof(File).GetMethod("ResolveLinkTarget", new[] { typeof(string), typeof(bool) });

    /// <summary>The permission bits of an existing file (Linux/macOS on .NET 7+), else null.</summary>
    public static int? UnixMode(string path)
    {
        if (!IsUnix || GetUnixFileMode is null || !File.Exists(path)) return null;
        try { return Convert.ToInt32(GetUnixFileMode.Invoke(null, new object[] { path }), System.Globalization.CultureInfo.InvariantCulture); }
        catch (System.Reflection.TargetInvocationException) { return null; }
    }

    /// <summary>
    /// The final target of a symbolic link (a chain of links included; the target need not exist yet), or the path
    /// itself when it is not a link. NotSupportedException when it is a link this runtime cannot resolve.
    /// </summary>
    public static string ResolveLinks(string path)
    {
        FileAttributes attributes;
        try { attributes = File.GetAttributes(path); }
        catch (FileNotFoundException) { return path; }
        catch (DirectoryNotFoundException) { return path; }
        catch (UnauthorizedAccessException) { return path; }
        if ((attributes & FileAttributes.ReparsePoint) == 0) return path;
        if (ResolveLinkTarget is null) throw new NotSupportedException("symbolic links are followed for writing on PowerShell 7 only");
        try
        {
            var target = (FileSystemInfo?)ResolveLinkTarget.Invoke(null, new object[] { path, true });
            return target is null ? path : System.IO.Path.GetFullPath(target.FullName);
        }
        catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is IOException io)
        {
            throw new IOException(io.Message, io);
        }
    }

    public static void Chmod(string path, int mode)
    {
        if (IsUnix && Native.Chmod(path, mode) != 0)
            throw new IOException($"Could not set the permissions of '{path}' (errno {Marshal.GetLastWin32Error()}).");
    }

    /// <summary>libc, found as "libc" (macOS, most Linux) or "libc.so.6" (glibc without the development symlink).</summary>
    private static class Native
    {
        private static bool _useVersioned;

        public static int Mkstemp(byte[] template)
        {
            if (!_useVersioned)
            {
                try { return Libc.mkstemp(template); }
                catch (DllNotFoundException) { _useVersioned = true; }
                catch (EntryPointNotFoundException) { _useVersioned = true; }
            }
            return Libc6.mkstemp(template);
        }

        public static int Chmod(string pathText, int mode)
        {
            var path = Encoding.UTF8.GetBytes(pathText + "\0");
            if (!_useVersioned)
            {
                try { return Libc.chmod(path, mode); }
                catch (DllNotFoundException) { _useVersioned = true; }
                catch (EntryPointNotFoundException) { _useVersioned = true; }
            }
            return Libc6.chmod(path, mode);
        }

        private static class Libc
        {
            [DllImport("libc", SetLastError = true)] public static extern int mkstemp(byte[] template);
            [DllImport("libc", SetLastError = true)] public static extern int chmod(byte[] path, int mode);
        }

        private static class Libc6
        {
            [DllImport("libc.so.6", SetLastError = true)] public static extern int mkstemp(byte[] template);
            [DllImport("libc.so.6", SetLastError = true)] public static extern int chmod(byte[] path, int mode);
        }
    }
}
