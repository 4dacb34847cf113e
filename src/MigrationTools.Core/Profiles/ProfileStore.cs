using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using System.Threading;
using MigrationTools.Core.Connection;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Profiles;

/// <summary>
/// The per-user profile file, by default ~/.huaweicloud/migrationtools-profiles.json ($env:MIGRATIONTOOLS_PROFILES_FILE
/// overrides it). Secrets are stored as plain text, like the SDKs' credentials file, in a file only its owner can
/// read (0600 from creation on Linux/macOS; the private user profile ACL on Windows). Every change is a locked
/// read-modify-write that replaces the file in one rename, so readers never see a half-written file and
/// concurrent writers each keep their change. A file that cannot be read is reported and never overwritten.
/// A store reached through a symbolic link is written through to the link's target (the link stays). A failure
/// says what is wrong with which path: locked by another writer (waited for, cancellably), a read-only file
/// system or a folder that refuses writing (at once, no wait), a parent that is a file, the store being a folder.
/// </summary>
public sealed class ProfileStore
{
    public const string PathVariable = "MIGRATIONTOOLS_PROFILES_FILE";
    public const string DefaultFolderName = ".huaweicloud";
    public const string DefaultFileName = "migrationtools-profiles.json";
    public const int CurrentVersion = 1;

    /// <summary>The service keys a profile may override endpoints for: the services' host prefixes.</summary>
    public static IReadOnlyList<string> ServiceKeys { get; } = CloudService.All.Select(s => s.HostPrefix).ToArray();

    private static readonly Regex NamePattern = new("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant);

    public ProfileStore(string path, TimeSpan? lockTimeout = null)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The profile store path is empty.", nameof(path));
        Path = System.IO.Path.GetFullPath(path);
        LockTimeout = lockTimeout ?? TimeSpan.FromSeconds(10);
    }

    public string Path { get; }

    /// <summary>How long a writer waits for another writer to finish before giving up.</summary>
    public TimeSpan LockTimeout { get; }

