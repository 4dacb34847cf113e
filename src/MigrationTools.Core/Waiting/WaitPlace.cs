using MigrationTools.Core.Http;

namespace MigrationTools.Core.Waiting;

/// <summary>
/// Where tasks are waited for: a client (its region, project, credentials and endpoint) and how messages name it
/// ("region cn-north-4, project 0a1b..., profile 'prod'"). Items of one place and scope share one list a round;
/// two places of one client are the same place.
/// </summary>
public sealed class WaitPlace : IEquatable<WaitPlace>
{
    public WaitPlace(HuaweiCloudClient client, string? name = null)
    {
        Client = client ?? throw new ArgumentNullException(nameof(client));
        Name = name ?? $"region {client.Context.Region ?? "(default)"}, project {client.Context.ProjectId}";
    }

    public HuaweiCloudClient Client { get; }

    public string Name { get; }

    public override string ToString() => Name;

    public bool Equals(WaitPlace? other) => other is not null && ReferenceEquals(Client, other.Client);

    public override bool Equals(object? obj) => Equals(obj as WaitPlace);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Client);
}
