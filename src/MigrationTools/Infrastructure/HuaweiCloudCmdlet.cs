using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net;
using MigrationTools.Core.Connection;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;

namespace MigrationTools.Infrastructure;

/// <summary>
/// The parameters every API cmdlet shares (where and as whom to connect) and the plumbing around one call into
/// the core: resolving the connection, running it cancellably, and turning failures into ErrorRecords.
/// </summary>
public abstract class HuaweiCloudCmdlet : PSCmdlet
{
    private CmdletOperationHost? _host;
    private readonly Dictionary<string, HuaweiCloudClient> _clients = new(StringComparer.Ordinal);

    /// <summary>The region, e.g. cn-north-4. Bound from piped objects, so results carry on to the next cmdlet.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>The project id; bound from piped objects.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ProjectId { get; set; }

    /// <summary>The service endpoint, overriding the region table (e.g. the local emulator): https, or http to a loopback address; no user name or password, query or fragment (refused without being repeated).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Endpoint { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AccessKey { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SecretKey { get; set; }

    /// <summary>A credential whose user name is the access key and whose password is the secret key.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>A stored profile (Set-HuaweiCloudProfile) to sign with; an unknown name is an error, never a fall-through.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? ProfileName { get; set; }

    /// <summary>Retries of a throttled or failed request (0 to 20); default 4, or $env:MIGRATIONTOOLS_MAX_RETRIES.</summary>
    [Parameter]
    [ValidateRange(0, 20)]
    public int MaxRetries { get; set; } = -1;

    /// <summary>The service this cmdlet calls.</summary>
    protected abstract CloudService Service { get; }

    internal CmdletOperationHost OperationHost => _host ??= new CmdletOperationHost(this);

    protected override void StopProcessing() => _host?.Stop();

    protected override void EndProcessing() => _host?.Dispose();

    /// <summary>The client for the connection the current parameters describe; resolved once per distinct connection.</summary>
    protected HuaweiCloudClient Client
    {
        get
        {
            // Only what can change between records (bound from piped objects, or the session default) keys the cache.
            var sessionProfile = SessionProfiles.Get();
            var key = string.Join("\n", Region, ProjectId, sessionProfile);
            if (_clients.TryGetValue(key, out var client)) return client;

            var request = new ConnectionRequest(Service)
            {
                AccessKey = Credential?.UserName ?? AccessKey,
                SecretKey = Credential is not null ? Credential.GetNetworkCredential().Password : SecretKey,
                Region = Region,
                ProjectId = ProjectId,
                Endpoint = Endpoint,
                ProfileName = ProfileName,
                SessionProfileName = sessionProfile,
                MaxRetries = MaxRetries >= 0 ? MaxRetries : null,
            };
            client = new HuaweiCloudClient(ModuleServices.CreateResolver().Resolve(request, OperationHost), OperationHost);
            _clients[key] = client;
            return client;
        }
    }

    /// <summary>Runs one call; a failure ends the cmdlet (a listing cannot go on without its next page).</summary>
    protected void RunTerminating(Action call, object? target = null)
    {
        try
        {
            call();
        }
        catch (Exception ex) when (IsOurs(ex))
        {
            ThrowTerminatingError(ErrorRecords.From(ex, target));
        }
    }

    /// <summary>Runs one call for one input among many; a failure is reported and the next input goes on.</summary>
    protected void RunForEach(Action call, object target)
    {
        try
        {
            call();
        }
        catch (Exception ex) when (IsOurs(ex) && !IsConnectionProblem(ex))
        {
            WriteError(ErrorRecords.From(ex, target));
        }
        catch (Exception ex) when (IsOurs(ex))
        {
            ThrowTerminatingError(ErrorRecords.From(ex, target));
        }
    }

    // PowerShell's own flow control (Ctrl+C, Select-Object -First, -ErrorAction Stop) passes through untouched.
    private static bool IsOurs(Exception ex) =>
        ex is not PipelineStoppedException && ex is not FlowControlException && ex is not ActionPreferenceStopException
        && ex.GetType().FullName != "System.Management.Automation.StopUpstreamCommandsException"
        && ex is not OperationCanceledException;

    // Errors that would fail every other input as well (bad credentials, no endpoint) end the cmdlet.
    private static bool IsConnectionProblem(Exception ex) =>
        ex is Core.Errors.HuaweiCloudConfigurationException or Core.Errors.CredentialsNotFoundException or Core.Errors.HuaweiCloudTransportException
        or Core.Errors.ProfileStoreException or Core.Credentials.MetadataUnavailableException
        || (ex is Core.Errors.HuaweiCloudServiceException s && (s.StatusCode == HttpStatusCode.Unauthorized || s.StatusCode == HttpStatusCode.Forbidden));
}