    /// <summary>The file the profiles are in: <see cref="Path"/>, or the final target when it is a symbolic link.</summary>
    public string WriteTarget() => OwnerOnlyFile.ResolveLinks(Path);

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
        Validate(update);
        HuaweiCloudProfile? result = null;
        Modify(profiles =>
        {
            profiles.TryGetValue(update.Name, out var old);
            var ak = Pick(update.AccessKey, old?.AccessKey);
            var sk = Pick(update.SecretKey, old?.SecretKey);
            if (ak is null || sk is null)
                throw new HuaweiCloudConfigurationException("ProfileKeysMissing", ak is null ? "AccessKey" : "SecretKey",
                    $"The profile '{update.Name}' does not exist yet: give its keys (-AccessKey and -SecretKey, or -Credential).");
            var endpoints = new Dictionary<string, string>(old?.ServiceEndpoints.ToDictionary(p => p.Key, p => p.Value) ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
            if (update.ServiceEndpoints is not null)
            {
                foreach (var pair in update.ServiceEndpoints)
                {
                    var key = pair.Key.Trim().ToLowerInvariant();
                    if (string.IsNullOrWhiteSpace(pair.Value)) endpoints.Remove(key);
                    else endpoints[key] = pair.Value!.Trim();
                }
            }
            // A new key pair makes an old security token meaningless: it belongs to other (temporary) keys.
            var keysChanged = old is not null && (ak != old.AccessKey || sk != old.SecretKey);
            var token = update.SecurityToken is not null ? HuaweiCloudProfile.Blank(update.SecurityToken) : keysChanged ? null : old?.SecurityToken;
            result = new HuaweiCloudProfile(old?.Name ?? update.Name.Trim(), ak, sk, token,
                Pick(update.Region, old?.Region), Pick(update.ProjectId, old?.ProjectId), Pick(update.IamEndpoint, old?.IamEndpoint), endpoints);
            profiles[result.Name] = result;
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
        var target = WriteTarget();
        var mode = OwnerOnlyFile.UnixMode(target);
        if (mode is null || (mode.Value & 0x3F) == 0) return null; // no group or other bits
        var octal = Convert.ToString(mode.Value & 0x1FF, 8).PadLeft(4, '0');
        return $"The profile store '{target}' can be read or changed by other users (mode {octal}): the secret keys in it may have been seen. " +
               "Writing a profile makes it 0600 (owner only); rotate the keys if other users could have read them.";
    }

    /// <summary>
    /// Everything about an update that can be told without the store: the name, the endpoints and service keys, and
    /// keys given blank (a blank key would not clear it but leave the profile without one). Set checks it again; the
    /// cmdlet checks it first, so that -WhatIf says no "Create" for an update that would fail.
    /// </summary>
    public static void Validate(ProfileUpdate update)
    {
        if (update is null) throw new ArgumentNullException(nameof(update));
        ValidateName(update.Name);
        foreach (var (given, parameter) in new[] { (update.AccessKey, "AccessKey"), (update.SecretKey, "SecretKey") })
        {
            if (given is not null && string.IsNullOrWhiteSpace(given))
                throw new HuaweiCloudConfigurationException("ProfileKeyBlank", parameter,
                    $"-{parameter} is blank (with -Credential: its {(parameter == "AccessKey" ? "user name" : "password")}): give the key, or leave the parameter out to keep the stored one.");
        }
        if (update.IamEndpoint is { Length: > 0 } iam) EndpointResolver.Validate(iam, "IamEndpoint");
        if (update.ServiceEndpoints is null) return;
        foreach (var pair in update.ServiceEndpoints)
        {
            if (!ServiceKeys.Contains(pair.Key.Trim().ToLowerInvariant()))
                throw new HuaweiCloudConfigurationException("UnknownServiceKey", "ServiceEndpoint",
                    $"'{pair.Key}' is not a service this module calls. Use one of: {string.Join(", ", ServiceKeys)}.");
            if (!string.IsNullOrWhiteSpace(pair.Value)) EndpointResolver.Validate(pair.Value!, "ServiceEndpoint." + pair.Key.Trim().ToLowerInvariant());
        }
    }

    public static void ValidateName(string? name)
    {
        if (name is null || !NamePattern.IsMatch(name.Trim()))
            throw new HuaweiCloudConfigurationException("InvalidProfileName", "Name",
                $"'{name}' is not a valid profile name: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
    }

    // null keeps the stored value; "" clears it.
    private static string? Pick(string? given, string? stored) => given is null ? stored : HuaweiCloudProfile.Blank(given);

    /// <summary>
    /// Read-modify-write under the store's lock; the new file replaces the old one in one rename. Through a symbolic
    /// link, the lock, the temporary file and the rename are at the link's target, so the link stays a link.
    /// </summary>
    private void Modify(Action<Dictionary<string, HuaweiCloudProfile>> change, CancellationToken cancellationToken)
    {
        var target = ResolveTargetForWriting();
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
            var profiles = Load(); // throws on a corrupt file, so it is never overwritten
            change(profiles);
            Write(profiles, target);
        }
    }

    private string ResolveTargetForWriting()
    {
        try
        {
            return WriteTarget();
        }
        catch (NotSupportedException ex)
        {
            throw new ProfileStoreException(ProfileStoreException.LinkNotSupported, Path,
                $"The profile store '{Path}' is a symbolic link, which this PowerShell cannot follow for writing ({ex.Message}). " +
                $"Point ${"env:" + PathVariable} at the link's target instead.", ex);
        }
        catch (IOException ex)
        {
            throw new ProfileStoreException(ProfileStoreException.LinkNotSupported, Path,
                $"The profile store '{Path}' is a symbolic link whose target could not be resolved: {ex.Message} Fix the link, or point ${"env:" + PathVariable} at the real file.", ex);
        }
    }

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
                    $"Move that file away, or point ${"env:" + PathVariable} at a file in a folder.");
        }
    }

    private FileStream AcquireLock(string lockPath, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var random = new Random(Guid.NewGuid().GetHashCode());
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

    /// <summary>What a file system error means for the store, at once: never "locked" for what is not a lock.</summary>
    private ProfileStoreException Failure(Exception ex, string path, string what)
    {
        var folder = Directory.Exists(path) ? path : System.IO.Path.GetDirectoryName(path);
        if (ex is UnauthorizedAccessException)
        {
            if (Directory.Exists(Path))
                return new ProfileStoreException(ProfileStoreException.IsFolder, Path,
                    $"The profile store '{Path}' is a folder, not a file. Point ${"env:" + PathVariable} at a file (for example {System.IO.Path.Combine(Path, DefaultFileName)}).", ex);
            return new ProfileStoreException(ProfileStoreException.AccessDenied, Path,
                $"The profile store '{Path}' cannot be written: {what} ('{path}'), permission denied. " +
                $"Check the permissions of '{folder}', or point ${"env:" + PathVariable} at a file in a folder you can write.", ex);
        }
        if (OwnerOnlyFile.IsReadOnlyFileSystem(ex))
            return new ProfileStoreException(ProfileStoreException.ReadOnly, Path,
                $"The profile store '{Path}' cannot be written: '{folder}' is on a read-only file system. " +
                $"Point ${"env:" + PathVariable} at a file on a writable disk.", ex);
        if (ex is DirectoryNotFoundException)
            return new ProfileStoreException(ProfileStoreException.ParentNotFolder, Path,
                $"The profile store '{Path}' cannot be written: {what} ('{path}'): part of the path is missing or is not a folder.", ex);
        return new ProfileStoreException(ProfileStoreException.WriteFailed, Path,
            $"The profile store '{Path}' cannot be written: {what} ('{path}'): {ex.Message}", ex);
    }

    private void Write(Dictionary<string, HuaweiCloudProfile> profiles, string target)
    {
        var file = new ProfileFile
        {
            Version = CurrentVersion,
            Profiles = profiles.Values.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(p => p.Name, p => (StoredProfile?)new StoredProfile
            {
                AccessKey = p.AccessKey,
                SecretKey = p.SecretKey,
                SecurityToken = p.SecurityToken,
                Region = p.Region,
                ProjectId = p.ProjectId,
                IamEndpoint = p.IamEndpoint,
                Endpoints = p.ServiceEndpoints.Count == 0 ? null : p.ServiceEndpoints.ToDictionary(e => e.Key, e => (string?)e.Value),
            }),
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(file, ProfileJsonContext.Default.ProfileFile);
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

    private Dictionary<string, HuaweiCloudProfile> Load()
    {
        var result = new Dictionary<string, HuaweiCloudProfile>(StringComparer.OrdinalIgnoreCase);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path);
        }
        catch (FileNotFoundException) { return result; }
        catch (DirectoryNotFoundException) { return result; }
        catch (UnauthorizedAccessException ex) when (Directory.Exists(Path))
        {
            throw new ProfileStoreException(ProfileStoreException.IsFolder, Path,
                $"The profile store '{Path}' is a folder, not a file. Point ${"env:" + PathVariable} at a file (for example {System.IO.Path.Combine(Path, DefaultFileName)}).", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ProfileStoreException("ProfileStoreUnreadable", Path, $"The profile store '{Path}' could not be read: {ex.Message}", ex);
        }

        ProfileFile? file;
        try
        {
            file = JsonSerializer.Deserialize(bytes, ProfileJsonContext.Default.ProfileFile);
        }
        catch (JsonException ex)
        {
            // Only the position: the parser's message can quote the file's text, which holds secrets.
            throw Corrupt($"it is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})", ex);
        }
        if (file is null) throw Corrupt("it holds JSON null instead of the profiles object");
        if (file.Version > CurrentVersion)
            throw new ProfileStoreException("ProfileStoreTooNew", Path,
                $"The profile store '{Path}' was written by a newer MigrationTools (format version {file.Version}); update the module. The file was left unchanged.");
        foreach (var pair in file.Profiles ?? new Dictionary<string, StoredProfile?>())
        {
            var p = pair.Value;
            if (p is null || string.IsNullOrWhiteSpace(p.AccessKey) || string.IsNullOrWhiteSpace(p.SecretKey))
                throw Corrupt($"the profile '{pair.Key}' has no access_key or secret_key");
            result[pair.Key] = new HuaweiCloudProfile(pair.Key, p.AccessKey!.Trim(), p.SecretKey!.Trim(), p.SecurityToken, p.Region, p.ProjectId, p.IamEndpoint,
                p.Endpoints?.Where(e => !string.IsNullOrWhiteSpace(e.Value)).ToDictionary(e => e.Key, e => e.Value!));
        }
        return result;
    }

    private ProfileStoreException Corrupt(string problem, Exception? inner = null) =>
        new("ProfileStoreCorrupt", Path,
            $"The profile store '{Path}' is damaged: {problem}. It was left unchanged and no profile is written until it is fixed. " +
            $"Fix it in an editor, or move it away (it holds only MigrationTools profiles) and store the profiles again with Set-HuaweiCloudProfile; " +
            $"or point $env:{PathVariable} at another file.", inner);
}

internal sealed class ProfileFile
{
    [JsonPropertyName("version")] public int Version { get; set; }
    [JsonPropertyName("profiles")] public Dictionary<string, StoredProfile?>? Profiles { get; set; }
}

internal sealed class StoredProfile
{
    [JsonPropertyName("access_key")] public string? AccessKey { get; set; }
    [JsonPropertyName("secret_key")] public string? SecretKey { get; set; }
    [JsonPropertyName("security_token")] public string? SecurityToken { get; set; }
    [JsonPropertyName("region")] public string? Region { get; set; }
    [JsonPropertyName("project_id")] public string? ProjectId { get; set; }
    [JsonPropertyName("iam_endpoint")] public string? IamEndpoint { get; set; }
    [JsonPropertyName("endpoints")] public Dictionary<string, string?>? Endpoints { get; set; }
}

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProfileFile))]
internal sealed partial class ProfileJsonContext : JsonSerializerContext
{
}
