using System.Management.Automation;
using System.Runtime.ExceptionServices;
using MigrationTools.Completion;
using MigrationTools.Core.Connection;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Paging;
using MigrationTools.Errors;
using MigrationTools.Hosting;
using MigrationTools.Parameters;

namespace MigrationTools.CmdletBases;

/// <summary>
/// The parameters every API cmdlet shares (where and as whom to connect) and the plumbing around one call into
/// the core: resolving the connection, running it cancellably, and turning failures into ErrorRecords.
/// </summary>
public abstract class HuaweiCloudCmdlet : PSCmdlet
{
    private CmdletOperationHost? _host;
    private readonly Dictionary<string, HuaweiCloudClient> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<Target>> _targets = new(StringComparer.Ordinal);
    private RequestGate? _gate;

    /// <summary>
    /// <para>The region, for example cn-north-4 (press Tab to complete the regions the module knows, and *). It selects
    /// the service endpoint from the module's region table (https://dcs.&lt;region&gt;.myhuaweicloud.com for DCS,
    /// https://dms.&lt;region&gt;.myhuaweicloud.com for RocketMQ, https://drs.&lt;region&gt;.myhuaweicloud.com for
    /// DRS; the .eu domain for eu-west-101 on RocketMQ and DRS) and is stamped on every object returned.</para>
    /// <para>Several regions (-Region cn-north-4, ap-southeast-1) are listed in one command, concurrently, written in
    /// the order given; each region's project is found as for one region (the profile's for its own region,
    /// $env:HUAWEICLOUD_SDK_PROJECT_ID for $env:HUAWEICLOUD_SDK_REGION, else IAM). * lists every project IAM lists for
    /// the account (GET /v3/projects) in a region where the service is offered, sub-projects (&lt;region&gt;_&lt;name&gt;)
    /// included, each with its own ProjectId; the global MOS project and regions without the service are left out
    /// (-Verbose says which). A region or project that fails (unreachable, 401/403, no project) is one
    /// non-terminating error naming the region, project and profile; the others are listed whole. Several regions or
    /// * cannot be combined with -ProjectId or -Endpoint (both belong to one region): that is refused before any
    /// request.</para>
    /// <para>When not given: the region of the profile that supplied the credentials (-ProfileName, the session
    /// default, $env:MIGRATIONTOOLS_PROFILE or the profile named default), else $env:HUAWEICLOUD_SDK_REGION. Bound by
    /// property name from piped objects, so the output of one cmdlet carries its region on to the next. Not needed
    /// when -Endpoint is given.</para>
    /// </summary>
    /// <value>The profile's region, else $env:HUAWEICLOUD_SDK_REGION</value>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string[]? Region { get; set; }

    /// <summary>
    /// <para>The project id of the region (the {project_id} of the API path), for example
    /// 054ba152d480d55b2f5dc0069e7ddef0. It is stamped on every object returned.</para>
    /// <para>When not given: the project id of the profile that supplied the credentials when the region is the
    /// profile's own (or project_id in the SDKs' credentials file), else $env:HUAWEICLOUD_SDK_PROJECT_ID, else the
    /// project of the region is looked up in IAM (GET /v3/projects?name=&lt;region&gt;, signed with the same
    /// credentials) once per process for each access key, region and IAM endpoint; -Verbose shows the lookup. Without
    /// a project id and without a region the cmdlet stops with ProjectIdMissing before any request. Bound by property
    /// name from piped objects.</para>
    /// </summary>
    /// <value>The profile's project id, else $env:HUAWEICLOUD_SDK_PROJECT_ID, else looked up in IAM</value>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ProjectId { get; set; }

    /// <summary>
    /// <para>The base URI of the service, overriding the region table, for example a private endpoint or the local
    /// emulator (http://127.0.0.1:5080). Give scheme, host, port and an optional base path, without a query or
    /// fragment, and without a user name or password (such a value is refused without being repeated: the password
    /// would otherwise travel and be logged). Plain http is accepted only for loopback addresses (127.0.0.1, ::1,
    /// localhost); any other host needs https.</para>
    /// <para>When not given: the SDKs' variable $env:HUAWEICLOUD_SDK_REGION_&lt;SERVICE&gt;_&lt;REGION&gt; (for
    /// example HUAWEICLOUD_SDK_REGION_DCS_CN_NORTH_4; the first entry of a comma-separated list), else the profile's
    /// endpoint for the service (Set-HuaweiCloudProfile -ServiceEndpoint), else the region table.</para>
    /// </summary>
    /// <value>$env:HUAWEICLOUD_SDK_REGION_&lt;SERVICE&gt;_&lt;REGION&gt;, else the profile's service endpoint, else
    /// the region table</value>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Endpoint { get; set; }

