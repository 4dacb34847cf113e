using System.Collections.Concurrent;
using MigrationTools.Core.Credentials;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Connection;

/// <summary>
/// Finds the project id of a region when none is given, as the SDKs do: IAM KeystoneListProjects
/// (GET /v3/projects?name={region}), signed with the same credentials, no X-Project-Id. The single match is used;
/// the answer is cached per access key, region and IAM endpoint for the process, so a session asks once.
/// </summary>
public static class ProjectIdDiscovery
{
    private static bool IsCompletedSuccessfully(this Task task) => task.Status == TaskStatus.RanToCompletion;

    public const string IamEndpointVariable = "HUAWEICLOUD_SDK_IAM_ENDPOINT";
    public const string GlobalIamEndpoint = "https://iam.myhuaweicloud.com";

    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Cache = new(StringComparer.Ordinal);

    /// <summary>Forgets every discovered project id (tests).</summary>
    public static void ClearCache() => Cache.Clear();

    /// <summary>
    /// The IAM endpoint: the profile's, else $env:HUAWEICLOUD_SDK_IAM_ENDPOINT, else -Endpoint (an emulator or a
    /// gateway that serves IAM too), else the region table, else the global https://iam.myhuaweicloud.com.
    /// </summary>
    public static Uri IamEndpointFor(ConnectionRequest request, CredentialResolution credentials, string? region, IEnvironment environment)
    {
        var fromProfile = credentials.IamEndpoint ?? credentials.EndpointFor(CloudService.Iam);
        if (!string.IsNullOrWhiteSpace(fromProfile)) return EndpointResolver.Validate(fromProfile!, "the profile's IAM endpoint");
        if (environment.Get(IamEndpointVariable) is { } fromEnvironment) return EndpointResolver.Validate(fromEnvironment, "$env:" + IamEndpointVariable);
        if (!string.IsNullOrWhiteSpace(request.Endpoint)) return EndpointResolver.Validate(request.Endpoint!, "Endpoint");
        return (region is null ? null : RegionTable.EndpointOf(CloudService.Iam, region)) ?? new Uri(GlobalIamEndpoint);
    }

    private static string KeyOf(string accessKey, string region, Uri iamEndpoint) =>
        string.Join("\n", accessKey, region, iamEndpoint.GetLeftPart(UriPartial.Path).TrimEnd('/'));

    /// <summary>The project id of <paramref name="region"/> for these credentials (cached).</summary>
    public static async Task<string> DiscoverAsync(ISigningCredentials credentials, string region, Uri iamEndpoint, RetryOptions retry, IOperationHost host,
        CancellationToken cancellationToken)
    {
        var current = await credentials.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        var key = KeyOf(current.AccessKey, region, iamEndpoint);
        // The shared lookup is not tied to the first caller's cancellation (Ctrl+C in one session must not fail
        // another's); each caller stops waiting on its own token. The retry pipeline's total timeout bounds it.
        var lazy = Cache.GetOrAdd(key, _ => new Lazy<Task<string>>(() => AskAsync(credentials, region, iamEndpoint, retry, host, CancellationToken.None)));
        try
        {
            var task = lazy.Value;
            if (!task.IsCompleted && cancellationToken.CanBeCanceled)
            {
                var cancelled = new TaskCompletionSource<bool>();
                using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
                {
                    if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task) throw new OperationCanceledException(cancellationToken);
                }
            }
            var id = await task.ConfigureAwait(false);
            host.Log(LogLevel.Debug, $"Project id of {region}: {id} (from IAM at {iamEndpoint.GetLeftPart(UriPartial.Authority)}).");
            return id;
        }
        catch (Exception) when (lazy.IsValueCreated && lazy.Value.IsCompleted && !lazy.Value.IsCompletedSuccessfully())
        {
            // Only answers are remembered: after a failure the next call asks again.
            Cache.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>
    /// Every enabled project IAM lists for these credentials (GET /v3/projects, no filter), in IAM's order; each region
    /// named by exactly one project is remembered as <see cref="DiscoverAsync"/> would remember it, under the IAM
    /// endpoint <paramref name="iamFor"/> gives for that region, so the regions of a command over several cost this one
    /// request.
    /// </summary>
    public static async Task<IReadOnlyList<(string Name, string Id)>> ListAsync(ISigningCredentials credentials, Uri iamEndpoint, Func<string, Uri> iamFor,
        RetryOptions retry, IOperationHost host, CancellationToken cancellationToken)
    {
        if (credentials is null) throw new ArgumentNullException(nameof(credentials));
        if (iamFor is null) throw new ArgumentNullException(nameof(iamFor));
        host.Log(LogLevel.Verbose, $"Asking IAM at {iamEndpoint.GetLeftPart(UriPartial.Authority)} for the projects of the account.");
        var context = new ClientContext(credentials, region: null, projectId: null, new Dictionary<CloudService, Uri> { [CloudService.Iam] = iamEndpoint }, retry);
        var client = new HuaweiCloudClient(context, host);
        var request = new ApiRequest(CloudService.Iam, "IAM KeystoneListProjects", "/v3/projects") { SendProjectId = false };
        var answer = await client.SendAsync(request, MigrationJsonContext.Default.IamProjectList, cancellationToken).ConfigureAwait(false);
        var projects = (answer.Projects ?? new List<IamProject>())
            .Where(p => p.Enabled != false && !string.IsNullOrWhiteSpace(p.Name) && !string.IsNullOrWhiteSpace(p.Id))
            .Select(p => (Name: p.Name!, Id: p.Id!)).ToList();
        var current = await credentials.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var group in projects.GroupBy(p => p.Name, StringComparer.Ordinal))
        {
            var ids = group.Select(p => p.Id).Distinct().ToList();
            if (ids.Count != 1) continue;
            var key = KeyOf(current.AccessKey, group.Key, iamFor(group.Key));
            Cache.TryAdd(key, new Lazy<Task<string>>(() => Task.FromResult(ids[0])));
        }
        return projects;
    }

