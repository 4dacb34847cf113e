using System.Globalization;
using System.Text.Json.Nodes;

namespace MigrationTools.Emulator;

/// <summary>The deterministic data set served by the emulator: the same seed always gives the same data
/// (System.Random with the seed, fixed base dates, never the clock).</summary>
public sealed class EmulatorData
{
    public const int DcsTaskCount = 1200;
    public const int DrsJobCount = 1100;
    /// <summary>Task counts of the RocketMQ instances, in <see cref="RocketMqInstances"/> order.</summary>
    public static readonly IReadOnlyList<int> RocketMqTaskCounts = [350, 27, 0];
    /// <summary>Regions with exactly one IAM project besides the emulator's own region.</summary>
    public static readonly IReadOnlyList<string> OtherRegions = ["cn-south-1", "ap-southeast-1"];
    /// <summary>A region name that matches two IAM projects (so "multiple project ids found" is testable).</summary>
    public const string DuplicateProjectRegion = "cn-east-3";
    /// <summary>IAM's global project (no regional service serves it).</summary>
    public const string GlobalProject = "MOS";
    /// <summary>DCS tasks of each project other than the emulator's own (its sub-project and other regions).</summary>
    public const int OtherProjectDcsTaskCount = 40;
    /// <summary>A region with no IAM project.</summary>
    public const string RegionWithoutProject = "eu-west-101";

    internal static readonly string[] Words =
        ["alpha", "orders", "session", "cart", "profile", "feed", "rank", "geo", "inventory", "billing", "search", "chat"];

    private static readonly DateTimeOffset DcsBase = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DrsBase = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset MqBase = new(2023, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<DcsMigrationTask> DcsTasks { get; }
    public IReadOnlyList<RocketMqInstance> RocketMqInstances { get; }
    public IReadOnlyList<DrsBackupMigrationJob> DrsJobs { get; }
    public IReadOnlyList<IamProject> IamProjects { get; }
    /// <summary>The RDS instance ids the DRS jobs restore into (the values dbs_instance_ids filters on).</summary>
    public IReadOnlyList<string> RdsInstanceIds { get; }

    /// <summary>The tasks and jobs that run in the data set: DCS MIGRATING, DRS TRANSFERRING, RocketMQ creating or starting.</summary>
    public IEnumerable<string> RunningTaskIds() =>
        DcsTasks.Where(t => t.Status == "MIGRATING").Select(t => t.TaskId)
            .Concat(DrsJobs.Where(j => j.Status == "TRANSFERRING").Select(j => j.Id))
            .Concat(RocketMqInstances.SelectMany(i => i.Tasks).Where(t => t.Status is "creating" or "starting").Select(t => t.Id));

    private readonly Dictionary<string, DcsMigrationTask> _dcsById;
    private readonly Dictionary<string, RocketMqInstance> _mqById;
    private readonly Dictionary<string, DrsBackupMigrationJob> _drsById;

    /// <param name="dcsTaskCount">DCS tasks to generate (default <see cref="DcsTaskCount"/>, the deterministic default
    /// data set; a larger set is for benchmarks, and the other services' data then differ from the default's).</param>
    /// <param name="extraRegions">Regions with one more IAM project each (<see cref="EmulatorOptions.ExtraRegions"/>).</param>
    public EmulatorData(int seed, string projectId, string domainId, string region, int dcsTaskCount = DcsTaskCount, IReadOnlyList<string>? extraRegions = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dcsTaskCount);
        var rng = new Random(seed);
        DcsTasks = BuildDcs(rng, dcsTaskCount);
        RocketMqInstances = BuildRocketMq(rng);
        (DrsJobs, RdsInstanceIds) = BuildDrs(rng);
        IamProjects = BuildIam(rng, projectId, domainId, region, extraRegions ?? []);
        _dcsById = DcsTasks.ToDictionary(t => t.TaskId, StringComparer.Ordinal);
        _mqById = RocketMqInstances.ToDictionary(i => i.InstanceId, StringComparer.Ordinal);
        _drsById = DrsJobs.ToDictionary(j => j.Id, StringComparer.Ordinal);
        // Built after everything else, from its own stream, so the rest of the data set stays as it was.
        OtherEngineInstances = BuildOtherEngines(new Random(unchecked(seed * 31 + 7)));
    }

