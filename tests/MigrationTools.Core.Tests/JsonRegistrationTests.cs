using System.Reflection;
using System.Text.Json.Serialization;
using MigrationTools.Core.Http;
using MigrationTools.Core.Json;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>
/// A collection read through ReadableListConverter&lt;T&gt; needs List&lt;T&gt; in the source-generated context that reads
/// its owner, and the generator cannot see that: left out, everything compiles and the API fails at run time. This
/// walks every type each context reads (the module's, and each service's in Apis/), and every property's converter,
/// and fails for any type that context cannot give.
/// </summary>
public sealed class JsonRegistrationTests
{
    [Fact]
    public void Every_type_a_converter_asks_a_context_for_is_registered_there()
    {
        var missing = new List<string>();
        foreach (var context in Contexts())
        {
            foreach (var (owner, property, needed) in TypesNeeded(Roots(context)))
            {
                // A service's context reads with MigrationJsonContext behind it (MigrationJsonContext.OptionsFor).
                if (context.GetTypeInfo(needed) is null && MigrationJsonContext.Default.GetTypeInfo(needed) is null)
                    missing.Add($"{owner.Name}.{property.Name} needs {Describe(needed)}: add [JsonSerializable(typeof({Describe(needed)}))] to {context.GetType().Name}");
            }
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void The_walk_finds_the_contexts_and_the_collections_of_the_models()
    {
        // Guards the test above against walking nothing.
        var contexts = Contexts().Select(c => c.GetType().Name).ToList();
        Assert.Contains("DcsJson", contexts);
        Assert.Contains("DrsJson", contexts);
        var needed = Contexts().SelectMany(c => TypesNeeded(Roots(c))).Select(t => t.Needed).ToList();
        Assert.Contains(typeof(List<string>), needed);
        Assert.Contains(typeof(List<Models.DcsBackupFile>), needed);
        Assert.Contains(typeof(List<Models.RdsTag>), needed);
    }

    /// <summary>Every source-generated context of the module, as the module reads with it.</summary>
    private static IEnumerable<JsonSerializerContext> Contexts() =>
        typeof(MigrationJsonContext).Assembly.GetTypes()
            .Where(t => typeof(JsonSerializerContext).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (JsonSerializerContext)t.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!);

    /// <summary>The types a context is declared to read (its [JsonSerializable] attributes).</summary>
    private static IEnumerable<Type> Roots(JsonSerializerContext context) =>
        context.GetType().GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(JsonSerializableAttribute))
            .Select(a => (Type)a.ConstructorArguments[0].Value!);

    /// <summary>Every property of every type reachable from a context's roots, with the types its converter asks for.</summary>
    private static IEnumerable<(Type Owner, PropertyInfo Property, Type Needed)> TypesNeeded(IEnumerable<Type> roots)
    {
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>(roots);
        while (queue.Count > 0)
        {
            var type = queue.Dequeue();
            if (!seen.Add(type) || type.Assembly != typeof(MigrationJsonContext).Assembly && !type.IsGenericType) continue;
            foreach (var element in ElementTypes(type)) queue.Enqueue(element);
            if (type.Assembly != typeof(MigrationJsonContext).Assembly) continue;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null) continue;
                queue.Enqueue(property.PropertyType);
                var converter = property.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType;
                if (converter is { IsGenericType: true } && converter.GetGenericTypeDefinition() == typeof(ReadableListConverter<>))
                {
                    var item = converter.GetGenericArguments()[0];
                    yield return (type, property, typeof(List<>).MakeGenericType(item));
                    queue.Enqueue(item);
                }
            }
        }
    }

    private static IEnumerable<Type> ElementTypes(Type type) =>
        type.IsArray ? new[] { type.GetElementType()! } : type.IsGenericType ? type.GetGenericArguments() : Array.Empty<Type>();

    private static string Describe(Type t) => t.IsGenericType
        ? $"{t.Name[..t.Name.IndexOf('`')]}<{string.Join(", ", t.GetGenericArguments().Select(Describe))}>"
        : t.Name;
}

/// <summary>Null records are dropped in one place, the read path, whichever list API's page it is.</summary>
public sealed class RecordPageTests
{
    public static TheoryData<string> ListApis() => new(ListApiFields().Select(f => f.DeclaringType!.Name + "." + f.Name));

    [Theory]
    [MemberData(nameof(ListApis))]
    public void A_page_drops_its_null_records_with_a_warning_naming_its_list(string api)
    {
        var field = ListApiFields().Single(f => f.DeclaringType!.Name + "." + f.Name == api);
        var pageType = (System.Text.Json.Serialization.Metadata.JsonTypeInfo)field.FieldType
            .GetProperty("PageType", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(field.GetValue(null))!;
        var records = pageType.Properties.Single(p => p.IsRequired).Name;
        var warnings = new List<string>();
        var host = new PlainOperationHost(log: (level, line) => { if (level == LogLevel.Warning) warnings.Add(line); });
        using var body = ResponseBodyFor($"{{\"{records}\": [null, {{}}, null]}}");
        var read = typeof(AnswerReader).GetMethod(nameof(AnswerReader.Read))!.MakeGenericMethod(pageType.Type)
            .Invoke(null, new object?[] { api, System.Net.HttpStatusCode.OK, body, "rid", pageType, host });
        Assert.Single((System.Collections.IList)pageType.Properties.Single(p => p.IsRequired).Get!(read!)!);
        Assert.Contains($"2 null record(s) in '{records}'", Assert.Single(warnings));
    }

    [Fact]
    public void Every_list_api_is_found()
    {
        Assert.True(ListApiFields().Count() >= 4, $"found only {ListApiFields().Count()} list APIs");
    }

    private static IEnumerable<FieldInfo> ListApiFields() =>
        typeof(MigrationJsonContext).Assembly.GetTypes()
            .Where(t => t.Namespace == "MigrationTools.Core.Apis")
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(Apis.ListApi<>));

    private static ResponseBody ResponseBodyFor(string json) =>
        ResponseBody.ReadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), long.MaxValue, false, CancellationToken.None).GetAwaiter().GetResult();
}
