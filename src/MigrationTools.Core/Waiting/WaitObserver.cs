using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Waiting;

/// <summary>What the caller hears of a wait, on the thread that runs it (a class of callbacks, not an interface, so a
/// cmdlet type never implements a type of this assembly: PowerShell loads cmdlet types before the module's resolver).</summary>
public sealed class WaitObserver
{
    /// <summary>A round saw the item still running.</summary>
    public Action<WaitItem, WaitObservation> Running { get; set; } = (_, _) => { };
    /// <summary>The item ended: <see cref="WaitObservation.Result"/> is its final object. Called once per item.</summary>
    public Action<WaitItem, WaitObservation> Ended { get; set; } = (_, _) => { };
    /// <summary>A read failed for good (transient failures were already retried by the client): the item's wait ends.</summary>
    public Action<WaitItem, HuaweiCloudException> Failed { get; set; } = (_, _) => { };
    /// <summary>The timeout passed with the item still running.</summary>
    public Action<WaitItem, WaitTimeoutException> TimedOut { get; set; } = (_, _) => { };
    /// <summary>
    /// Of a wait over several places, one failed for good (its credentials refused, no answer): called once per place,
    /// with the items whose only place it was (their waits end with it); the other places go on.
    /// </summary>
    public Action<WaitPlace, HuaweiCloudException, IReadOnlyList<WaitItem>> PlaceFailed { get; set; } = (_, _, _) => { };
}
