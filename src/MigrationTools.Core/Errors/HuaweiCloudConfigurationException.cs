namespace MigrationTools.Core.Errors;

/// <summary>The caller's input or configuration is wrong (unknown region, bad endpoint, page size out of range...).</summary>
public sealed class HuaweiCloudConfigurationException : HuaweiCloudException
{
    public HuaweiCloudConfigurationException(string errorId, string parameterName, string message)
        : base(message)
    {
        Id = errorId;
        ParameterName = parameterName;
    }

    private string Id { get; }

    /// <summary>The parameter (or setting) the message is about.</summary>
    public string ParameterName { get; }
    public override string ErrorId => Id;
}
