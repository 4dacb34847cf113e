using System.Management.Automation;

namespace MigrationTools.Parameters;

/// <summary>The access key and secret key a -Credential carries, read alike by every cmdlet and by tab completion.</summary>
internal static class CredentialKeys
{
    /// <summary>The user name is the access key (without the leading backslash Get-Credential may add); the password the secret key.</summary>
    public static (string? AccessKey, string SecretKey) Of(PSCredential credential) =>
        (credential.UserName?.TrimStart('\\'), credential.GetNetworkCredential().Password);
}