    /// <summary>
    /// <para>The access key (AK) to sign requests with. Give it together with -SecretKey (giving only one of the two
    /// is an error), or use -Credential instead.</para>
    /// <para>When not given: the rest of the credential chain (see NOTES): -ProfileName, the session default
    /// (Use-HuaweiCloudProfile), $env:HUAWEICLOUD_SDK_AK with $env:HUAWEICLOUD_SDK_SK (and
    /// $env:HUAWEICLOUD_SDK_SECURITY_TOKEN), $env:MIGRATIONTOOLS_PROFILE, the profile named default, the SDKs'
    /// credentials file, ECS instance metadata. Keys on the command take precedence over all of them, -ProfileName
    /// included. The access key is shown masked in -Debug output.</para>
    /// </summary>
    /// <value>The credential chain (see NOTES)</value>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AccessKey { get; set; }

    /// <summary>
    /// <para>The secret key (SK) that goes with -AccessKey. It is used only to sign requests: it is never sent, never
    /// written to any stream, and never part of an error message.</para>
    /// <para>A plain string stays in the command history; prefer a stored profile (-ProfileName,
    /// Use-HuaweiCloudProfile), -Credential, or the environment variables, in scripts. When not given: the credential
    /// chain, as for -AccessKey.</para>
    /// </summary>
    /// <value>The credential chain (see NOTES)</value>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SecretKey { get; set; }

    /// <summary>A credential whose user name is the access key and whose password is the secret key, for example from
    /// Get-Credential or a secret vault. When given, it takes the place of -AccessKey and -SecretKey, and, like them,
    /// takes precedence over -ProfileName and every other source of the credential chain.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>
    /// <para>The name of a stored profile (Set-HuaweiCloudProfile) to sign with, for example prod; press Tab to
    /// complete the stored names. The profile's region, project id, IAM endpoint and service endpoints apply unless
    /// the command gives its own (-Region, -ProjectId, -Endpoint). It comes second in the credential chain (see
    /// NOTES): keys on the command (-AccessKey with -SecretKey, or -Credential) take precedence over it, and it takes
    /// precedence over the session default (Use-HuaweiCloudProfile), the environment variables and every other
    /// source.</para>
    /// <para>Several profiles (-ProfileName prod, staging) list the same thing in each account in one command,
    /// concurrently, written profile after profile (then region after region); a profile that fails is one
    /// non-terminating error and the others go on. Several profiles cannot be combined with keys on the command or
    /// with -ProjectId.</para>
    /// <para>An unknown name is an error (ProfileNotFound) that lists the stored names: it never falls through to
    /// other credentials. The store is ~/.huaweicloud/migrationtools-profiles.json, or the file named by
    /// $env:MIGRATIONTOOLS_PROFILES_FILE. When not given: the session default, else the chain goes on
    /// ($env:HUAWEICLOUD_SDK_AK/SK, $env:MIGRATIONTOOLS_PROFILE, the profile named default, ...).</para>
    /// </summary>
    /// <value>The session default (Use-HuaweiCloudProfile), if any</value>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string[]? ProfileName { get; set; }

    /// <summary>
    /// <para>Requests in flight at most for the whole command when it lists several profiles, regions or projects (1
    /// to 256); at most as many of them are listed at once. -ThrottleLimit still bounds each one's own listing, and
    /// each backs off on its own when its gateway throttles it (429).</para>
    /// </summary>
    /// <value>$env:MIGRATIONTOOLS_TOTAL_THROTTLE_LIMIT when set</value>
    [Parameter]
    [ValidateRange(1, RequestGate.MaxLimit)]
    public int TotalThrottleLimit { get; set; } = RequestGate.DefaultLimit;

    /// <summary>
    /// <para>How many times a throttled or failed request is retried after the first attempt, from 0 (never) to 20.
    /// Retried: HTTP 429, 502, 503 and 504, network failures and attempts that time out (30 seconds each), with
    /// exponential backoff and jitter, honouring the Retry-After header (at most 30 seconds a wait); a request with
    /// all its retries never takes longer than 3 minutes. Never retried: 400, 401, 403 and 404 (repeated bad
    /// signatures would lock the access key). Each retry is written to the verbose stream (-Verbose).</para>
    /// <para>When not given: $env:MIGRATIONTOOLS_MAX_RETRIES when it is set, else the default below.</para>
    /// </summary>
    /// <value>$env:MIGRATIONTOOLS_MAX_RETRIES when set</value>
    [Parameter]
    [ValidateRange(0, 20)]
    public int MaxRetries { get; set; } = Core.Http.RetryOptions.DefaultMaxRetries;

