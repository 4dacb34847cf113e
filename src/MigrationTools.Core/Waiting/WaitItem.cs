using MigrationTools.Core.Http;

namespace MigrationTools.Core.Waiting;

/// <summary>
/// One thing to wait for: its id, the scope it lives in (the RocketMQ instance) and where it may live: one place,
/// or (ids given by hand to a command over several regions or profiles) each of the command's targets, until a
/// list or a detail shows which one has it.
/// </summary>
public sealed class WaitItem
{
    public WaitItem(string id, string? scope, HuaweiCloudClient client) : this(id, scope, new[] { new WaitPlace(client) }) { }

    public WaitItem(string id, string? scope, IReadOnlyList<WaitPlace> places)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Scope = scope;
        if (places is null || places.Count == 0) throw new ArgumentException("An item needs a place to be waited for in.", nameof(places));
        Places = places;
        Candidates = places.ToList();
        if (places.Count == 1) Place = places[0];
    }

    public string Id { get; }
    public string? Scope { get; }

    /// <summary>Where the item may live, as given.</summary>
    public IReadOnlyList<WaitPlace> Places { get; }

    /// <summary>Where it lives: the one place given, or the place whose list or detail showed it; null until then.</summary>
    public WaitPlace? Place { get; internal set; }

    /// <summary>The client of its place (the first place given while it is not found yet).</summary>
    public HuaweiCloudClient Client => (Place ?? Places[0]).Client;

    /// <summary>Places still to look in while the item is not found (failed places are left out).</summary>
    internal List<WaitPlace> Candidates { get; }

    /// <summary>Poll rounds that looked at this item so far.</summary>
    public int Polls { get; internal set; }

    /// <summary>What the last round saw (null before the first).</summary>
    public WaitObservation? Last { get; internal set; }
}
