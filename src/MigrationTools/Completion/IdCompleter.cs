using System.Collections;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using MigrationTools.Core.Connection;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;
using MigrationTools.Core.Paging;
using MigrationTools.Hosting;
using MigrationTools.Parameters;

namespace MigrationTools.Completion;

/// <summary>One id a completer offers: the id, and the name and status shown in its tooltip.</summary>
internal readonly struct CompletableId
{
    public CompletableId(string id, string? name, string? status)
    {
        Id = id;
        Name = name;
        Status = status;
    }

    public string Id { get; }
    public string? Name { get; }
    public string? Status { get; }
}

/// <summary>
/// Completes an id parameter with real ids, listed with the connection the command line names (-ProfileName,
/// -Region, -Endpoint, -ProjectId, -AccessKey/-SecretKey, and $PSDefaultParameterValues for the command). The
/// listing has a time budget and a size limit, and is kept briefly per session and connection; a failed one (no
/// credentials, no network, too slow, refused keys) completes nothing, prints nothing, and is kept for a shorter
/// while. Nothing is sent with a key pair the gateway refused (SignatureGuard); file names are never offered.
/// </summary>
public abstract class IdCompleter : IArgumentCompleter
{
    /// <summary>Tab completion must feel immediate: a listing slower than this completes nothing.</summary>
    internal static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);
    /// <summary>The first listing of the process also loads and compiles the HTTP, signing and JSON code: it gets longer.</summary>
    internal static readonly TimeSpan FirstBudget = TimeSpan.FromSeconds(10);
    private static int _listings;
    internal static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(45);
    /// <summary>How long a failed listing completes nothing without asking again.</summary>
    internal static readonly TimeSpan FailureLifetime = TimeSpan.FromSeconds(15);
    /// <summary>How long a listing Tab gave up on may go on in the background (a request's own attempt timeout).</summary>
    internal static readonly TimeSpan BackgroundLimit = TimeSpan.FromSeconds(30);
    internal const int MaxIds = 100;

    private static readonly string[] ConnectionParameters = { "ProfileName", "Region", "Endpoint", "ProjectId", "AccessKey", "SecretKey", "Credential" };
    private static readonly ConcurrentDictionary<string, (DateTime Expires, IReadOnlyList<CompletableId> Ids)> Cache = new(StringComparer.Ordinal);

    /// <summary>The service whose endpoint the listing uses.</summary>
    internal abstract CloudService Service { get; }

    /// <summary>Lists the ids (the first <see cref="MaxIds"/>); <paramref name="bound"/> holds the other parameters of the command line.</summary>
    internal abstract IEnumerable<CompletableId> List(HuaweiCloudClient client, IDictionary<string, object?> bound, PageOptions firstIds);

    /// <summary>What else the listing depends on, beyond the connection (e.g. the -InstanceId of RocketMQ tasks).</summary>
    internal virtual string Scope(IDictionary<string, object?> bound) => string.Empty;

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var bound = Bound(commandName, fakeBoundParameters);
            var ids = Ids(bound);
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return ids
                .Where(i => i.Id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || (i.Name?.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ?? false))
                .Select(i => new CompletionResult(Quote(i.Id), i.Id, CompletionResultType.ParameterValue, ToolTip(i)))
                .ToList();
        }
        catch (Exception)
        {
            return new List<CompletionResult>();
        }
    }

    private IReadOnlyList<CompletableId> Ids(Dictionary<string, object?> bound)
    {
        (string? AccessKey, string? SecretKey) keys = bound.TryGetValue("Credential", out var c) && c is PSCredential credential
            ? CredentialKeys.Of(credential)
            : (Text(bound, "AccessKey"), Text(bound, "SecretKey"));
        var request = new ConnectionRequest(Service)
        {
            ProfileName = Text(bound, "ProfileName"),
            Region = Text(bound, "Region"),
            Endpoint = Text(bound, "Endpoint"),
            ProjectId = Text(bound, "ProjectId"),
            AccessKey = keys.AccessKey,
            SecretKey = keys.SecretKey,
            SessionProfileName = SessionProfiles.Get(),
            MaxRetries = 0,
            ResendRefusedSignature = false, // Tab never sends with a key pair the gateway refused
        };
        // The secret key is part of the key only as a hash, so the cache never holds it.
        var key = string.Join("\n", GetType().Name, Runspace.DefaultRunspace?.InstanceId, request.ProfileName, request.SessionProfileName, request.Region,
            request.Endpoint, request.ProjectId, request.AccessKey, request.SecretKey?.GetHashCode(), Scope(bound));
        if (Cache.TryGetValue(key, out var hit) && hit.Expires > DateTime.UtcNow) return hit.Ids;

        // The listing goes on in the background after Tab gives up on it (up to a request's own timeout): a signed
        // request cut off mid-way would leave unknown whether the gateway refused its keys, and the next Tab would
        // sign again. Its answer, when it comes, fills the cache for the next Tab.
        var cancel = new CancellationTokenSource(BackgroundLimit);
        var host = new PlainOperationHost(cancel.Token);
        var listing = Task.Run(() =>
        {
            var context = ModuleServices.CreateResolver().Resolve(request, host);
            var client = new HuaweiCloudClient(context, host);
            return (IReadOnlyList<CompletableId>)List(client, bound, new PageOptions { First = MaxIds }).Take(MaxIds).ToList();
        }, cancel.Token);
        IReadOnlyList<CompletableId> ids;
        var lifetime = CacheLifetime;
        try
        {
            if (listing.Wait(Interlocked.Increment(ref _listings) == 1 ? FirstBudget : Budget)) ids = listing.Result;
            else
            {
                Cache[key] = (DateTime.UtcNow + BackgroundLimit, Array.Empty<CompletableId>()); // no second listing meanwhile
                listing.ContinueWith(t =>
                {
                    Cache[key] = t.Status == TaskStatus.RanToCompletion ? (DateTime.UtcNow + CacheLifetime, t.Result) : (DateTime.UtcNow + FailureLifetime, Array.Empty<CompletableId>());
                    cancel.Dispose();
                }, TaskScheduler.Default);
                return Array.Empty<CompletableId>();
            }
        }
        catch (Exception)
        {
            cancel.Dispose();
            // A failed listing (refused keys, no network, no credentials) is remembered briefly: the next Tab
            // completes nothing at once instead of asking again.
            (ids, lifetime) = (Array.Empty<CompletableId>(), FailureLifetime);
        }
        if (listing.IsCompleted) cancel.Dispose();
        Cache[key] = (DateTime.UtcNow + lifetime, ids);
        return ids;
    }

    /// <summary>The command line's parameters, over the $PSDefaultParameterValues that apply to the command.</summary>
    private static Dictionary<string, object?> Bound(string commandName, IDictionary fake)
    {
        var bound = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        try
        {
            var defaults = ScriptBlock.Create("$global:PSDefaultParameterValues").Invoke().FirstOrDefault()?.BaseObject as IDictionary;
            if (defaults is not null)
            {
                foreach (DictionaryEntry entry in defaults)
                {
                    var text = entry.Key?.ToString() ?? string.Empty;
                    var colon = text.IndexOf(':');
                    if (colon <= 0) continue;
                    var parameter = text.Substring(colon + 1);
                    if (!ConnectionParameters.Contains(parameter, StringComparer.OrdinalIgnoreCase)) continue;
                    if (!WildcardPattern.Get(text.Substring(0, colon), WildcardOptions.IgnoreCase).IsMatch(commandName)) continue;
                    var value = entry.Value is PSObject p ? p.BaseObject : entry.Value;
                    if (value is ScriptBlock) continue;
                    bound[parameter] = value;
                }
            }
        }
        catch (Exception)
        {
            // Defaults that cannot be read are ignored: the command line still completes.
        }
        if (fake is not null)
        {
            foreach (DictionaryEntry entry in fake)
            {
                var value = entry.Value is PSObject p ? p.BaseObject : entry.Value;
                bound[entry.Key?.ToString() ?? string.Empty] = value;
            }
        }
        return bound;
    }

    internal static string? Text(IDictionary<string, object?> bound, string name) =>
        bound.TryGetValue(name, out var value) && First(value) is { } first && first.ToString() is { Length: > 0 } s && s != TargetPlanner.AllRegions ? s : null;

    // Of several regions or profiles (-Region a, b), the ids of the first are offered; -Region * offers the default region's.
    private static object? First(object? value) => value switch
    {
        null or ScriptBlock => null,
        string text => text,
        System.Collections.IEnumerable many => many.Cast<object?>().FirstOrDefault(v => v is not null and not ScriptBlock) is { } one ? First(one is PSObject ps ? ps.BaseObject : one) : null,
        _ => value,
    };

    // Characters that make an id need quotes on a PowerShell command line.
    private static readonly char[] NeedsQuotes = { ' ', '\'', '"', '$', '`', ';', ',', '(', ')', '{', '}', '@', '#' };

    private static string Quote(string id) => id.IndexOfAny(NeedsQuotes) >= 0 ? "'" + id.Replace("'", "''") + "'" : id;

    private static string ToolTip(CompletableId i)
    {
        var text = string.IsNullOrEmpty(i.Name) ? i.Id : i.Name!;
        return string.IsNullOrEmpty(i.Status) ? text : $"{text} ({i.Status})";
    }
}
