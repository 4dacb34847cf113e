using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Json;
using Xunit;

namespace MigrationTools.Core.Tests.Hostile;

/// <summary>
/// Generated inputs for the response readers: every truncation of a sample answer, every field swapped to each
/// other JSON type, random nesting. Each may only end in a typed answer or a MalformedResponse error (never an
/// unexpected exception, never a service error invented from data), and no error quotes a secret.
/// </summary>
public sealed class GeneratedInputTests
{
    private const string DcsPage = """
        { "count" : 2, "migration_tasks" : [ {
            "task_id" : "2944a563-6f27-4604-9c16-a9a53cd95cc7", "task_name" : "dcs-migration-test-6-16", "status" : "TERMINATED",
            "migration_type" : "online_migration", "migration_method" : "incremental_migration", "data_source" : "192.168.0.200:6379",
            "source_instance_id" : "132e0017-715b-4556-930a-95c7db7e8f7a", "created_at" : "2021-06-16T06:12:55.508Z",
            "error_message" : null, "released_at" : "202404011057", "supported_features" : [ "x" ] },
          { "task_id" : "b", "created_at" : 1718000000000, "description" : "second" } ] }
        """;

    private const string DcsDetail = """
        { "task_id" : "t1", "task_name" : "n", "status" : "SUCCESS", "migration_type" : "backupfile_import",
          "source_instance" : { "id" : "s1", "addrs" : "10.0.0.1:6379", "port" : 6379, "proxy_multi_db" : false },
          "target_instance" : { "id" : "d1", "name" : "target", "db" : "0" },
          "backup_files" : { "file_source" : "self_build_obs", "bucket_name" : "b", "files" : [ { "file_name" : "a.rdb", "size" : "1024", "update_at" : "2024-08-19T02:27:15Z" } ] },
          "created_at" : "2021-06-16T06:12:55.508Z", "bandwidth_limit_mb" : 100 }
        """;

    private const string DcsStats = """{ "full_migration_progress" : "99.5%", "offset" : 100, "source_dbsize" : "531221", "target_dbsize" : 531211, "target_input_kbps" : 50.25, "target_ops" : 5300, "is_migrating" : "true" }""";

    private const string RocketMqPage = """{ "total" : 1, "task" : [ { "id" : "6cf4", "name" : "task-9", "start_date" : "2023-03-13 19:43:32.12", "status" : "finished", "type" : "rabbitToRocket" } ] }""";

    private const string RdsPage = """{ "jobs" : [ { "id" : "0667", "name" : "DRS-6813", "status" : "SUCCESS", "engine_type" : "sqlserver", "create_time" : "2024-08-19T02:27:15Z", "finish_time" : "2024-08-19T02:29:03Z" } ], "count" : 35 }""";

    private static readonly JsonNode?[] Replacements =
    {
        null, JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(1.5), JsonValue.Create(long.MaxValue), JsonNode.Parse("1e300"),
        JsonValue.Create(""), JsonValue.Create("text"), JsonValue.Create("2021-13-45"), JsonValue.Create("99.5%"), JsonValue.Create(true),
        new JsonObject(), new JsonObject { ["x"] = 1 }, new JsonArray(), new JsonArray(1, "a", null),
    };

    public static TheoryData<string> Samples => new() { "dcs-page", "dcs-detail", "dcs-stats", "rocketmq-page", "rds-page" };

    /// <summary>Reads a body the way the client does; returns the error, or null for a typed answer.</summary>
    private static MalformedResponseException? Read(string sample, byte[] body)
    {
        return sample switch
        {
            "dcs-page" => Outcome(body, DcsApi.MigrationTasks.PageType),
            "dcs-detail" => Outcome(body, DcsApi.MigrationTask.AnswerType),
            "dcs-stats" => Outcome(body, DcsApi.MigrationStats.AnswerType),
            "rocketmq-page" => Outcome(body, RocketMqApi.MigrationTasks.PageType),
            _ => Outcome(body, DrsApi.BackupMigrationJobs.PageType),
        };
    }

    private static MalformedResponseException? Outcome<T>(byte[] bytes, JsonTypeInfo<T> type)
    {
        using var body = ResponseBody.ReadAsync(new MemoryStream(bytes), long.MaxValue, truncate: false, CancellationToken.None).GetAwaiter().GetResult();
        try
        {
            var value = AnswerReader.Read("Sample API", HttpStatusCode.OK, body, "rid", type);
            Assert.NotNull(value);
            return null;
        }
        catch (MalformedResponseException ex)
        {
            Assert.StartsWith("Sample API returned an answer that could not be read (HTTP 200): ", ex.Message);
            Assert.StartsWith("MalformedResponse.", ex.ErrorId);
            Assert.DoesNotContain("System.", ex.Message);
            HostileServerTests.NoSecrets(ex.ToString());
            return ex;
        }
        // Anything else (a service error, NullReferenceException, an ArgumentOutOfRangeException...) fails the test.
    }