    public DrsBackupMigrationJob? FindDrsJob(string jobId) => _drsById.GetValueOrDefault(jobId);

    /// <summary>
    /// The detail-only fields of a DRS job (ShowReplicationJob), derived from its id alone, so the list's data set
    /// (and its random stream) is unchanged.
    /// </summary>
    public DrsJobDetail DrsDetailOf(DrsBackupMigrationJob job)
    {
        var r = new Random(StableHash(job.Id));
        int n = r.Next(1, 4);
        var names = Enumerable.Range(0, n).Select(i => $"{Words[r.Next(Words.Length)]}_db{i + 1}").Distinct().ToList();
        var files = names.Select(db => new DrsBackupFile($"{db}_full_{job.Created:yyyyMMdd}.bak", r.NextInt64(10_000_000, 80_000_000_000),
            job.Created.AddHours(-r.Next(1, 48)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))).ToList();
        var bucket = $"rds-backup-{Words[r.Next(Words.Length)]}-{r.Next(1, 30)}";
        bool fileStream = r.Next(5) == 0;
        var fileId = Hex(r, 32);
        // The restore options (BackupRestoreOptionInfo): drawn after the fields above, so those stay as they were.
        bool renamed = r.Next(4) == 0;
        var options = new DrsRestoreOptions(
            IsCover: r.Next(3) == 0, IsDefaultRestore: !renamed, IsLastBackup: r.Next(3) != 0, IsPrecheck: r.Next(4) != 0,
            RecoveryMode: r.Next(3) == 0 ? "incre" : "full",
            ResetDbNameMap: renamed ? names.ToDictionary(db => db, db => db + "_restored") : new Dictionary<string, string>(),
            IsDeleteBackupFile: r.Next(2) == 0);
        return new DrsJobDetail(names, bucket, files, fileStream, fileId, options);
    }

    /// <summary>DMS instances of other engines (kafka, rabbitmq): listed by DMS ListInstances, never RocketMQ.</summary>
    public IReadOnlyList<DmsOtherInstance> OtherEngineInstances { get; }

    private static List<DmsOtherInstance> BuildOtherEngines(Random r) =>
        [new(Guid(r), "kafka-orders-1", "kafka", "2.7"), new(Guid(r), "rabbitmq-billing-1", "rabbitmq", "3.8.35")];

    private static int StableHash(string s)
    {
        unchecked
        {
            int h = 17;
            foreach (var c in s) h = h * 31 + c;
            return h;
        }
    }

    public DcsMigrationTask? FindDcsTask(string taskId) => _dcsById.GetValueOrDefault(taskId);
    public RocketMqInstance? FindRocketMqInstance(string instanceId) => _mqById.GetValueOrDefault(instanceId);

    internal static string Guid(Random r)
    {
        var b = new byte[16];
        r.NextBytes(b);
        b[7] = (byte)((b[7] & 0x0F) | 0x40);  // version 4
        b[8] = (byte)((b[8] & 0x3F) | 0x80);  // variant
        return new Guid(b).ToString("D");
    }

    internal static string Hex(Random r, int n)
    {
        const string h = "0123456789abcdef";
        var c = new char[n];
        for (int i = 0; i < n; i++) c[i] = h[r.Next(16)];
        return new string(c);
    }

    private static string Ip(Random r) => $"192.168.{r.Next(0, 8)}.{r.Next(2, 254)}";

