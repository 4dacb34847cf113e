using MigrationTools.Core.Connection;
using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Profiles;

/// <summary>
/// The per-user profile store, by default ~/.huaweicloud/migrationtools-profiles.json ($env:MIGRATIONTOOLS_PROFILES_FILE
/// overrides it): finds, lists, sets and removes profiles. Secrets are stored as plain text, like the SDKs'
/// credentials file, in a file only its owner can read. The file's format is <see cref="ProfileFileFormat"/>'s; every
/// change is a read-modify-write by <see cref="LockedAtomicWriter"/>. A file that cannot be read is reported and
/// never overwritten.
/// </summary>
public sealed class ProfileStore
{
    public const string PathVariable = "MIGRATIONTOOLS_PROFILES_FILE";
    public const string DefaultFolderName = ".huaweicloud";
    public const string DefaultFileName = "migrationtools-profiles.json";

    private readonly LockedAtomicWriter _writer;

    public ProfileStore(string path, TimeSpan? lockTimeout = null)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The profile store path is empty.", nameof(path));
        Path = System.IO.Path.GetFullPath(path);
        _writer = new LockedAtomicWriter(Path, lockTimeout ?? TimeSpan.FromSeconds(10));
    }

    public string Path { get; }

    /// <summary>Told, with a sentence to show, when a change finds the store locked by another writer and waits for it.</summary>
    public Action<string>? LockWaiting
    {
        get => _writer.LockWaiting;
        set => _writer.LockWaiting = value;
    }

    /// <summary>The store of this user: $env:MIGRATIONTOOLS_PROFILES_FILE, else ~/.huaweicloud/migrationtools-profiles.json.</summary>
    public static ProfileStore FromEnvironment(IEnvironment environment) => new(DefaultPath(environment));

    public static string DefaultPath(IEnvironment environment) =>
        environment.Get(PathVariable) ?? System.IO.Path.Combine(HomeDirectory(), DefaultFolderName, DefaultFileName);

    internal static string HomeDirectory()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home)) home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetEnvironmentVariable("USERPROFILE");
        if (string.IsNullOrEmpty(home))
            throw new HuaweiCloudConfigurationException("NoHomeDirectory", PathVariable,
                $"This account has no home directory to keep profiles in. Set $env:{PathVariable} to the file to use.");
        return home!;
    }

    /// <summary>Every profile, sorted by name. A missing file is an empty store.</summary>
    public IReadOnlyList<HuaweiCloudProfile> List() => Load().Values.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Every profile by name (case-insensitive), read once.</summary>
    public IReadOnlyDictionary<string, HuaweiCloudProfile> All() => Load();

    /// <summary>The profile of that name (case-insensitive), or null.</summary>
    public HuaweiCloudProfile? Find(string name) => Load().TryGetValue(name.Trim(), out var p) ? p : null;

    /// <summary>The profile of that name; an error naming the known profiles when there is none.</summary>
    public HuaweiCloudProfile Require(string name, string parameterName, string how)
    {
        var profiles = Load();
        if (profiles.TryGetValue(name.Trim(), out var profile)) return profile;
        throw NotFound(name, parameterName, how, profiles.Keys);
    }

    /// <summary>The "no such profile" error: names the store, lists the known names and shows the command that creates it.</summary>
    public HuaweiCloudConfigurationException NotFound(string name, string parameterName, string how, IEnumerable<string> known)
    {
        var names = known.OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
        return new HuaweiCloudConfigurationException("ProfileNotFound", parameterName,
            $"There is no profile named '{name}' ({how}) in '{Path}'. " +
            (names.Count == 0 ? "No profiles are stored yet." : "Known profiles: " + string.Join(", ", names) + ".") +
            $" Create it with: Set-HuaweiCloudProfile -Name {name} -AccessKey <AK> -SecretKey <SK> -Region <region>");
    }

    /// <summary>Creates or updates a profile and returns it as stored.</summary>
    /// <param name="cancellationToken">Ends the wait for another writer's lock (Ctrl+C) with an OperationCanceledException.</param>
    public HuaweiCloudProfile Set(ProfileUpdate update, CancellationToken cancellationToken = default)
    {
        if (update is null) throw new ArgumentNullException(nameof(update));
        update.Validate();
        HuaweiCloudProfile? result = null;
        Modify(profiles =>
        {
            profiles.TryGetValue(update.Name, out var old);
            result = update.ApplyTo(old);
            profiles[result.Name] = result;
            // A source that is missing or leads back here is refused now, not at the first command that signs with it.
            AgencyRole.SourceChain(result, profiles, this);
        }, cancellationToken);
        return result!;
    }

    /// <summary>Removes a profile; false when there was none of that name.</summary>
    public bool Remove(string name, CancellationToken cancellationToken = default)
    {
        var removed = false;
        Modify(profiles => removed = profiles.Remove(name.Trim()), cancellationToken);
        return removed;
    }

    /// <summary>
    /// A warning when the store (or the file its link points to) can be read or written by other users than its
    /// owner (Linux/macOS; null otherwise). Such a file is tightened to 0600 by the next write, which this says,
    /// since the secrets in it may already have been read.
    /// </summary>
    public string? ExposureWarning()
    {
        var target = _writer.Target();
        var mode = OwnerOnlyFile.UnixMode(target);
        if (mode is null || (mode.Value & 0x3F) == 0) return null; // no group or other bits
        var octal = Convert.ToString(mode.Value & 0x1FF, 8).PadLeft(4, '0');
        return $"The profile store '{target}' can be read or changed by other users (mode {octal}): the secret keys in it may have been seen. " +
               "Writing a profile makes it 0600 (owner only); rotate the keys if other users could have read them.";
    }

    internal static ProfileStoreException IsFolderError(string path, Exception inner) =>
        new(ProfileStoreException.IsFolder, path,
            $"The profile store '{path}' is a folder, not a file. Point ${"env:" + PathVariable} at a file (for example {System.IO.Path.Combine(path, DefaultFileName)}).", inner);

    // The file is read again under the lock, and a damaged one throws there, so it is never overwritten.
    private void Modify(Action<Dictionary<string, HuaweiCloudProfile>> change, CancellationToken cancellationToken) =>
        _writer.Replace(() =>
        {
            var profiles = Load();
            change(profiles);
            return ProfileFileFormat.Write(profiles.Values);
        }, cancellationToken);

    private Dictionary<string, HuaweiCloudProfile> Load()
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path);
        }
        catch (FileNotFoundException) { return new Dictionary<string, HuaweiCloudProfile>(StringComparer.OrdinalIgnoreCase); }
        catch (DirectoryNotFoundException) { return new Dictionary<string, HuaweiCloudProfile>(StringComparer.OrdinalIgnoreCase); }
        catch (UnauthorizedAccessException ex) when (Directory.Exists(Path))
        {
            throw IsFolderError(Path, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ProfileStoreException("ProfileStoreUnreadable", Path, $"The profile store '{Path}' could not be read: {ex.Message}", ex);
        }
        return ProfileFileFormat.Read(bytes, Path);
    }
}
