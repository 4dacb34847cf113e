namespace MigrationTools.Core.Errors;

/// <summary>
/// The request could not be completed: the endpoint did not answer (EndpointUnreachable), or it answered and the
/// connection closed before the whole body came (ResponseCutOff); either kept failing until the retries ran out.
/// </summary>
public sealed class HuaweiCloudTransportException : HuaweiCloudException
{
    public HuaweiCloudTransportException(string operation, Uri endpoint, string problem, Exception? inner = null)
        : this(operation, endpoint, "EndpointUnreachable", $"{operation} could not reach {endpoint.GetLeftPart(UriPartial.Authority)}: {problem}", inner)
    {
    }

    private HuaweiCloudTransportException(string operation, Uri endpoint, string errorId, string message, Exception? inner)
        : base(message, inner)
    {
        Operation = operation;
        Endpoint = endpoint;
        ErrorId = errorId;
    }

    /// <summary>The endpoint answered, but every attempt's body was cut off before its end.</summary>
    public static HuaweiCloudTransportException CutOff(string operation, Uri endpoint, string problem, Exception inner) =>
        new(operation, endpoint, "ResponseCutOff", $"{operation}: the answer of {endpoint.GetLeftPart(UriPartial.Authority)} was cut off: {problem}", inner);

    public string Operation { get; }
    public Uri Endpoint { get; }
    public override string ErrorId { get; }
}
