using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Credentials;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;
using MigrationTools.Core.Json;
using MigrationTools.Core.Paging;
using MigrationTools.Core.Signing;
using MigrationTools.Emulator;

// `-- ratios`: the plain console benchmark of issue 9 (P1-P3, page sizes), ratios from one run (Ratios.cs).
if (args.Length > 0 && args[0] == "ratios") return await Ratios.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == Ratios.PeakChildCommand) return Ratios.PeakChild(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(SigningBenchmarks).Assembly).Run(args);
return 0;

/// <summary>Cost of signing one request, paid on every attempt.</summary>
[MemoryDiagnoser]
public class SigningBenchmarks
{
    private readonly HuaweiCloudCredentials _credentials = new("HPUAEXAMPLEAK1234567", "ExampleSecretKey0123456789abcdefghijKLMN");
    private readonly DateTimeOffset _now = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Benchmark]
    public string SignListRequest()
    {
        var input = new SigningInput
        {
            Path = "/v2/0123456789abcdef0123456789abcdef/migration-tasks",
            Query = new List<KeyValuePair<string, string>> { new("offset", "200"), new("limit", "100"), new("name", "orders") },
        };
        return RequestSigner.Sign(input, "dcs.cn-north-4.myhuaweicloud.com", _credentials, "0123456789abcdef0123456789abcdef", _now).Authorization;
    }
}

/// <summary>Cost of reading one full DCS page (1,000 tasks) into the typed models.</summary>
[MemoryDiagnoser]
public class ParsingBenchmarks
{
    private string _page = "";

    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder("{\"count\":1000,\"migration_tasks\":[");
        for (var i = 0; i < 1000; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $$"""{"task_id":"2944a563-6f27-4604-9c16-{{i:D12}}","task_name":"dcs-migration-{{i}}","status":"SUCCESS","migration_type":"online_migration","migration_method":"incremental_migration","data_source":"192.168.0.200:6379","source_instance_name":"src","source_instance_id":"132e0017-715b-4556-930a-95c7db7e8f7a","target_instance_addrs":"192.168.0.153:6379","target_instance_name":"dst","target_instance_id":"eb1a8d1c-9ea6-4fcd-ac43-c3d3c2493f06","created_at":"2021-06-16T06:12:55.508Z","description":"d","error_message":null,"released_at":"202404011057","version":"6.0.21","resume_mode":"auto","supported_features":[]}""");
        }
        _page = sb.Append("]}").ToString();
    }

    [Benchmark]
    public int ParseDcsPageOf1000() => JsonSerializer.Deserialize(_page, DcsApi.MigrationTasks.PageType)!.Records!.Count;
}

/// <summary>A whole listing over real HTTP with real signatures: 1,200 DCS tasks from the emulator.</summary>
public class ListingBenchmarks
{
    private EmulatorHost _emulator = null!;
    private HuaweiCloudClient _client = null!;

    [Params(100, 1000)]
    public int PageSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _emulator = EmulatorHost.StartAsync(new EmulatorOptions { Port = 0 }).GetAwaiter().GetResult();
        var context = new ClientContext(
            new FixedSigningCredentials(new HuaweiCloudCredentials(_emulator.AccessKey, _emulator.SecretKey, source: "benchmark")),
            _emulator.Region, _emulator.ProjectId,
            new Dictionary<CloudService, Uri> { [CloudService.Dcs] = _emulator.BaseUri });
        _client = new HuaweiCloudClient(context, new PlainOperationHost());
    }

    [GlobalCleanup]
    public void Cleanup() => _emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public int ListAllDcsTasks() => DcsApi.ListMigrationTasks(_client, null, new PageOptions { PageSize = PageSize }).Count();
}
