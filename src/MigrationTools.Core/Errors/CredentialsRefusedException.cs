namespace MigrationTools.Core.Errors;

/// <summary>
/// Not sent: the gateway refused signatures of this access key and secret key before, in this process; sending more
/// would walk the key into the gateway's lockout.
/// </summary>
public sealed class CredentialsRefusedException : HuaweiCloudException
{
    internal CredentialsRefusedException(Credentials.HuaweiCloudCredentials credentials, int refusals, HuaweiCloudServiceException? last)
        : base(Compose(credentials, refusals, last))
    {
        AccessKey = credentials.MaskedAccessKey;
        Refusals = refusals;
    }

    /// <summary>The access key, masked.</summary>
    public string AccessKey { get; }

    /// <summary>How many signatures of the pair the gateway refused in this process.</summary>
    public int Refusals { get; }

    public override string ErrorId => "CredentialsRefused";

    private static string Compose(Credentials.HuaweiCloudCredentials c, int refusals, HuaweiCloudServiceException? last)
    {
        var what = last is null ? "" : $" (last: {last.ErrorCode ?? "HTTP " + (int)last.StatusCode}{(string.IsNullOrWhiteSpace(last.ErrorMessage) ? "" : " '" + last.ErrorMessage!.TrimEnd('.') + "'")}, request id {last.RequestId ?? "(none)"})";
        return $"Not sent: the gateway refused the signature made with access key {c.MaskedAccessKey} and this secret key"
            + $"{(c.SecurityToken is null ? "" : " and security token")} ({c.Source}) {(refusals == 1 ? "once" : refusals + " times")} in this PowerShell process{what}."
            + " More refused signatures would lock the key: five in a row lock it for about five minutes, for every program that uses it."
            + " Correct the secret key (-SecretKey, the profile, or $env:HUAWEICLOUD_SDK_SK): a changed key pair is tried at once."
            + " If these keys are right and the cause is fixed (this computer's clock, a key just created), start a new PowerShell session to try them again.";
    }
}
