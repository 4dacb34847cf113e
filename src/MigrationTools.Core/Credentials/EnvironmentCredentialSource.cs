using MigrationTools.Core.Connection;
using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Credentials;

/// <summary>The official SDKs' variables HUAWEICLOUD_SDK_AK, _SK and _SECURITY_TOKEN.</summary>
public sealed class EnvironmentCredentialSource : ICredentialSource
{
    public const string AccessKeyVariable = "HUAWEICLOUD_SDK_AK";
    public const string SecretKeyVariable = "HUAWEICLOUD_SDK_SK";
    public const string SecurityTokenVariable = "HUAWEICLOUD_SDK_SECURITY_TOKEN";

    public string Description => "$env:HUAWEICLOUD_SDK_AK and $env:HUAWEICLOUD_SDK_SK (with $env:HUAWEICLOUD_SDK_SECURITY_TOKEN)";

    public CredentialResolution? TryResolve(ConnectionRequest request, IEnvironment environment, CancellationToken cancellation)
    {
        var ak = environment.Get(AccessKeyVariable);
        var sk = environment.Get(SecretKeyVariable);
        if (ak is null && sk is null) return null;
        if (ak is null || sk is null)
            throw new HuaweiCloudConfigurationException("EnvironmentCredentialsIncomplete", ak is null ? AccessKeyVariable : SecretKeyVariable,
                $"${"env:" + (ak is null ? SecretKeyVariable : AccessKeyVariable)} is set but ${"env:" + (ak is null ? AccessKeyVariable : SecretKeyVariable)} is not. Set both, or neither.");
        return new CredentialResolution(new FixedSigningCredentials(
            new HuaweiCloudCredentials(ak, sk, environment.Get(SecurityTokenVariable), "environment variables HUAWEICLOUD_SDK_AK/SK")));
    }
}
