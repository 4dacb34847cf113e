using System.Globalization;

namespace MigrationTools.Emulator;

/// <summary>dotnet run --project src/MigrationTools.Emulator [-- options]</summary>
public static class EmulatorProgram
{
    internal const string Usage = """
        MigrationTools.Emulator: an emulator of the Huawei Cloud APIs the MigrationTools module calls
        (DCS migration tasks and stats, DMS RocketMQ metadata migration, DRS/RDS backup migration jobs, IAM projects and
        temporary keys of an agency of a second account, ECS metadata credentials) behind an SDK-HMAC-SHA256 gateway, on http://127.0.0.1 only.

        Options:
          --port N                port to listen on (default 5080; 0 = a free port)
          --seed N                seed of the deterministic data set and keys (default 42)
          --region NAME           region (default cn-north-4)
          --latency-ms N          added latency of every API request
          --dcs-tasks N           DCS migration tasks in the data set (default 1200; for benchmarks)
          --throttle-rate R       share (0..1) of API requests answered 429 APIG.0308
          --retry-after MODE      none|seconds|date: Retry-After header on 429 (default none)
          --retry-after-seconds N value of Retry-After (default 1)
          --error-rate R          share of API requests answered 503/502/504
          --hang-rate R           share of API requests never answered
          --malformed KIND        html|truncated|wrongtype|empty
          --malformed-rate R      share of API requests with a malformed answer
          --no-lockout            do not lock an AK after five bad signatures
          --rocketmq-engine MODE  both|rocketmq|reliability: the RocketMQ engine DMS knows (default both:
                                  instances say rocketmq, engine=reliability is its alias)
          --unknown-engine MODE   error|empty: DMS's answer to an engine it does not know (default error)
          --json-content MODE     camel|snake: spelling of RocketMQ topics and groups in json_content
          --tasks-end-after N     the running tasks of the data set end N seconds after their first read
          --help                  this text
        """;

    public static async Task<int> Main(string[] args)
    {
        var options = new EmulatorOptions { Port = 5080, ConsoleLogging = true };
        try
        {
            if (!Parse(args, options, out bool help)) return 2;
            if (help) { Console.WriteLine(Usage); return 0; }
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine("Use --help for the options.");
            return 2;
        }

        await using var host = await EmulatorHost.StartAsync(options);
        var url = host.BaseUri.ToString().TrimEnd('/');
        Console.WriteLine($"Huawei Cloud API emulator listening on {url}");
        Console.WriteLine($"  AK:         {host.AccessKey}");
        Console.WriteLine($"  SK:         {host.SecretKey}   (the emulator's own generated test key)");
        Console.WriteLine($"  Project id: {host.ProjectId}");
        Console.WriteLine($"  Domain id:  {host.DomainId}");
        Console.WriteLine($"  Region:     {host.Region}");
        Console.WriteLine($"  Agency:     {host.MemberAgencyName} of account {host.MemberDomainName} (project {host.MemberProjectId}), assumable with the AK above");
        Console.WriteLine($"  Seed:       {options.Seed}");
        Console.WriteLine($"  RocketMQ instances: {string.Join(", ", host.Data.RocketMqInstances.Select(i => $"{i.InstanceId} ({i.Tasks.Count} tasks)"))}");
        Console.WriteLine();
        Console.WriteLine("# PowerShell: point the module at the emulator");
        foreach (var line in PowerShellLines(host)) Console.WriteLine(line);
        Console.WriteLine();
        Console.WriteLine("Press Ctrl+C to stop.");

        // Ctrl+C and SIGTERM stop the host (the generic host's console lifetime); then dispose and exit.
        await host.WaitForShutdownAsync();
        return 0;
    }

    internal static IEnumerable<string> PowerShellLines(EmulatorHost host)
    {
        yield return $"$env:HUAWEICLOUD_SDK_AK = '{host.AccessKey}'";
        yield return $"$env:HUAWEICLOUD_SDK_SK = '{host.SecretKey}'";
        yield return $"$env:HUAWEICLOUD_SDK_REGION = '{host.Region}'";
        yield return $"$env:HUAWEICLOUD_SDK_PROJECT_ID = '{host.ProjectId}'";
        // Each region's endpoints, the SDKs' way (HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}): -Region a, b and * work.
        foreach (var region in host.Regions)
            foreach (var service in new[] { "DCS", "ROCKETMQ", "DRS" })
                yield return $"$env:HUAWEICLOUD_SDK_REGION_{service}_{region.Replace('-', '_').ToUpperInvariant()} = '{host.EndpointOf(region).ToString().TrimEnd('/')}'";
        // Project-id discovery and the project listing of -Region * (IAM KeystoneListProjects) are served by the emulator too.
        yield return $"$env:HUAWEICLOUD_SDK_IAM_ENDPOINT = '{host.BaseUri.ToString().TrimEnd('/')}'";
        foreach (var line in ExampleIds(host.Data)) yield return line;
        yield return "# A second account, reached through its agency that trusts this one (Set-HuaweiCloudProfile -AgencyDomain -AgencyName)";
        yield return $"$agencyDomain = '{host.MemberDomainName}'";
        yield return $"$agencyName = '{host.MemberAgencyName}'";
    }