    private static List<DcsMigrationTask> BuildDcs(Random r, int count)
    {
        string[] specs = ["redis.single.xu1.tiny.128", "redis.ha.xu1.large.r2.1", "redis.ha.xu1.large.r2.2", "redis.cluster.xu1.large.shard.2.4", "redis.ha.xu1.large.r2.8"];
        string[] versions = ["4.0", "5.0", "6.0", "6.0.21", "7.0"];
        string[] failures =
        [
            "Failed to connect to the source Redis: connection refused.",
            "The source Redis password is incorrect.",
            "The memory of the target instance is insufficient.",
            "Failed to download the backup file from OBS.",
            "The RDB file version is not supported by the target Redis.",
        ];
        var list = new List<DcsMigrationTask>(count);
        // Index 0 is the newest: the list is served newest first.
        var t = DcsBase.AddDays(720);
        for (int i = 0; i < count; i++)
        {
            t = t.AddMinutes(-r.Next(20, 1100)).AddMilliseconds(-r.Next(0, 1000));
            int roll = r.Next(100);
            string status = roll < 55 ? "SUCCESS" : roll < 70 ? "FAILED" : roll < 85 ? "MIGRATING" : "TERMINATED";
            bool online = r.Next(100) < 62;
            bool selfHosted = online && r.Next(100) < 35;
            bool fromRecord = !online && r.Next(100) < 30;
            string method = online ? (r.Next(2) == 0 ? "incremental_migration" : "full_amount_migration") : "full_amount_migration";
            string word = Words[r.Next(Words.Length)];
            string bucket = $"dcs-backup-{word}-{r.Next(1, 40)}";
            string targetIp = Ip(r);
            string? sourceName = null, sourceId = null, sourceStatus = null, sourceSubnet = null, sourceSpec = null;
            if (online && !selfHosted)
            {
                sourceName = $"redis-{word}-src-{r.Next(1, 99)}";
                sourceId = Guid(r);
                sourceStatus = r.Next(10) == 0 ? "FROZEN" : "RUNNING";
                sourceSubnet = Guid(r);
                sourceSpec = specs[r.Next(specs.Length)];
            }
            else if (selfHosted)
            {
                // Self-hosted source: the service leaves these blank (empty strings).
                sourceName = sourceId = sourceStatus = sourceSubnet = sourceSpec = "";
            }
            // Backup imports: the source_instance_* fields come back as null.
            bool finished = status != "MIGRATING";
            DateTimeOffset? released = finished && r.Next(100) < 85 ? t.AddMinutes(r.Next(30, 60 * 48)) : null;
            DateTimeOffset? updated = finished ? t.AddMinutes(r.Next(1, 600)).AddMilliseconds(r.Next(1000)) : null;
            string? description = r.Next(100) switch { < 30 => "", < 40 => null, var x => $"migrate {word} cache batch {x}" };
            var features = r.Next(100) < 12 ? new[] { "supported_multi_db" } : Array.Empty<string>();
            var files = new List<(string, string, string)>();
            if (!online && !fromRecord)
            {
                int n = r.Next(1, 4);
                for (int f = 0; f < n; f++)
                    files.Add(($"{word}-{f + 1}.rdb", r.NextInt64(1_000, 2_000_000_000).ToString(CultureInfo.InvariantCulture),
                        t.AddHours(-r.Next(1, 96)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)));
            }
            DcsMigrationStats? stats = null;
            if (online)
            {
                long src = r.NextInt64(1_000, 5_000_000);
                double progress = status switch
                {
                    "SUCCESS" => 100,
                    "MIGRATING" => r.Next(3) == 0 ? r.Next(1, 100) : Math.Round(r.NextDouble() * 99, 1),
                    "FAILED" => Math.Round(r.NextDouble() * 90, 1),
                    _ => r.Next(2) == 0 ? 100 : Math.Round(r.NextDouble() * 99, 2),
                };
                if (i % 7 == 2 && status == "MIGRATING") progress = 99.5;
                long target = progress >= 100 ? src - r.Next(0, 20) : (long)(src * progress / 100);
                stats = new DcsMigrationStats(progress, r.NextInt64(0, 100_000_000), src, Math.Max(0, target),
                    r.Next(4) == 0 ? Math.Round(r.NextDouble() * 900, 2) : r.Next(0, 5000),
                    status == "MIGRATING" ? r.Next(100, 20000) : 0, status == "MIGRATING", AsStrings: i % 2 == 1);
            }
            list.Add(new DcsMigrationTask
            {
                Index = i,
                TaskId = Guid(r),
                TaskName = $"dcs-migration-{word}-{i + 1}",
                Status = status,
                MigrationType = online ? "online_migration" : "backupfile_import",
                MigrationMethod = method,
                EcsTenantPrivateIp = online ? Ip(r) : null,
                DataSource = online ? $"{Ip(r)}:{(r.Next(4) == 0 ? 6380 : 6379)}" : bucket,
                SelfHostedSource = selfHosted,
                SourceInstanceName = sourceName,
                SourceInstanceId = sourceId,
                SourceInstanceStatus = sourceStatus,
                SourceInstanceSubnetId = sourceSubnet,
                SourceInstanceSpecCode = sourceSpec,
                TargetInstanceAddrs = $"{targetIp}:6379",
                TargetInstanceName = $"dcs-{word}-target-{r.Next(1, 99)}",
                TargetInstanceId = Guid(r),
                TargetInstanceStatus = "RUNNING",
                TargetInstanceSubnetId = Guid(r),
                TargetInstanceSpecCode = specs[r.Next(specs.Length)],
                CreatedAt = IsoMs(t),
                Created = t,
                UpdatedAt = updated is { } u ? IsoMs(u) : null,
                Description = description,
                ErrorMessage = status == "FAILED" ? failures[r.Next(failures.Length)] : null,
                ReleasedAt = released?.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture),
                Version = versions[r.Next(versions.Length)],
                ResumeMode = r.Next(4) == 0 ? "manual" : "auto",
                SupportedFeatures = features,
                NetworkType = online ? (r.Next(5) == 0 ? "vpn" : "vpc") : null,
                BucketName = !online && !fromRecord ? bucket : null,
                BackupFiles = files,
                BackupId = fromRecord ? Guid(r) : null,
                TenantVpcId = Guid(r),
                TenantSubnetId = Guid(r),
                TenantSecurityGroupId = Guid(r),
                BandwidthLimitMb = online && r.Next(3) == 0 ? r.Next(10, 200).ToString(CultureInfo.InvariantCulture) : null,
                Stats = stats,
            });
        }
        return list;
    }

    internal static string IsoMs(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static List<RocketMqInstance> BuildRocketMq(Random r)
    {
        string[] statuses = ["finished", "finished", "finished", "failed", "starting", "creating"];
        var instances = new List<RocketMqInstance>();
        for (int k = 0; k < RocketMqTaskCounts.Count; k++)
        {
            string id = Guid(r);
            var tasks = new List<RocketMqMigrationTask>();
            var t = MqBase.AddDays(k * 40);
            for (int i = 0; i < RocketMqTaskCounts[k]; i++)
            {
                t = t.AddMinutes(r.Next(5, 600)).AddMilliseconds(r.Next(0, 1000));
                // "2023-03-13 19:43:32.12": no zone, two fraction digits, and sometimes none at all.
                string start = r.Next(6) == 0
                    ? t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
                    : t.ToString("yyyy-MM-dd HH:mm:ss.ff", CultureInfo.InvariantCulture);
                string type = r.Next(100) < 55 ? "rabbitToRocket" : "rocketmq";
                tasks.Add(BuildMqTask(r, Guid(r), $"task-{r.Next(100_000_000, 999_999_999)}", start,
                    statuses[r.Next(statuses.Length)], type));
            }
            instances.Add(new RocketMqInstance(id, $"rocketmq-{Words[k]}-{k + 1}", tasks));
        }
        return instances;
    }

    private static RocketMqMigrationTask BuildMqTask(Random r, string id, string name, string start, string status, string type)
    {
        var vhosts = new List<string>(); var exchanges = new List<RabbitExchange>(); var queues = new List<RabbitQueue>();
        var bindings = new List<RabbitBinding>(); var topics = new List<string>(); var groups = new List<string>();
        var content = new JsonObject();
        if (type == "rabbitToRocket")
        {
            int nv = r.Next(1, 4);
            for (int v = 0; v < nv; v++)
            {
                string vh = v == 0 ? "/" : $"vhost{v}";
                vhosts.Add(vh);
                int ne = r.Next(1, 4);
                for (int e = 0; e < ne; e++)
                {
                    string[] types = ["direct", "topic", "fanout", "headers"];
                    var ex = new RabbitExchange(vh, $"exchange{e + 1}", types[r.Next(types.Length)], r.Next(5) != 0);
                    exchanges.Add(ex);
                    int nq = r.Next(1, 4);
                    for (int q = 0; q < nq; q++)
                    {
                        var qu = new RabbitQueue(vh, $"queue-{e + 1}-{q + 1}", r.Next(5) != 0);
                        queues.Add(qu);
                        bindings.Add(new RabbitBinding(vh, ex.Name, qu.Name, "queue", ex.Type == "fanout" ? "" : $"key.{e + 1}.{q + 1}"));
                    }
                }
            }
            content["vhosts"] = new JsonArray(vhosts.Select(v => (JsonNode)new JsonObject { ["name"] = v }).ToArray());
            content["queues"] = QueuesJson(queues);
            content["exchanges"] = ExchangesJson(exchanges);
            content["bindings"] = BindingsJson(bindings);
        }
        else
        {
            var topicTable = new JsonObject();
            int nt = r.Next(1, 6);
            for (int i = 0; i < nt; i++)
            {
                string tn = $"topic-{Words[r.Next(Words.Length)]}-{i + 1}";
                if (topicTable.ContainsKey(tn)) continue;
                topics.Add(tn);
                int qn = r.Next(4) == 0 ? 8 : 16;
                topicTable[tn] = new JsonObject
                {
                    ["topicName"] = tn, ["order"] = r.Next(6) == 0, ["perm"] = 6, ["readQueueNums"] = qn,
                    ["writeQueueNums"] = qn, ["topicFilterType"] = r.Next(5) == 0 ? "MULTI_TAG" : "SINGLE_TAG", ["topicSysFlag"] = 0,
                };
            }
            var groupTable = new JsonObject();
            int ng = r.Next(1, 5);
            for (int i = 0; i < ng; i++)
            {
                string gn = $"GID_{Words[r.Next(Words.Length)]}_{i + 1}";
                groups.Add(gn);
                groupTable[gn] = new JsonObject
                {
                    ["groupName"] = gn, ["consumeEnable"] = true, ["consumeFromMinEnable"] = true,
                    ["consumeBroadcastEnable"] = r.Next(8) == 0, ["retryQueueNums"] = 1, ["retryMaxTimes"] = 16,
                    ["whichBrokerWhenConsumeSlow"] = 1, ["notifyConsumerIdsChangedEnable"] = true,
                };
            }
            content["topicConfigTable"] = topicTable;
            content["subscriptionGroupTable"] = groupTable;
        }
        return new RocketMqMigrationTask(id, name, start, status, type, vhosts, exchanges, queues, bindings, topics, groups,
            content.ToJsonString());
    }

    internal static JsonArray QueuesJson(IEnumerable<RabbitQueue> qs) =>
        new(qs.Select(q => (JsonNode)new JsonObject { ["vhost"] = q.Vhost, ["name"] = q.Name, ["durable"] = q.Durable }).ToArray());
    internal static JsonArray ExchangesJson(IEnumerable<RabbitExchange> es) =>
        new(es.Select(e => (JsonNode)new JsonObject { ["vhost"] = e.Vhost, ["name"] = e.Name, ["type"] = e.Type, ["durable"] = e.Durable }).ToArray());
    internal static JsonArray BindingsJson(IEnumerable<RabbitBinding> bs) =>
        new(bs.Select(b => (JsonNode)new JsonObject
        {
            ["vhost"] = b.Vhost, ["source"] = b.Source, ["destination"] = b.Destination,
            ["destination_type"] = b.DestinationType, ["routing_key"] = b.RoutingKey,
        }).ToArray());

    private static (List<DrsBackupMigrationJob>, List<string>) BuildDrs(Random r)
    {
        var instances = new List<(string Id, string Name)>();
        for (int i = 0; i < 24; i++)
            instances.Add((Hex(r, 32) + "in04", $"rds-sqlserver-{Words[i % Words.Length]}-{i + 1}"));
        string[] eps = ["0", "0", "0", "0", Guid(r), Guid(r)];
        var jobs = new List<DrsBackupMigrationJob>(DrsJobCount);
        var t = DrsBase;
        for (int i = 0; i < DrsJobCount; i++)
        {
            t = t.AddMinutes(r.Next(10, 900)).AddSeconds(r.Next(60));
            int roll = r.Next(100);
            string status = roll < 60 ? "SUCCESS" : roll < 72 ? "FAILED" : roll < 82 ? "PRECHECK FAILED" : "TRANSFERRING";
            var inst = instances[r.Next(instances.Count)];
            string name = r.Next(100) < 70 ? $"DRS-{r.Next(1000, 10000)}" : $"sqlserver-restore-{Words[r.Next(Words.Length)]}-{i + 1}";
            DateTimeOffset? fin = status switch
            {
                "TRANSFERRING" => null,
                "PRECHECK FAILED" => t.AddSeconds(r.Next(5, 120)),
                _ => t.AddSeconds(r.Next(60, 7200)),
            };
            string? err = status switch
            {
                "FAILED" => r.Next(2) == 0
                    ? "Restore database [orders] failed: The backup set holds a backup of a database other than the existing database."
                    : "Restore failed: the backup file is damaged or incomplete.",
                "PRECHECK FAILED" => "Precheck failed: the backup file does not exist in the OBS bucket or the database name already exists.",
                _ => null,
            };
            var tags = new Dictionary<string, string> { ["env"] = r.Next(3) == 0 ? "test" : "prod" };
            if (r.Next(4) == 0) tags["team"] = Words[r.Next(Words.Length)];
            jobs.Add(new DrsBackupMigrationJob(Guid(r), name, status, err, $"Destination RDS instance name: {inst.Name}",
                Iso(t), t, fin is { } f ? Iso(f) : null, fin, eps[r.Next(eps.Length)], inst.Id, inst.Name, tags));
        }
        return (jobs, instances.Select(x => x.Id).ToList());
    }

    internal static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static List<IamProject> BuildIam(Random r, string projectId, string domainId, string region, IReadOnlyList<string> extraRegions)
    {
        var list = new List<IamProject>
        {
            new(projectId, region, domainId, domainId, "", true),
            // A sub-project: its name starts with the region but is not equal to it, so ?name=<region> must not match it.
            new(Hex(r, 32), region + "_sub", domainId, projectId, "sub-project of " + region, true),
        };
        foreach (var other in OtherRegions)
            if (other != region) list.Add(new(Hex(r, 32), other, domainId, domainId, "", true));
        if (DuplicateProjectRegion != region)
        {
            // Two projects with the same exact name: IAM discovery must report "multiple project ids found".
            list.Add(new(Hex(r, 32), DuplicateProjectRegion, domainId, domainId, "", true));
            list.Add(new(Hex(r, 32), DuplicateProjectRegion, domainId, domainId, "second project", true));
        }
        // Last, so the ids above stay as they were: the global project every account has.
        list.Add(new(Hex(r, 32), GlobalProject, domainId, domainId, "global project", true));
        foreach (var extra in extraRegions)
            if (list.All(p => p.Name != extra)) list.Add(new(Hex(r, 32), extra, domainId, domainId, "", true));
        return list;
    }
}
