using System.Net;

namespace MigrationTools.Core.Errors;

/// <summary>The base of every error the client library raises on purpose. Messages never hold secrets.</summary>
public abstract class HuaweiCloudException : Exception
{
    protected HuaweiCloudException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>A stable, specific identifier for the ErrorRecord (e.g. "ServiceError.DCS.4133").</summary>
    public abstract string ErrorId { get; }

    /// <summary>
    /// The failure would fail every other request of the command too (a wrong setting, no or bad credentials, 401
    /// and 403, an endpoint that does not answer): a command over many inputs stops rather than try each one, and
    /// sends no more badly signed requests (five in a row lock the access key).
    /// </summary>
    public bool FailsEveryRequest =>
        this is HuaweiCloudConfigurationException or CredentialsNotFoundException or HuaweiCloudTransportException
            or ProfileStoreException or Credentials.MetadataUnavailableException or CredentialsRefusedException
        || (this is HuaweiCloudServiceException s && (s.StatusCode == HttpStatusCode.Unauthorized || s.StatusCode == HttpStatusCode.Forbidden));
}
