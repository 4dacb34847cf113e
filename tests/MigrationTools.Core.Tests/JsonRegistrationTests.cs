using System.Reflection;
using System.Text.Json.Serialization;
using MigrationTools.Core.Json;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>
/// A collection read through ReadableListConverter&lt;T&gt; needs List&lt;T&gt; in the source-generated context, and the
/// generator cannot see that: left out, everything compiles and the API fails at run time. This walks every type the
/// context reads, and every property's converter, and fails for any type the context cannot give.
/// </summary>
public sealed class JsonRegistrationTests
{
    [Fact]
    public void Every_type_a_converter_asks_the_context_for_is_registered()
    {
        var missing = new List<string>();
        foreach (var (owner, property, needed) in TypesNeeded())
        {
            if (MigrationJsonContext.Default.GetTypeInfo(needed) is null)
                missing.Add($"{owner.Name}.{property.Name} needs {Describe(needed)}: add [JsonSerializable(typeof({Describe(needed)}))] to MigrationJsonContext (Json/WireTypes.cs)");
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void The_walk_finds_the_collections_of_the_models()
    {
        // Guards the test above against walking nothing.
        var needed = TypesNeeded().Select(t => t.Needed).ToList();
        Assert.Contains(typeof(List<string>), needed);
        Assert.Contains(typeof(List<Models.DcsBackupFile>), needed);
    }

    /// <summary>Every property of every type reachable from the context's roots (the models and the wire envelopes), with the types its converter asks for.</summary>
    private static IEnumerable<(Type Owner, PropertyInfo Property, Type Needed)> TypesNeeded()
    {
        // The models and the wire envelopes (Json/WireTypes.cs): every class of those namespaces but the converters and the context.
        var roots = typeof(MigrationJsonContext).Assembly.GetTypes()
            .Where(t => t.Namespace is "MigrationTools.Core.Models" or "MigrationTools.Core.Json" && t.IsClass && !t.IsAbstract && !t.IsGenericType
                        && !typeof(JsonConverter).IsAssignableFrom(t) && !typeof(JsonSerializerContext).IsAssignableFrom(t)
                        && t.GetCustomAttribute<System.Runtime.CompilerServices.CompilerGeneratedAttribute>() is null)
            .ToList();
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

/// <summary>Null records are dropped in one place, the read path, for pages that say where their records are.</summary>
public sealed class RecordPageTests
{
    [Fact]
    public void Every_list_api_reads_a_page_that_drops_null_records()
    {
        var pages = typeof(MigrationJsonContext).Assembly.GetTypes()
            .Where(t => t.Namespace == "MigrationTools.Core.Apis")
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(Apis.ListApi<,>))
            .Select(f => f.FieldType.GetGenericArguments()[0])
            .ToList();
        Assert.True(pages.Count >= 4, $"found only {pages.Count} list APIs");
        Assert.All(pages, page => Assert.True(typeof(IRecordPage).IsAssignableFrom(page), $"{page.Name} does not implement IRecordPage"));
    }
}
