using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using MigrationTools.Core.Credentials;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;
using MigrationTools.Emulator;
using Xunit;

namespace MigrationTools.Core.Tests.Contract;

/// <summary>
/// The emulator's answers against the official SDK's models: every field it sends is in the model (with the model's
/// JSON type and, for enums, one of its values), or is a quirk listed in module-map.json with its source. The
/// answers are real ones, taken over HTTP from a running emulator, in each form it can serve.
/// </summary>
public sealed class EmulatorContractTests : IAsyncLifetime
{
    private static readonly SdkContract Contract = SdkContract.Load();
    private static readonly JsonTypeInfo<JsonNode> AnyJson = (JsonTypeInfo<JsonNode>)JsonSerializerOptions.Default.GetTypeInfo(typeof(JsonNode));
    private EmulatorHost _emulator = null!;
    private HuaweiCloudClient _client = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, EnableLockout = false });
        _client = new HuaweiCloudClient(new ClientContext(
            new FixedSigningCredentials(new HuaweiCloudCredentials(_emulator.AccessKey, _emulator.SecretKey)), _emulator.Region,
            _emulator.ProjectId, CloudService.All.ToDictionary(s => s, _ => _emulator.BaseUri), new RetryOptions { MaxRetries = 0 }),
            new PlainOperationHost());
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private JsonNode Get(CloudService service, string path, params (string Key, string Value)[] query)
    {
        var request = new ApiRequest(service, "contract", path) { SendProjectId = service != CloudService.Iam };
        foreach (var (key, value) in query) request.With(key, value);
        return _client.Send(request, AnyJson);
    }

    private string P => _emulator.ProjectId;

    [Fact]
    public void DCS_answers_hold_to_the_SDK_models()
    {
        var violations = new List<string>();
        var list = Get(CloudService.Dcs, $"/v2/{P}/migration-tasks", ("limit", "1000"));
        Walk("dcs.ListMigrationTaskResponse", list, "ListMigrationTask", violations);
        // Every kind of task: each migration type and status, with and without stats.
        var sample = _emulator.Data.DcsTasks.GroupBy(t => (t.MigrationType, t.Status, t.SelfHostedSource, t.Stats is null, t.Stats?.AsStrings))
            .Select(g => g.First()).ToList();
        Assert.True(sample.Count >= 8, $"only {sample.Count} kinds of DCS tasks");
        foreach (var task in sample)
        {
            Walk("dcs.ShowMigrationTaskResponse", Get(CloudService.Dcs, $"/v2/{P}/migration-task/{task.TaskId}"), $"ShowMigrationTask {task.TaskId}", violations);
            if (task.Stats is not null)
                Walk("dcs.ShowMigrationTaskStatsResponse", Get(CloudService.Dcs, $"/v2/{P}/migration-task/{task.TaskId}/stats"), $"stats {task.TaskId}", violations);
        }
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Distinct()));
    }

    [Theory]
    [InlineData(JsonContentSpelling.CamelCase)]
    [InlineData(JsonContentSpelling.SnakeCase)]
    public void RocketMQ_answers_hold_to_the_SDK_models(JsonContentSpelling spelling)
    {
        _emulator.Behaviour.JsonContent = spelling;
        var violations = new List<string>();
        foreach (var instance in _emulator.Data.RocketMqInstances)
        {
            Walk("rocketmq.ListRocketMqMigrationTaskResponse", Get(CloudService.RocketMq, $"/v2/{P}/instances/{instance.InstanceId}/metadata", ("limit", "1000")),
                $"ListRocketMqMigrationTask {instance.InstanceId}", violations);
            foreach (var task in instance.Tasks.GroupBy(t => (t.Type, t.Status)).Select(g => g.First()))
            {
                foreach (var type in new[] { "all", "vhost", "exchange", "queue" })
                {
                    var where = $"task {task.Id} type={type} ({spelling})";
                    var detail = Get(CloudService.RocketMq, $"/v2/{P}/instances/{instance.InstanceId}/metadata", ("id", task.Id), ("type", type));
                    Walk("rocketmq.MetadataTask", detail, where, violations);
                    var content = detail["json_content"]!.GetValue<string>();
                    var parsed = JsonNode.Parse(content)!;
                    Walk("rocketmq.CreateRocketMqMigrationTaskReq", parsed, where + " json_content", violations);
                    // The spelling asked for is the one served (RocketMQ's own export is camelCase, the SDKs' snake_case).
                    if (task.Type == "rocketmq")
                        Assert.True(parsed[spelling == JsonContentSpelling.SnakeCase ? "topic_config_table" : "topicConfigTable"] is JsonObject, where);
                }
            }
        }
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Distinct()));
    }

    [Theory]
    [InlineData(RocketMqEngineSpelling.Both, "rocketmq")]
    [InlineData(RocketMqEngineSpelling.RocketMq, "rocketmq")]
    [InlineData(RocketMqEngineSpelling.Reliability, "reliability")]
    public void DMS_ListInstances_answers_hold_to_the_SDK_model(RocketMqEngineSpelling behaviour, string engine)
    {
        _emulator.Behaviour.RocketMqEngine = behaviour;
        var violations = new List<string>();
        Walk("rocketmq.ListInstancesResponse", Get(CloudService.RocketMq, $"/v2/{P}/instances"), "all engines", violations);
        var rocket = Get(CloudService.RocketMq, $"/v2/{P}/instances", ("engine", engine));
        Walk("rocketmq.ListInstancesResponse", rocket, $"engine={engine}", violations);
        Assert.Equal(_emulator.Data.RocketMqInstances.Count, rocket["instances"]!.AsArray().Count);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Distinct()));
    }

    [Fact]
    public void DRS_answers_hold_to_the_SDK_models()
    {
        var violations = new List<string>();
        Walk("drs.ListReplicationJobsResponse", Get(CloudService.Drs, $"/v5/{P}/backup-migration-jobs", ("limit", "2000")), "ListReplicationJobs", violations);
        foreach (var job in _emulator.Data.DrsJobs.GroupBy(j => j.Status).SelectMany(g => g.Take(10)))
        {
            var detail = Get(CloudService.Drs, $"/v5/{P}/backup-migration-jobs/{job.Id}");
            Walk("drs.ShowReplicationJobResponse", detail, $"ShowReplicationJob {job.Id}", violations);
            Assert.Equal(job.Name, detail["base_info"]!["name"]!.GetValue<string>());
        }
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Distinct()));
    }

    [Fact]
    public void IAM_answers_hold_to_the_SDK_model()
    {
        var violations = new List<string>();
        Walk("iam.KeystoneListProjectsResponse", Get(CloudService.Iam, "/v3/projects"), "KeystoneListProjects", violations);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Distinct()));
    }

    /// <summary>Checks <paramref name="json"/> against <paramref name="model"/>, field by field, into nested models.</summary>
    private static void Walk(string model, JsonNode? json, string where, List<string> violations)
    {
        if (json is not JsonObject o)
        {
            violations.Add($"{where}: {model} is not a JSON object");
            return;
        }
        var fields = Contract.Fields(model);
        var quirks = Contract.Section(model, "emulatorQuirks");
        var camel = Contract.CamelCase(model);
        foreach (var (name, value) in o)
        {
            var sdkName = fields.ContainsKey(name) ? name : camel is not null && fields.ContainsKey(SdkContract.Snake(name)) ? SdkContract.Snake(name) : null;
            if (sdkName is null)
            {
                if (!quirks.ContainsKey(name)) violations.Add($"{where}: {model} has no field '{name}' (the emulator sends it; list it in emulatorQuirks with its source, or stop sending it)");
                continue;
            }
            if (quirks.ContainsKey(sdkName)) continue; // a documented difference of type or values
            CheckValue(fields[sdkName]!, value, $"{where}: {model}.{sdkName}", violations);
        }
        // A field the SDK declares required (a Go field without omitempty) is always sent.
        foreach (var (name, type) in fields)
            if (type!["required"]?.GetValue<bool>() == true && !o.ContainsKey(name) && !quirks.ContainsKey(name))
                violations.Add($"{where}: {model}.{name} is required by the SDK and the emulator does not send it");
    }

    private static void CheckValue(JsonNode type, JsonNode? value, string where, List<string> violations)
    {
        if (value is null) return; // JSON null: the SDKs' pointers take it
        var kind = value.GetValueKind();
        switch (type["type"]!.ToString())
        {
            case "string":
                if (kind != JsonValueKind.String) { violations.Add($"{where} is {kind}, the SDK says string"); return; }
                if (type["enum"] is JsonArray values && !values.Any(v => v!.GetValue<string>() == value.GetValue<string>()))
                    violations.Add($"{where} is '{value}', not one of the SDK's {values.ToJsonString()}");
                break;
            case "integer":
                if (kind != JsonValueKind.Number || !long.TryParse(value.ToJsonString(), out _)) violations.Add($"{where} is {value.ToJsonString()}, the SDK says integer");
                break;
            case "number":
                if (kind != JsonValueKind.Number) violations.Add($"{where} is {kind}, the SDK says number");
                break;
            case "boolean":
                if (kind is not (JsonValueKind.True or JsonValueKind.False)) violations.Add($"{where} is {kind}, the SDK says boolean");
                break;
            case "array":
                if (value is not JsonArray array) { violations.Add($"{where} is {kind}, the SDK says array"); return; }
                foreach (var item in array) CheckValue(type["items"]!, item, where + "[]", violations);
                break;
            case "map":
                if (value is not JsonObject map) { violations.Add($"{where} is {kind}, the SDK says an object of names"); return; }
                foreach (var (key, item) in map) CheckValue(type["values"]!, item, $"{where}[{key}]", violations);
                break;
            case "object":
                Walk(type["model"]!.ToString(), value, where, violations);
                break;
        }
    }
}
