using System.Management.Automation;
using MigrationTools.Core.Errors;

namespace MigrationTools.Errors;

/// <summary>The one mapping from the core's exceptions to ErrorRecords: ErrorId, category and target.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(Exception exception, object? target)
    {
        switch (exception)
        {
            case HuaweiCloudServiceException service:
                return new ErrorRecord(service, service.ErrorId, CategoryOf(service), target);
            case MalformedResponseException malformed:
                return new ErrorRecord(malformed, malformed.ErrorId, malformed.Kind == MalformedKind.TooLarge ? ErrorCategory.LimitsExceeded : ErrorCategory.InvalidResult, target);
            case HuaweiCloudRedirectException redirect:
                return new ErrorRecord(redirect, redirect.ErrorId, ErrorCategory.ConnectionError, target);
            case HuaweiCloudTransportException transport:
                return new ErrorRecord(transport, transport.ErrorId, ErrorCategory.ConnectionError, target ?? transport.Endpoint);
            case HuaweiCloudConfigurationException config:
                return new ErrorRecord(config, config.ErrorId, ErrorCategory.InvalidArgument, target ?? config.ParameterName);
            case CredentialsRefusedException refused:
                return new ErrorRecord(refused, refused.ErrorId, ErrorCategory.AuthenticationError, target);
            case CredentialsNotFoundException missing:
                return new ErrorRecord(missing, missing.ErrorId, ErrorCategory.AuthenticationError, target);
            case ProfileStoreException store:
                return new ErrorRecord(store, store.ErrorId, CategoryOf(store), target ?? store.Path);
            case MigrationTools.Core.Credentials.MetadataUnavailableException metadata:
                return new ErrorRecord(metadata, metadata.ErrorId, ErrorCategory.AuthenticationError, target);
            case MigrationTools.Core.Waiting.WaitTimeoutException timeout:
                return new ErrorRecord(timeout, timeout.ErrorId, ErrorCategory.OperationTimeout, target ?? timeout.Id);
            case HuaweiCloudException other:
                return new ErrorRecord(other, other.ErrorId, ErrorCategory.NotSpecified, target);
            default:
                // Unexpected: show the message, keep the exception for $Error[0].Exception, never a raw stack in the message.
                return new ErrorRecord(new InvalidOperationException("MigrationTools failed unexpectedly: " + exception.Message, exception),
                    "UnexpectedError", ErrorCategory.NotSpecified, target);
        }
    }

    internal static ErrorCategory CategoryOf(ProfileStoreException e) => e.ErrorId switch
    {
        ProfileStoreException.Locked => ErrorCategory.ResourceBusy,
        ProfileStoreException.ReadOnly or ProfileStoreException.WriteFailed => ErrorCategory.WriteError,
        ProfileStoreException.AccessDenied => ErrorCategory.PermissionDenied,
        ProfileStoreException.ParentNotFolder or ProfileStoreException.IsFolder or ProfileStoreException.LinkNotSupported => ErrorCategory.InvalidArgument,
        _ => ErrorCategory.ReadError,
    };

    internal static ErrorCategory CategoryOf(HuaweiCloudServiceException e)
    {
        if (e.IsNotFound) return ErrorCategory.ObjectNotFound;
        return (int)e.StatusCode switch
        {
            400 => ErrorCategory.InvalidArgument,
            401 => ErrorCategory.AuthenticationError,
            403 => ErrorCategory.PermissionDenied,
            404 => ErrorCategory.ObjectNotFound,
            429 => ErrorCategory.LimitsExceeded,
            >= 500 => ErrorCategory.ResourceUnavailable,
            < 300 => ErrorCategory.InvalidResult, // an error_code inside a 200
            _ => ErrorCategory.NotSpecified,
        };
    }
}
