namespace MigrationTools.Core.Errors;

/// <summary>No source in the credential chain gave credentials.</summary>
public sealed class CredentialsNotFoundException : HuaweiCloudException
{
    public CredentialsNotFoundException(string message) : base(message) { }
    public override string ErrorId => "CredentialsNotFound";
}
