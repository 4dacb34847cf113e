using MigrationTools.Core.Http;
using MigrationTools.Core.Models;

namespace MigrationTools.Core.Apis;

internal static class ApiHelpers
{
    /// <summary>The project id as a path segment.</summary>
    public static string ProjectSegment(HuaweiCloudClient client) =>
        ApiRequest.Segment(client.Context.ProjectId ?? throw new InvalidOperationException("The project id is not resolved."), "ProjectId");

    /// <summary>Sets where a single (non-listed) result lives.</summary>
    public static T Stamp<T>(HuaweiCloudClient client, T item) where T : IRegionalResource
    {
        item.Region = client.Context.Region;
        item.ProjectId = client.Context.ProjectId;
        return item;
    }
}