    /// <summary>
    /// The API operation this cmdlet calls, named once from its description in Core/Apis: the service (and so the
    /// endpoint) and, for a listing, the paging rule follow from it; the build reads it for the help and checks the
    /// cmdlet's [OutputType] against its records.
    /// </summary>
    internal virtual Core.Apis.IApiOperation? Operation => null;

    /// <summary>The service this cmdlet calls: its operation's.</summary>
    protected virtual CloudService Service =>
        Operation?.Service ?? throw new InvalidOperationException($"{GetType().Name} names no API operation: override Operation.");

    internal CmdletOperationHost OperationHost => _host ??= new CmdletOperationHost(this);

    protected override void StopProcessing() => _host?.Stop();

    protected override void BeginProcessing() => ApiValuesAttribute.UseApiSpelling(this);

    protected override void EndProcessing()
    {
        _host?.Dispose();
        _gate?.Dispose();
    }

    /// <summary>The client for the connection the current parameters describe (one target: its callers fan out over
    /// several); resolved once per distinct connection.</summary>
    protected HuaweiCloudClient Client
    {
        get
        {
            // Only what can change between records (bound from piped objects, or the session default) keys the cache.
            var sessionProfile = SessionProfiles.Get();
            var key = string.Join("\n", Region?.FirstOrDefault(), ProjectId, sessionProfile);
            if (_clients.TryGetValue(key, out var client)) return client;
            var request = ConnectionRequest().For(ProfileName?.FirstOrDefault(), Region?.FirstOrDefault(), null, oneOfSeveralRegions: false);
            client = new HuaweiCloudClient(ModuleServices.CreateResolver().Resolve(request, OperationHost), OperationHost);
            _clients[key] = client;
            return client;
        }
    }

    /// <summary>What the command says about where and as whom to connect, before it is split into targets.</summary>
    /// <param name="withProjectId">False: -ProjectId is left out (a wait matches a piped object's project to a target instead).</param>
    private protected ConnectionRequest ConnectionRequest(bool withProjectId = true)
    {
        (string? AccessKey, string? SecretKey) keys = Credential is not null ? CredentialKeys.Of(Credential) : (AccessKey, SecretKey);
        return new ConnectionRequest(Service)
        {
            AccessKey = keys.AccessKey,
            SecretKey = keys.SecretKey,
            ProjectId = withProjectId ? ProjectId : null,
            Endpoint = Endpoint,
            SessionProfileName = SessionProfiles.Get(),
            MaxRetries = MyInvocation.BoundParameters.ContainsKey(nameof(MaxRetries)) ? MaxRetries : null,
        };
    }

    /// <summary>Whether the command lists several profiles, regions or projects (-ProfileName a, b; -Region a, b or *).</summary>
    protected bool HasSeveralTargets => TargetPlanner.IsSeveral(ProfileName, Region);

    /// <summary>The targets of the current parameters (planned once per distinct -Region, -ProjectId and session default).</summary>
    /// <param name="withProjectId">False: planned without -ProjectId (see <see cref="ConnectionRequest"/>).</param>
    internal IReadOnlyList<Target> Targets(bool withProjectId = true)
    {
        var key = string.Join("\n", string.Join(",", Region ?? Array.Empty<string>()), withProjectId ? ProjectId : null, SessionProfiles.Get());
        if (_targets.TryGetValue(key, out var targets)) return targets;
        IReadOnlyList<Target> planned = Array.Empty<Target>();
        RunTerminating(() => planned = new TargetPlanner(ModuleServices.CreateResolver()).Plan(ConnectionRequest(withProjectId), ProfileName, Region, OperationHost));
        _targets[key] = planned;
        return planned;
    }

    /// <summary>The bound on requests in flight of the whole command (-TotalThrottleLimit), shared by its clients.</summary>
    private protected RequestGate Gate => _gate ??= new RequestGate(RequestGate.Resolve(
        MyInvocation.BoundParameters.ContainsKey(nameof(TotalThrottleLimit)) ? TotalThrottleLimit : null, ProcessEnvironment.Instance));

