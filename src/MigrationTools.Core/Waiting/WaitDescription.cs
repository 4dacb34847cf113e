using MigrationTools.Core.Http;

namespace MigrationTools.Core.Waiting;

/// <summary>
/// How a service is waited for: its list (the state of many tasks in one request), the detail of one task (its final
/// object) and, where the service has one, a running task's percentage.
/// </summary>
public sealed class WaitDescription
{
    /// <param name="list">The states of the tasks of one client and scope, in the service's order, page after page
    /// (read until every wanted id was seen, or to the end). A task that has ended may be left out (DRS lists the
    /// running jobs only): its detail is read.</param>
    /// <param name="detail">One task's detail.</param>
    /// <param name="percent">A running task's percentage (null: none to read yet); null when the service has none.</param>
    public WaitDescription(Endpoints.CloudService service, string noun,
        Func<HuaweiCloudClient, string?, IEnumerable<TaskState>> list,
        Func<WaitItem, CancellationToken, Task<TaskDetail>> detail,
        Func<WaitItem, CancellationToken, Task<double?>>? percent = null)
    {
        Service = service ?? throw new ArgumentNullException(nameof(service));
        Noun = noun;
        List = list ?? throw new ArgumentNullException(nameof(list));
        Detail = detail ?? throw new ArgumentNullException(nameof(detail));
        Percent = percent;
    }

    /// <summary>The service whose endpoint and credentials the polls use.</summary>
    public Endpoints.CloudService Service { get; }
    /// <summary>E.g. "DCS migration task".</summary>
    public string Noun { get; }
    public Func<HuaweiCloudClient, string?, IEnumerable<TaskState>> List { get; }
    public Func<WaitItem, CancellationToken, Task<TaskDetail>> Detail { get; }
    public Func<WaitItem, CancellationToken, Task<double?>>? Percent { get; }
}
