namespace MigrationTools.Core.Errors;

/// <summary>The profile store cannot be read or written (damaged, locked, too new). Names the file, never its contents.</summary>
public sealed class ProfileStoreException : HuaweiCloudException
{
    /// <summary>Another writer held the lock for the whole timeout.</summary>
    public const string Locked = "ProfileStoreLocked";
    /// <summary>The store's folder is on a read-only file system (EROFS).</summary>
    public const string ReadOnly = "ProfileStoreReadOnly";
    /// <summary>The folder or a file refuses writing (EACCES / access denied).</summary>
    public const string AccessDenied = "ProfileStoreAccessDenied";
    /// <summary>A parent of the store is a file, or part of the path cannot exist.</summary>
    public const string ParentNotFolder = "ProfileStoreParentNotFolder";
    /// <summary>The store path is a folder.</summary>
    public const string IsFolder = "ProfileStoreIsFolder";
    /// <summary>The store is a symbolic link that cannot be followed for writing.</summary>
    public const string LinkNotSupported = "ProfileStoreLinkNotFollowed";
    /// <summary>Any other write failure (disk full...), with the system's message.</summary>
    public const string WriteFailed = "ProfileStoreWriteFailed";

    public ProfileStoreException(string errorId, string path, string message, Exception? inner = null) : base(message, inner)
    {
        Id = errorId;
        Path = path;
    }

    private string Id { get; }

    /// <summary>The store file.</summary>
    public string Path { get; }
    public override string ErrorId => Id;
}
