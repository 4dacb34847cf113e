using MigrationTools.Core.Connection;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Profiles;

namespace MigrationTools.Core.Credentials;

/// <summary>
/// The official SDKs' credentials file: INI, section [basic], keys ak, sk, security_token, project_id, iam_endpoint.
/// $env:HUAWEICLOUD_SDK_CREDENTIALS_FILE, else ~/.huaweicloud/credentials. A missing file or section falls through.
/// </summary>
public sealed class SdkCredentialsFileSource : ICredentialSource
{
    public const string PathVariable = "HUAWEICLOUD_SDK_CREDENTIALS_FILE";
    private readonly string _path;

    public SdkCredentialsFileSource(string path) => _path = path;

    public static string DefaultPath(IEnvironment environment) =>
        environment.Get(PathVariable) ?? Path.Combine(ProfileStore.HomeDirectory(), ProfileStore.DefaultFolderName, "credentials");

    public string Description => $"the SDKs' credentials file {_path} (section [basic], ak and sk)";

    public CredentialResolution? TryResolve(ConnectionRequest request, IEnvironment environment, CancellationToken cancellation)
    {
        string[] lines;
        try
        {
            if (!File.Exists(_path)) return null;
            lines = File.ReadAllLines(_path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HuaweiCloudConfigurationException("CredentialsFileUnreadable", PathVariable, $"The SDK credentials file '{_path}' could not be read: {ex.Message}");
        }
        var basic = ReadSection(lines, "basic");
        if (basic is null) return null;
        basic.TryGetValue("ak", out var ak);
        basic.TryGetValue("sk", out var sk);
        if (string.IsNullOrWhiteSpace(ak) || string.IsNullOrWhiteSpace(sk))
            throw new HuaweiCloudConfigurationException("CredentialsFileIncomplete", PathVariable,
                $"The [basic] section of the SDK credentials file '{_path}' lacks {(string.IsNullOrWhiteSpace(ak) ? "ak" : "sk")}. Give both ak and sk, or remove the section.");
        basic.TryGetValue("security_token", out var token);
        basic.TryGetValue("project_id", out var projectId);
        basic.TryGetValue("iam_endpoint", out var iam);
        return new CredentialResolution(
            new FixedSigningCredentials(new HuaweiCloudCredentials(ak!, sk!, token, $"SDK credentials file '{_path}'")),
            region: null, projectId: HuaweiCloudProfile.Blank(projectId), iamEndpoint: HuaweiCloudProfile.Blank(iam));
    }

    /// <summary>The keys of one section (Python configparser style: key = value or key: value, ; and # comments), or null.</summary>
    private static readonly char[] KeyValueSeparators = { '=', ':' };

    internal static Dictionary<string, string>? ReadSection(IEnumerable<string> lines, string section)
    {
        Dictionary<string, string>? found = null;
        var inSection = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || line[0] == ';') continue;
            if (line[0] == '[' && line.EndsWith("]", StringComparison.Ordinal))
            {
                inSection = string.Equals(line.Substring(1, line.Length - 2).Trim(), section, StringComparison.Ordinal);
                if (inSection) found ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                continue;
            }
            if (!inSection) continue;
            var cut = line.IndexOfAny(KeyValueSeparators);
            if (cut <= 0) continue;
            found![line.Substring(0, cut).Trim()] = line.Substring(cut + 1).Trim();
        }
        return found;
    }
}
