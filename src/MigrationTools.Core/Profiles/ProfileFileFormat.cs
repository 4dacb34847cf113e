using System.Text.Json;
using System.Text.Json.Serialization;
using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Profiles;

/// <summary>
/// The profile file's format: {"version": 1, "profiles": {"name": {"access_key", "secret_key", ...}}}. Version 2 adds
/// profiles without keys ("credential_source": "ecs_metadata", or "source_profile" with "agency_domain" and
/// "agency_name"); a file is written as version 1 while it holds none, so an older module still reads it, and an
/// older module told version 2 says to update instead of calling the file damaged. Reads bytes into profiles and
/// writes profiles into bytes; a file it cannot read is reported by position only,
/// since the parser's message can quote the file's text, which holds secrets.
/// </summary>
internal static class ProfileFileFormat
{
    public const int CurrentVersion = 2;
    private const int KeysOnlyVersion = 1;
    private const string EcsMetadataSource = "ecs_metadata";

    /// <summary>The profiles of a file's bytes, keyed by name (case-insensitive).</summary>
    /// <param name="path">The store's path, for errors.</param>
    public static Dictionary<string, HuaweiCloudProfile> Read(byte[] bytes, string path)
    {
        ProfileFile? file;
        try
        {
            file = JsonSerializer.Deserialize(bytes, ProfileJsonContext.Default.ProfileFile);
        }
        catch (JsonException ex)
        {
            throw Corrupt(path, $"it is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})", ex);
        }
        if (file is null) throw Corrupt(path, "it holds JSON null instead of the profiles object");
        if (file.Version > CurrentVersion)
            throw new ProfileStoreException("ProfileStoreTooNew", path,
                $"The profile store '{path}' was written by a newer MigrationTools (format version {file.Version}); update the module. The file was left unchanged.");
        var result = new Dictionary<string, HuaweiCloudProfile>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in file.Profiles ?? new Dictionary<string, StoredProfile?>())
            result[pair.Key] = ToProfile(pair.Key, pair.Value, path);
        return result;
    }

    private static HuaweiCloudProfile ToProfile(string name, StoredProfile? p, string path)
    {
        if (p is null) throw Corrupt(path, $"the profile '{name}' is null");
        var endpoints = p.Endpoints?.Where(e => !string.IsNullOrWhiteSpace(e.Value)).ToDictionary(e => e.Key, e => e.Value!);
        AgencyRole? agency = null;
        if (p.SourceProfile is not null || p.AgencyDomain is not null || p.AgencyName is not null)
        {
            if (string.IsNullOrWhiteSpace(p.SourceProfile) || string.IsNullOrWhiteSpace(p.AgencyDomain) || string.IsNullOrWhiteSpace(p.AgencyName))
                throw Corrupt(path, $"the profile '{name}' lacks one of source_profile, agency_domain and agency_name");
            if (p.AgencyDurationSeconds is < AgencyRole.MinDurationSeconds or > AgencyRole.MaxDurationSeconds)
                throw Corrupt(path, $"the agency_duration_seconds of profile '{name}' is not from {AgencyRole.MinDurationSeconds} to {AgencyRole.MaxDurationSeconds}");
            agency = new AgencyRole(p.SourceProfile!, p.AgencyDomain!, p.AgencyName!, p.AgencyDurationSeconds);
        }
        var metadata = string.Equals(p.CredentialSource, EcsMetadataSource, StringComparison.Ordinal);
        if (p.CredentialSource is not null && !metadata)
            throw Corrupt(path, $"the credential_source of profile '{name}' is not '{EcsMetadataSource}'");
        if (agency is null && !metadata && (string.IsNullOrWhiteSpace(p.AccessKey) || string.IsNullOrWhiteSpace(p.SecretKey)))
            throw Corrupt(path, $"the profile '{name}' has no access_key or secret_key");
        return new HuaweiCloudProfile(name, p.AccessKey?.Trim(), p.SecretKey?.Trim(), p.SecurityToken, p.Region, p.ProjectId, p.IamEndpoint, endpoints, agency, metadata);
    }

    /// <summary>The file's bytes for these profiles, sorted by name.</summary>
    public static byte[] Write(IEnumerable<HuaweiCloudProfile> profiles)
    {
        var list = profiles.ToList();
        var file = new ProfileFile
        {
            Version = list.All(p => p.AccessKey is not null) ? KeysOnlyVersion : CurrentVersion,
            Profiles = list.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(p => p.Name, p => (StoredProfile?)new StoredProfile
            {
                AccessKey = p.AccessKey,
                SecretKey = p.SecretKey,
                SecurityToken = p.SecurityToken,
                Region = p.Region,
                ProjectId = p.ProjectId,
                IamEndpoint = p.IamEndpoint,
                Endpoints = p.ServiceEndpoints.Count == 0 ? null : p.ServiceEndpoints.ToDictionary(e => e.Key, e => (string?)e.Value),
                CredentialSource = p.UsesEcsMetadata ? EcsMetadataSource : null,
                SourceProfile = p.Agency?.SourceProfileName,
                AgencyDomain = p.Agency?.DomainName,
                AgencyName = p.Agency?.AgencyName,
                AgencyDurationSeconds = p.Agency?.DurationSeconds,
            }),
        };
        return JsonSerializer.SerializeToUtf8Bytes(file, ProfileJsonContext.Default.ProfileFile);
    }

    private static ProfileStoreException Corrupt(string path, string problem, Exception? inner = null) =>
        new("ProfileStoreCorrupt", path,
            $"The profile store '{path}' is damaged: {problem}. It was left unchanged and no profile is written until it is fixed. " +
            $"Fix it in an editor, or move it away (it holds only MigrationTools profiles) and store the profiles again with Set-HuaweiCloudProfile; " +
            $"or point $env:{ProfileStore.PathVariable} at another file.", inner);
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
    [JsonPropertyName("credential_source")] public string? CredentialSource { get; set; }
    [JsonPropertyName("source_profile")] public string? SourceProfile { get; set; }
    [JsonPropertyName("agency_domain")] public string? AgencyDomain { get; set; }
    [JsonPropertyName("agency_name")] public string? AgencyName { get; set; }
    [JsonPropertyName("agency_duration_seconds")] public int? AgencyDurationSeconds { get; set; }
}

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProfileFile))]
internal sealed partial class ProfileJsonContext : JsonSerializerContext
{
}