    /// <summary>
    /// Whether the project of every one of <paramref name="regions"/> is already known to this process for these
    /// credentials (an earlier answer of IAM): a command over those regions then needs no IAM listing.
    /// </summary>
    public static async Task<bool> KnowsAllAsync(ISigningCredentials credentials, IEnumerable<string> regions, Func<string, Uri> iamFor, CancellationToken cancellationToken)
    {
        if (credentials is null) throw new ArgumentNullException(nameof(credentials));
        if (regions is null) throw new ArgumentNullException(nameof(regions));
        if (iamFor is null) throw new ArgumentNullException(nameof(iamFor));
        var current = await credentials.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        return regions.All(region => Cache.TryGetValue(KeyOf(current.AccessKey, region, iamFor(region)), out var known)
            && known.IsValueCreated && known.Value.IsCompletedSuccessfully());
    }

    private static async Task<string> AskAsync(ISigningCredentials credentials, string region, Uri iamEndpoint, RetryOptions retry, IOperationHost host,
        CancellationToken cancellationToken)
    {
        host.Log(LogLevel.Verbose, $"No project id given: asking IAM at {iamEndpoint.GetLeftPart(UriPartial.Authority)} for the project of {region}.");
        var context = new ClientContext(credentials, region, projectId: null, new Dictionary<CloudService, Uri> { [CloudService.Iam] = iamEndpoint }, retry);
        var client = new HuaweiCloudClient(context, host);
        var request = new ApiRequest(CloudService.Iam, "IAM KeystoneListProjects", "/v3/projects") { SendProjectId = false }.With("name", region);
        var answer = await client.SendAsync(request, MigrationJsonContext.Default.IamProjectList, cancellationToken).ConfigureAwait(false);
        var ids = (answer.Projects ?? new List<IamProject>())
            .Where(p => string.Equals(p.Name, region, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(p.Id))
            .Select(p => p.Id!).Distinct().ToList();
        if (ids.Count == 1) return ids[0];
        if (ids.Count == 0)
            throw new HuaweiCloudConfigurationException("ProjectIdNotFound", "ProjectId",
                $"No project id was given, and IAM ({iamEndpoint.GetLeftPart(UriPartial.Authority)}) lists no project named '{region}' for these credentials. " +
                "Check -Region (the account may not have that region enabled), or give -ProjectId (or a profile's -ProjectId, or $env:HUAWEICLOUD_SDK_PROJECT_ID).");
        throw new HuaweiCloudConfigurationException("ProjectIdAmbiguous", "ProjectId",
            $"No project id was given, and IAM ({iamEndpoint.GetLeftPart(UriPartial.Authority)}) lists {ids.Count} projects named '{region}': {string.Join(", ", ids)}. " +
            "Give -ProjectId with the one to use.");
    }
}