    private static string SampleOf(string sample) => sample switch
    {
        "dcs-page" => DcsPage,
        "dcs-detail" => DcsDetail,
        "dcs-stats" => DcsStats,
        "rocketmq-page" => RocketMqPage,
        _ => RdsPage,
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_samples_read_whole(string sample) => Assert.Null(Read(sample, Encoding.UTF8.GetBytes(SampleOf(sample))));

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_truncation_is_a_page_or_a_malformed_response(string sample)
    {
        var bytes = Encoding.UTF8.GetBytes(SampleOf(sample));
        var kinds = new HashSet<MalformedKind>();
        for (var length = 0; length < bytes.Length; length++)
        {
            var error = Read(sample, bytes[..length]);
            // A prefix is never the whole answer: only trailing white space may be cut without an error.
            if (error is null) Assert.True(string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(bytes[length..])), $"a cut at {length} of {bytes.Length} was read as an answer");
            else kinds.Add(error.Kind);
        }
        Assert.Contains(MalformedKind.Empty, kinds);
        Assert.Contains(MalformedKind.InvalidJson, kinds);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_field_swapped_to_another_type_is_a_page_or_names_the_field(string sample)
    {
        var root = JsonNode.Parse(SampleOf(sample))!;
        var paths = new List<string>();
        Collect(root, "$", paths);
        var cases = 0;
        foreach (var path in paths)
        {
            foreach (var replacement in Replacements)
            {
                var copy = JsonNode.Parse(SampleOf(sample))!;
                Replace(copy, path, replacement?.DeepClone());
                var error = Read(sample, Encoding.UTF8.GetBytes(copy.ToJsonString()));
                cases++;
                if (error is { Kind: MalformedKind.UnexpectedJson })
                {
                    Assert.NotNull(error.Field);
                    // The field named is the one swapped, or (a list swapped for an object) inside it.
                    Assert.True(error.Field!.StartsWith(path, StringComparison.Ordinal) || path.StartsWith(error.Field, StringComparison.Ordinal), $"{path} -> {error.Field}");
                }
            }
        }
        Assert.True(cases > 20);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Random_nesting_is_a_page_or_a_malformed_response(string sample)
    {
        var random = new Random(20261201);
        var paths = new List<string>();
        Collect(JsonNode.Parse(SampleOf(sample))!, "$", paths);
        for (var i = 0; i < 60; i++)
        {
            var copy = JsonNode.Parse(SampleOf(sample))!;
            var depth = random.Next(1, 120); // past the reader's 64 levels too
            if (i % 10 == 0)
            {
                Read(sample, Encoding.UTF8.GetBytes(Nest(random, depth)));
                continue;
            }
            var nested = Nest(random, depth);
            var path = paths[random.Next(paths.Count)];
            var text = copy.ToJsonString();
            // Spliced as text: JsonNode itself refuses more than 64 levels.
            Replace(copy, path, JsonValue.Create("@@SPLICE@@"));
            text = copy.ToJsonString().Replace("\"@@SPLICE@@\"", nested);
            Read(sample, Encoding.UTF8.GetBytes(text));
        }
    }

    private static string Nest(Random random, int depth)
    {
        var sb = new StringBuilder();
        var closers = new Stack<char>();
        for (var d = 0; d < depth; d++)
        {
            if (random.Next(2) == 0) { sb.Append("{\"k").Append(d).Append("\":"); closers.Push('}'); }
            else { sb.Append('['); if (random.Next(3) == 0) sb.Append("1,"); closers.Push(']'); }
        }
        sb.Append(random.Next(3) switch { 0 => "null", 1 => "\"leaf\"", _ => "42" });
        while (closers.Count > 0) sb.Append(closers.Pop());
        return sb.ToString();
    }

    private static void Collect(JsonNode node, string path, List<string> paths)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    var p = path + "." + name;
                    paths.Add(p);
                    if (child is not null) Collect(child, p, paths);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var p = $"{path}[{i}]";
                    paths.Add(p);
                    if (a[i] is { } child) Collect(child, p, paths);
                }
                break;
        }
    }

    private static void Replace(JsonNode root, string path, JsonNode? value)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        var parentPath = path[..cut];
        var parent = parentPath == "$" ? root : Find(root, parentPath);
        if (path[cut] == '.') ((JsonObject)parent!)[path[(cut + 1)..]] = value;
        else ((JsonArray)parent!)[int.Parse(path[(cut + 1)..^1])] = value;
    }

    private static JsonNode? Find(JsonNode root, string path)
    {
        var node = root;
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(new[] { '.', '[' }, i + 1);
                if (end < 0) end = path.Length;
                node = node![path[(i + 1)..end]];
                i = end;
            }
            else
            {
                var end = path.IndexOf(']', i);
                node = node![int.Parse(path[(i + 1)..end])];
                i = end + 1;
            }
        }
        return node;
    }

    [Fact]
    public void An_error_inside_a_nested_list_names_its_whole_path()
    {
        var json = DcsDetail.Replace("\"size\" : \"1024\"", "\"size\" : \"big\"");
        var error = Read("dcs-detail", Encoding.UTF8.GetBytes(json));
        Assert.Equal("$.backup_files.files[0].size", error!.Field);
        Assert.Contains("\"big\"", error.Message);
    }

    [Theory]
    [InlineData("\"99.5%\"", 99.5)]
    [InlineData("\"100%\"", 100d)]
    [InlineData("\" 42 % \"", 42d)]
    [InlineData("\"0%\"", 0d)]
    public void Progress_in_percent_is_read_as_its_number(string value, double expected)
    {
        var stats = JsonSerializer.Deserialize("{\"full_migration_progress\":" + value + "}", DcsApi.MigrationStats.AnswerType)!;
        Assert.Equal(expected, stats.FullMigrationProgress);
    }
}
