using System.Net;
using System.Text;
using System.Text.Json;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Json;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>
/// Issue 17 item 3: the converters report facts (the field, the value, the kind of problem) and the diagnosis of an
/// unreadable answer is composed from them and from the serializer's type info, never from an exception's text.
/// </summary>
public sealed class AnswerDiagnosisTests
{
    private static ResponseBody Body(string json) =>
        ResponseBody.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), long.MaxValue, truncate: false, CancellationToken.None).GetAwaiter().GetResult();

    private const string BadTimeInAList = """{"count":1,"migration_tasks":[{"task_id":"a"},{"task_id":"b","created_at":"yesterday"}]}""";

    [Fact]
    public void A_converter_reports_the_field_the_value_and_the_problem()
    {
        var facts = Assert.Throws<AnswerValueException>(() => JsonSerializer.Deserialize(BadTimeInAList, DcsApi.MigrationTasks.PageType));
        Assert.Equal(AnswerValueProblem.NotATime, facts.Problem);
        Assert.Equal("a time", facts.Expected);
        Assert.Equal("yesterday", facts.Value);
        Assert.Equal("$.migration_tasks[1].created_at", facts.FullPath);
    }

    [Theory]
    [InlineData("""{"count":1,"migration_tasks":[{"task_id":"a","supported_features":7}]}""", AnswerValueProblem.WrongKind, "a list", null)]
    [InlineData("""{"count":"many","migration_tasks":[]}""", AnswerValueProblem.NotANumber, "a number", "many")]
    [InlineData("""{"count":1e300,"migration_tasks":[]}""", AnswerValueProblem.OutOfRange, "a number", "1E+300")]
    public void Each_kind_of_problem_is_a_fact(string json, AnswerValueProblem problem, string expected, string? value)
    {
        var facts = Assert.Throws<AnswerValueException>(() => JsonSerializer.Deserialize(json, DcsApi.MigrationTasks.PageType));
        Assert.Equal((problem, expected, value), (facts.Problem, facts.Expected, facts.Value));
    }

    [Fact]
    public void The_diagnosis_names_the_field_and_value_from_the_facts()
    {
        using var body = Body(BadTimeInAList);
        var error = Assert.Throws<MalformedResponseException>(() =>
            AnswerReader.Read("DCS ListMigrationTask", HttpStatusCode.OK, body, "rid", DcsApi.MigrationTasks.PageType));
        Assert.Equal(MalformedKind.UnexpectedJson, error.Kind);
        Assert.Equal("$.migration_tasks[1].created_at", error.Field);
        Assert.Contains("the field $.migration_tasks[1].created_at is \"yesterday\": 'yesterday' is not a time in a known format.", error.Message);
        Assert.IsType<AnswerValueException>(error.InnerException);
    }

    [Fact]
    public void The_serializers_own_failure_is_explained_from_the_type_not_from_its_text()
    {
        using var body = Body("""{"task_id":"t1","status":"SUCCESS","backup_files":5}""");
        var error = Assert.Throws<MalformedResponseException>(() =>
            AnswerReader.Read("DCS ShowMigrationTask", HttpStatusCode.OK, body, "rid", DcsApi.MigrationTask.AnswerType));
        Assert.Equal("$.backup_files", error.Field);
        Assert.Contains("the field $.backup_files is 5, not an object.", error.Message);
    }

    public static TheoryData<string, string, string?> MalformedAnswers => new()
    {
        // a wrong type in a nested field: a list entry's supported_features holds a number
        { """{"count":1,"migration_tasks":[{"task_id":"a"},{"task_id":"b","supported_features":7}]}""", "MalformedResponse.UnexpectedJson", "$.migration_tasks[1].supported_features" },
        // a bad date
        { """{"count":1,"migration_tasks":[{"task_id":"a","created_at":"31/02/2024 25:00"}]}""", "MalformedResponse.UnexpectedJson", "$.migration_tasks[0].created_at" },
        // a wrong type the serializer refuses on its own (an object where a string goes)
        { """{"count":1,"migration_tasks":[{"task_id":{"id":1}}]}""", "MalformedResponse.UnexpectedJson", "$.migration_tasks[0].task_id" },
        // a truncated body
        { """{"count":1,"migration_tasks":[{"task_id":"a","sta""", "MalformedResponse.InvalidJson", null },
        // a body that is not JSON at all
        { "Service Unavailable", "MalformedResponse.InvalidJson", null },
        { "<html><body>502 Bad Gateway</body></html>", "MalformedResponse.Html", null },
    };

    [Theory]
    [MemberData(nameof(MalformedAnswers))]
    public void A_malformed_answer_names_its_field_and_request_id_with_a_specific_error_id(string json, string errorId, string? field)
    {
        using var body = Body(json);
        var error = Assert.Throws<MalformedResponseException>(() =>
            AnswerReader.Read("DCS ListMigrationTask", HttpStatusCode.OK, body, "req-4711", DcsApi.MigrationTasks.PageType));
        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal("req-4711", error.RequestId);
        Assert.Contains("Request id: req-4711.", error.Message);
        Assert.Equal(field, error.Field);
        if (field is not null) Assert.Contains("the field " + field + " is ", error.Message);
    }

    [Theory]
    [InlineData("""{"task_id":"t1","backup_files":{"files":[{"file_name":"a"},{"file_name":"b","size":"big"}]}}""", "$.backup_files.files[1].size", "'big' is not a number")]
    [InlineData("""{"task_id":"t1","backup_files":{"files":[{"file_name":"a","update_at":"someday"}]}}""", "$.backup_files.files[0].update_at", "'someday' is not a time")]
    [InlineData("""{"task_id":"t1","backup_files":{"files":[{"file_name":"a"},[3]]}}""", "$.backup_files.files[1]", "not an object")]
    public void A_bad_value_inside_a_list_the_module_reads_itself_is_named_by_its_whole_path(string json, string field, string problem)
    {
        using var body = Body(json);
        var error = Assert.Throws<MalformedResponseException>(() =>
            AnswerReader.Read("DCS ShowMigrationTask", HttpStatusCode.OK, body, "req-9", DcsApi.MigrationTask.AnswerType));
        Assert.Equal(("MalformedResponse.UnexpectedJson", field), (error.ErrorId, error.Field));
        Assert.Contains("the field " + field + " is ", error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Contains("Request id: req-9.", error.Message);
    }

    /// <summary>
    /// The diagnosis reads the failure's facts (its type, path, position), never its text: a serializer failure
    /// whose message says something else entirely is explained exactly as the real one.
    /// </summary>
    [Theory]
    [InlineData("""{"task_id":"t1","status":"SUCCESS","backup_files":5}""")]
    [InlineData("""{"task_id":"t1","source_instance":[1]}""")]
    [InlineData("""{"task_id":"t1","target_instance":true}""")]
    public void The_diagnosis_is_the_same_whatever_the_serializers_message_says(string json)
    {
        using var body = Body(json);
        var sequence = body.AsSequence();
        var real = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, DcsApi.MigrationTask.AnswerType));
        Assert.IsNotType<AnswerValueException>(real); // the serializer's own failure, with its own text
        var misleading = new JsonException(
            "The maximum configured depth of 64 has been exceeded. The JSON value could not be converted to System.Int32. Expected a list, got Number.",
            real.Path, real.LineNumber, real.BytePositionInLine, real.InnerException);
        var expected = AnswerDiagnosis.Explain("API", HttpStatusCode.OK, sequence, body, "rid", DcsApi.MigrationTask.AnswerType, real);
        var actual = AnswerDiagnosis.Explain("API", HttpStatusCode.OK, sequence, body, "rid", DcsApi.MigrationTask.AnswerType, misleading);
        Assert.Equal(expected.Message, actual.Message);
        Assert.DoesNotContain("System.", actual.Message);
        Assert.DoesNotContain("configured depth", actual.Message);

    }

    /// <summary>
    /// No code that reads or diagnoses an answer reads an exception's message: System.Text.Json's English text may
    /// change with any upgrade (or a culture), the facts do not.
    /// </summary>
    [Fact]
    public void No_answer_reading_code_parses_an_exceptions_message()
    {
        var core = Path.Combine(SourceTree.Root, "src", "MigrationTools.Core");
        var readers = new[] { "Http", "Json" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(core, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => File.ReadAllText(file).Contains("JsonException", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(readers, f => f.EndsWith("AnswerDiagnosis.cs", StringComparison.Ordinal));
        var offenders = readers
            .SelectMany(file => File.ReadAllLines(file).Select((line, i) => (file, line, i)))
            .Where(x => System.Text.RegularExpressions.Regex.IsMatch(x.line, @"\.Message\b"))
            .Select(x => $"{Path.GetRelativePath(SourceTree.Root, x.file)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "Answer-reading code reads an exception's message:\n" + string.Join("\n", offenders));
    }
}
