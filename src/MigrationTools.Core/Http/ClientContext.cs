using MigrationTools.Core.Credentials;
using MigrationTools.Core.Endpoints;

namespace MigrationTools.Core.Http;

/// <summary>Everything resolved about where and as whom requests go: credentials, region, project, endpoints.</summary>
public sealed class ClientContext
{
    private readonly IReadOnlyDictionary<CloudService, Uri> _endpoints;

    public ClientContext(ISigningCredentials credentials, string? region, string? projectId, IReadOnlyDictionary<CloudService, Uri> endpoints, RetryOptions? retry = null)
    {
        Credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        Region = region;
        ProjectId = projectId;
        _endpoints = endpoints;
        Retry = retry ?? new RetryOptions();
    }

    public ISigningCredentials Credentials { get; }
    /// <summary>The region, or null when only an endpoint was given.</summary>
    public string? Region { get; }
    public string? ProjectId { get; }
    public RetryOptions Retry { get; }

    /// <summary>The largest answer, decompressed, that is read; null: $env:MIGRATIONTOOLS_MAX_RESPONSE_BYTES, else 64 MiB.</summary>
    public long? MaxResponseBytes { get; set; }

    /// <summary>The bound on requests in flight shared by every client of a command over several targets; null: none.</summary>
    public RequestGate? Gate { get; set; }

    public Uri EndpointOf(CloudService service) =>
        _endpoints.TryGetValue(service, out var uri)
            ? uri
            : throw new InvalidOperationException($"No endpoint was resolved for {service}.");

    /// <summary>A copy with the project id set (after discovery through IAM).</summary>
    public ClientContext WithProjectId(string projectId) => new(Credentials, Region, projectId, _endpoints, Retry) { MaxResponseBytes = MaxResponseBytes, Gate = Gate };
}
