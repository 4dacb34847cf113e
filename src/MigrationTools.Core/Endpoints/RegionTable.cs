namespace MigrationTools.Core.Endpoints;

/// <summary>
/// The regions each service is offered in, and its endpoint there, as in the official SDKs' region lists
/// (huaweicloud-sdk-python-v3 / -go-v3 region files, merged). The pattern is https://{prefix}.{region}.myhuaweicloud.com;
/// the exceptions are listed explicitly.
/// </summary>
public static class RegionTable
{
    private const string Suffix = "myhuaweicloud.com";

    private static readonly string[] DcsRegions =
    {
        "af-south-1", "cn-north-2", "cn-north-4", "cn-north-1", "cn-east-2", "cn-east-3", "cn-south-1", "cn-south-2",
        "cn-southwest-2", "ap-southeast-2", "ap-southeast-1", "ap-southeast-3", "ru-northwest-2", "sa-brazil-1",
        "la-north-2", "la-south-2", "cn-north-9", "na-mexico-1", "ae-ad-1", "tr-west-1", "ap-southeast-4",
        "eu-west-101", "me-east-1", "eu-west-0", "cn-east-5", "my-kualalumpur-1", "ru-moscow-1",
    };

    private static readonly string[] RocketMqRegions =
    {
        "eu-west-101", "cn-north-1", "cn-north-2", "cn-north-4", "cn-east-3", "cn-east-2", "cn-south-1", "cn-south-2",
        "cn-southwest-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "af-south-1", "ru-northwest-2",
        "cn-north-9", "la-south-2", "la-north-2", "ap-southeast-4", "tr-west-1", "ae-ad-1", "eu-west-0", "me-east-1",
        "na-mexico-1", "cn-east-5", "my-kualalumpur-1",
    };

    private static readonly string[] DrsRegions =
    {
        "eu-west-101", "cn-north-4", "cn-north-1", "cn-south-1", "cn-east-3", "cn-east-2", "cn-north-2", "ap-southeast-3",
        "ap-southeast-1", "ap-southeast-2", "sa-brazil-1", "la-south-2", "la-north-2", "na-mexico-1", "af-south-1",
        "cn-north-9", "cn-southwest-2", "cn-south-2", "cn-south-4", "tr-west-1", "ap-southeast-4", "eu-west-0",
        "ru-moscow-1", "ae-ad-1", "my-kualalumpur-1",
    };

    private static readonly string[] IamRegions =
    {
        "eu-west-101", "cn-north-2", "cn-north-4", "cn-north-1", "cn-east-2", "cn-east-3", "cn-south-1", "cn-south-2",
        "cn-southwest-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "af-south-1", "sa-brazil-1",
        "la-south-2", "na-mexico-1", "la-north-2", "cn-north-9", "eu-west-0", "my-kualalumpur-1", "ru-moscow-1",
        "me-east-1",
    };

    // eu-west-101 (Dublin) is served from the .eu domain by RocketMQ, DRS and IAM; DCS's SDK lists it under .com.
    private static readonly Dictionary<(CloudService, string), string> Exceptions = new()
    {
        [(CloudService.RocketMq, "eu-west-101")] = "https://dms.eu-west-101.myhuaweicloud.eu",
        [(CloudService.Drs, "eu-west-101")] = "https://drs.eu-west-101.myhuaweicloud.eu",
        [(CloudService.Iam, "eu-west-101")] = "https://iam.eu-west-101.myhuaweicloud.eu",
    };

    /// <summary>The regions where <paramref name="service"/> is offered, sorted.</summary>
    public static IReadOnlyList<string> RegionsOf(CloudService service) =>
        RegionList(service).OrderBy(r => r, StringComparer.Ordinal).ToArray();

    /// <summary>Every region known for any API service of the module (DCS, RocketMQ, DRS), sorted.</summary>
    public static IReadOnlyList<string> AllRegions { get; } =
        DcsRegions.Concat(RocketMqRegions).Concat(DrsRegions).Distinct().OrderBy(r => r, StringComparer.Ordinal).ToArray();

    public static bool IsKnown(CloudService service, string region) =>
        RegionList(service).Contains(region, StringComparer.OrdinalIgnoreCase);

    /// <summary>The service's endpoint in <paramref name="region"/>, or null when the SDKs do not list it there.</summary>
    public static Uri? EndpointOf(CloudService service, string region)
    {
        var id = region.Trim().ToLowerInvariant();
        if (!IsKnown(service, id)) return null;
        return Exceptions.TryGetValue((service, id), out var special)
            ? new Uri(special)
            : new Uri($"https://{service.HostPrefix}.{id}.{Suffix}");
    }

    private static string[] RegionList(CloudService service) =>
        ReferenceEquals(service, CloudService.Dcs) ? DcsRegions
        : ReferenceEquals(service, CloudService.RocketMq) ? RocketMqRegions
        : ReferenceEquals(service, CloudService.Drs) ? DrsRegions
        : IamRegions;
}
