using MigrationTools.Core.Connection;
using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Credentials;

/// <summary>-AccessKey/-SecretKey or -Credential on the command.</summary>
public sealed class ParameterCredentialSource : ICredentialSource
{
    public string Description => "-AccessKey/-SecretKey or -Credential on the command";

    public CredentialResolution? TryResolve(ConnectionRequest request, IEnvironment environment, CancellationToken cancellation)
    {
        var hasAk = !string.IsNullOrWhiteSpace(request.AccessKey);
        var hasSk = !string.IsNullOrWhiteSpace(request.SecretKey);
        if (!hasAk && !hasSk) return null;
        if (!hasAk) throw new HuaweiCloudConfigurationException("AccessKeyMissing", "AccessKey",
            "A secret key was given without an access key. Give -AccessKey with -SecretKey, or -Credential whose user name is the access key.");
        if (!hasSk) throw new HuaweiCloudConfigurationException("SecretKeyMissing", "SecretKey",
            "An access key was given without a secret key (-SecretKey, or the password of -Credential, is empty). Give both.");
        return new CredentialResolution(new FixedSigningCredentials(
            new HuaweiCloudCredentials(request.AccessKey!, request.SecretKey!, request.SecurityToken, "command-line parameters")));
    }
}
