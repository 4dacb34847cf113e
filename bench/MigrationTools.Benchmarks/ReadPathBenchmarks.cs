using System.Net;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Http;
using MigrationTools.Core.Json;

/// <summary>
/// Reading one DCS page, from the bytes off the wire to the typed page: the read path before issue 9 (the body
/// buffered, decoded to a string, validated by a JsonDocument pass, deserialized from the string) against today's
/// (pooled 64 KiB chunks, deserialized in place). Ratios and allocated bytes per page come from one run.
/// </summary>
[MemoryDiagnoser]
public class ReadPathBenchmarks
{
    private byte[] _page = Array.Empty<byte>();

    [Params(100, 1000)]
    public int Tasks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder("{\"count\":" + Tasks + ",\"migration_tasks\":[");
        for (var i = 0; i < Tasks; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $$"""{"task_id":"2944a563-6f27-4604-9c16-{{i:D12}}","task_name":"dcs-migration-{{i}}","status":"SUCCESS","migration_type":"online_migration","migration_method":"incremental_migration","data_source":"192.168.0.200:6379","source_instance_name":"src","source_instance_id":"132e0017-715b-4556-930a-95c7db7e8f7a","target_instance_addrs":"192.168.0.153:6379","target_instance_name":"dst","target_instance_id":"eb1a8d1c-9ea6-4fcd-ac43-c3d3c2493f06","created_at":"2021-06-16T06:12:55.508Z","description":"d","error_message":null,"released_at":"202404011057","version":"6.0.21","resume_mode":"auto","supported_features":[]}""");
        }
        _page = Encoding.UTF8.GetBytes(sb.Append("]}").ToString());
    }

    [Benchmark(Baseline = true)]
    public int StringThenDocumentThenDeserialize()
    {
        // What LoadIntoBufferAsync + ReadAsStringAsync + the JsonDocument check + Deserialize(string) did.
        using var wire = new MemoryStream(_page, writable: false);
        var buffer = new MemoryStream();
        wire.CopyTo(buffer);
        var body = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        using (JsonDocument.Parse(body)) { }
        return JsonSerializer.Deserialize(body, DcsApi.MigrationTasks.PageType)!.Records!.Count;
    }

    [Benchmark]
    public int PooledChunksDeserializedInPlace()
    {
        using var wire = new MemoryStream(_page, writable: false);
        using var body = ResponseBody.ReadAsync(wire, ResponseLimits.DefaultMaxBytes, truncate: false, CancellationToken.None).GetAwaiter().GetResult();
        return AnswerReader.Read("DCS ListMigrationTask", HttpStatusCode.OK, body, null, DcsApi.MigrationTasks.PageType).Records!.Count;
    }
}