    /// <summary>Ids of the data set that the README's examples use, as variables: a user pastes them with the rest.</summary>
    internal static IEnumerable<string> ExampleIds(EmulatorData data)
    {
        var online = data.DcsTasks.First(t => t.Status == "MIGRATING" && t.Stats is not null);
        var instance = data.RocketMqInstances.Where(i => i.Tasks.Count > 0).MinBy(i => i.Tasks.Count)!;
        var rabbit = instance.Tasks.First(t => t.Exchanges.Any(e => e.Vhost == "vhost1") && t.Queues.Any(q => q.Durable));
        var job = data.DrsJobs.First(j => j.Status == "SUCCESS");
        yield return "# Ids of the data set: a DCS online migration, a RocketMQ instance and a RabbitMQ-to-RocketMQ task";
        yield return "# of it, an RDS backup migration job and two RDS instances that jobs restore into";
        yield return $"$taskId = '{online.TaskId}'";
        yield return $"$instanceId = '{instance.InstanceId}'";
        yield return $"$rocketMqTaskId = '{rabbit.Id}'";
        yield return $"$jobId = '{job.Id}'";
        yield return $"$dbInstanceIds = {string.Join(", ", data.RdsInstanceIds.Take(2).Select(id => $"'{id}'"))}";
    }

    internal static bool Parse(string[] args, EmulatorOptions o, out bool help)
    {
        help = false;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{a} needs a value.");
            int Int() => int.TryParse(Next(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= 0
                ? v : throw new FormatException($"{a} needs a non-negative integer.");
            double Rate() => double.TryParse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && v <= 1
                ? v : throw new FormatException($"{a} needs a number from 0 to 1.");
            switch (a)
            {
                case "--help" or "-h" or "-?": help = true; break;
                case "--port": o.Port = Int(); break;
                case "--seed": o.Seed = Int(); break;
                case "--region": o.Region = Next(); break;
                case "--latency-ms": o.Faults.LatencyMs = Int(); break;
                case "--dcs-tasks": o.DcsTaskCount = Int(); break;
                case "--throttle-rate": o.Faults.ThrottleRate = Rate(); break;
                case "--retry-after":
                    o.Faults.ThrottleRetryAfter = Next().ToLowerInvariant() switch
                    {
                        "none" => RetryAfterMode.None,
                        "seconds" => RetryAfterMode.Seconds,
                        "date" or "httpdate" => RetryAfterMode.HttpDate,
                        var x => throw new FormatException($"--retry-after: unknown mode '{x}' (none|seconds|date)."),
                    };
                    break;
                case "--retry-after-seconds": o.Faults.RetryAfterSeconds = Int(); break;
                case "--error-rate": o.Faults.ServerErrorRate = Rate(); break;
                case "--hang-rate": o.Faults.HangRate = Rate(); break;
                case "--malformed":
                    o.Faults.Malformed = Next().ToLowerInvariant() switch
                    {
                        "none" => MalformedKind.None,
                        "html" => MalformedKind.Html,
                        "truncated" => MalformedKind.Truncated,
                        "wrongtype" or "wrong-type" => MalformedKind.WrongType,
                        "empty" or "empty200" => MalformedKind.Empty200,
                        var x => throw new FormatException($"--malformed: unknown kind '{x}' (html|truncated|wrongtype|empty)."),
                    };
                    break;
                case "--malformed-rate": o.Faults.MalformedRate = Rate(); break;
                case "--no-lockout": o.EnableLockout = false; break;
                case "--rocketmq-engine":
                    o.Behaviour.RocketMqEngine = Next().ToLowerInvariant() switch
                    {
                        "both" => RocketMqEngineSpelling.Both,
                        "rocketmq" => RocketMqEngineSpelling.RocketMq,
                        "reliability" => RocketMqEngineSpelling.Reliability,
                        var x => throw new FormatException($"--rocketmq-engine: unknown mode '{x}' (both|rocketmq|reliability)."),
                    };
                    break;
                case "--unknown-engine":
                    o.Behaviour.UnknownEngine = Next().ToLowerInvariant() switch
                    {
                        "error" => UnknownEngineAnswer.Error,
                        "empty" => UnknownEngineAnswer.Empty,
                        var x => throw new FormatException($"--unknown-engine: unknown mode '{x}' (error|empty)."),
                    };
                    break;
                case "--json-content":
                    o.Behaviour.JsonContent = Next().ToLowerInvariant() switch
                    {
                        "camel" or "camelcase" => JsonContentSpelling.CamelCase,
                        "snake" or "snakecase" or "snake_case" => JsonContentSpelling.SnakeCase,
                        var x => throw new FormatException($"--json-content: unknown mode '{x}' (camel|snake)."),
                    };
                    break;
                case "--tasks-end-after": o.RunningTasksEndAfter = TimeSpan.FromSeconds(Int()); break;
                default: throw new FormatException($"Unknown option '{a}'.");
            }
        }
        // --malformed without a rate: every request.
        if (o.Faults.Malformed != MalformedKind.None && o.Faults.MalformedRate == 0) o.Faults.MalformedRate = 1;
        return true;
    }
}