    /// <summary>
    /// The records <paramref name="list"/> gives for each target, listed concurrently (at most -TotalThrottleLimit
    /// targets and requests at once) and written in the targets' order, each target's in the service's order;
    /// -First, -Skip and -IncludeTotalCount of <paramref name="options"/> apply to the whole. A target that fails is
    /// one non-terminating error naming it; the others are written whole.
    /// </summary>
    internal void WriteEachTarget<T>(PageOptions options, Func<HuaweiCloudClient, PageOptions, IEnumerable<T>> list, Action<T, Target>? write = null)
    {
        var targets = Targets();
        RunTerminating(() => _ = Gate);
        var settings = new FanOutSettings
        {
            PartsAtOnce = Gate.Limit,
            Cancellation = OperationHost.Cancellation,
            Wait = OperationHost.Wait,
        };
        var resolver = ModuleServices.CreateResolver();
        IEnumerable<T> ListTarget(Target target, PageOptions paging, System.Threading.CancellationToken token)
        {
            if (target.Error is not null) ExceptionDispatchInfo.Capture(target.Error).Throw();
            var host = new WorkerOperationHost(OperationHost, token);
            var context = resolver.Resolve(target.Request, host);
            context.Gate = Gate;
            return list(new HuaweiCloudClient(context, host), paging);
        }
        foreach (var item in FanOutListing.Enumerate(targets, options, settings, ListTarget))
        {
            if (item.Error is { } error)
            {
                if (!IsOurs(error)) ExceptionDispatchInfo.Capture(error).Throw();
                WriteError(TargetError(error, item.Part));
            }
            else if (item.Warning is { } warning)
            {
                WriteWarning($"{item.Part}: {warning}");
            }
            else if (write is not null) write(item.Record, item.Part);
            else WriteObject(item.Record);
        }
    }

    /// <summary>
    /// Gets each id (a by-id call): on the current connection, each failure non-terminating for its id; over several
    /// targets, each id is looked for in every target (concurrently, written in the targets' order) and an id no
    /// target has is one ObjectNotFound error; any other failure is an error naming the target.
    /// </summary>
    internal void WriteByIds<T>(IEnumerable<string> ids, Func<HuaweiCloudClient, string, T> get)
    {
        if (!HasSeveralTargets)
        {
            foreach (var id in ids) RunForEach(() => WriteObject(get(Client, id)), id);
            return;
        }
        var wanted = ids.ToList();
        if (wanted.Count == 0) return;
        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var notFound = new System.Collections.Concurrent.ConcurrentDictionary<string, HuaweiCloudServiceException>(StringComparer.Ordinal);
        IEnumerable<(string Id, T Value, Exception? Error)> Lookup(HuaweiCloudClient client)
        {
            foreach (var id in wanted)
            {
                (string, T, Exception?) result;
                try
                {
                    result = (id, get(client, id), null);
                    found[id] = true;
                }
                catch (HuaweiCloudServiceException ex) when (ex.IsNotFound)
                {
                    notFound[id] = ex;
                    continue;
                }
                catch (HuaweiCloudException ex) when (!ex.FailsEveryRequest)
                {
                    result = (id, default!, ex);
                }
                yield return result;
            }
        }
        WriteEachTarget(new PageOptions(), (client, _) => Lookup(client), (result, target) =>
        {
            if (result.Error is null) WriteObject(result.Value);
            else WriteError(TargetError(result.Error, target));
        });
        var targets = Targets();
        foreach (var id in wanted)
        {
            if (found.ContainsKey(id) || !notFound.TryGetValue(id, out var missing)) continue;
            var record = ErrorRecords.From(missing, id);
            var where = targets.Count <= 3 ? string.Join("; ", targets) : $"{targets.Count} regions, projects and profiles";
            record.ErrorDetails = new ErrorDetails($"{id} was found in none of {where}: {missing.Message}");
            WriteError(record);
        }
    }

    /// <summary>The error of one target: its own ErrorId and category, the message prefixed with the target.</summary>
    internal static ErrorRecord TargetError(Exception error, Target target)
    {
        var record = ErrorRecords.From(error, target);
        record.ErrorDetails = new ErrorDetails($"{target}: {error.Message}");
        return record;
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
    internal static bool IsOurs(Exception ex) =>
        ex is not PipelineStoppedException && ex is not FlowControlException && ex is not ActionPreferenceStopException
        && ex.GetType().FullName != "System.Management.Automation.StopUpstreamCommandsException"
        && ex is not OperationCanceledException;

    // Errors that would fail every other input as well (bad credentials, no endpoint) end the cmdlet.
    private static bool IsConnectionProblem(Exception ex) => ex is Core.Errors.HuaweiCloudException { FailsEveryRequest: true };
}
