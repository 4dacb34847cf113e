namespace MigrationTools.Core.Endpoints;

/// <summary>A Huawei Cloud service the module talks to.</summary>
public sealed class CloudService
{
    private CloudService(string displayName, string hostPrefix, string sdkName, params string[] extraSdkNames)
    {
        DisplayName = displayName;
        HostPrefix = hostPrefix;
        SdkNames = new[] { sdkName }.Concat(extraSdkNames).ToArray();
    }

    /// <summary>Distributed Cache Service (Redis): host dcs.</summary>
    public static readonly CloudService Dcs = new("DCS", "dcs", "DCS");

    /// <summary>Distributed Message Service for RocketMQ: host dms; the SDK names its region table ROCKETMQ.</summary>
    public static readonly CloudService RocketMq = new("RocketMQ", "dms", "ROCKETMQ", "DMS");

    /// <summary>Data Replication Service, which serves RDS for SQL Server backup migration: host drs.</summary>
    public static readonly CloudService Drs = new("DRS", "drs", "DRS");

    /// <summary>Identity and Access Management, for project id discovery: host iam.</summary>
    public static readonly CloudService Iam = new("IAM", "iam", "IAM");

    public static readonly CloudService[] All = { Dcs, RocketMq, Drs, Iam };

    public string DisplayName { get; }

    /// <summary>The first label of the service's host name: https://{HostPrefix}.{region}.myhuaweicloud.com.</summary>
    public string HostPrefix { get; }

    /// <summary>The names the SDKs use in HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}; the first is the SDK's own.</summary>
    public string[] SdkNames { get; }

    public override string ToString() => DisplayName;
}
