using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Credentials;

/// <summary>The metadata service could not give credentials. The reason names no value.</summary>
public sealed class MetadataUnavailableException : HuaweiCloudException
{
    public MetadataUnavailableException(string reason)
        : base("Temporary credentials could not be read from the ECS instance metadata: " + reason + ".") => Reason = reason;

    public string Reason { get; }
    public override string ErrorId => "MetadataCredentialsUnavailable";
}
