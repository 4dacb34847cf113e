using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Waiting;

/// <summary>A wait that ran out of time (-Timeout) while the task was still running.</summary>
public sealed class WaitTimeoutException : HuaweiCloudException
{
    public WaitTimeoutException(string message, string id) : base(message) => Id = id;

    public string Id { get; }
    public override string ErrorId => "WaitTimeout";
}
