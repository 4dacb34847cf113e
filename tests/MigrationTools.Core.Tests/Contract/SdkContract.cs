using System.Text.Json.Serialization.Metadata;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MigrationTools.Core.Tests.Contract;

/// <summary>
/// tests/Contract/sdk-contract.json (the response models of the official Go SDK, generated from a named commit) and
/// tests/Contract/module-map.json (which module type reads each model, what is left out and why, the quirks of the
/// services with their sources).
/// </summary>
public sealed class SdkContract
{
    public JsonObject Sdk { get; }
    public JsonObject Map { get; }

    private SdkContract(JsonObject sdk, JsonObject map) { Sdk = sdk; Map = map; }

    public static SdkContract Load()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Contract");
        return new SdkContract(
            JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "sdk-contract.json")))!.AsObject(),
            JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "module-map.json")))!.AsObject());
    }

    public IEnumerable<string> ModelNames => Sdk["models"]!.AsObject().Select(kv => kv.Key);

    /// <summary>The SDK fields of a model: JSON name to its type node.</summary>
    public JsonObject Fields(string model) => Sdk["models"]![model]!["fields"]!.AsObject();

    public JsonObject? Entry(string model) => Map["models"]![model]?.AsObject();

    public IReadOnlyDictionary<string, string> Section(string model, string section) =>
        Entry(model)?[section]?.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.ToString()) ?? new Dictionary<string, string>();

    /// <summary>Whether the services may spell this model's fields in camelCase too (the reason, or null).</summary>
    public string? CamelCase(string model) => Entry(model)?["alsoCamelCase"]?.ToString();

    /// <summary>The module types that read a model (the first is the one nested fields are read into); none for notRead.</summary>
    public IReadOnlyList<Type> ModuleTypes(string model) => Entry(model)?["module"] switch
    {
        null => [],
        JsonArray names => names.Select(n => Resolve(n!.ToString())).ToList(),
        var name => [Resolve(name.ToString())],
    };

    public Type? ModuleType(string model) => ModuleTypes(model) is { Count: > 0 } types ? types[0] : null;

    /// <summary>A model or wire type by its full name, or a list API ("MigrationTools.Core.Apis.DcsApi.MigrationTasks")
    /// by its page type, which is described from the API's declaration.</summary>
    private static Type Resolve(string name) =>
        typeof(Core.Models.IRegionalResource).Assembly.GetType(name) ?? PageOf(name)?.Type
        ?? throw new InvalidOperationException($"module-map.json names '{name}', which is neither a type nor a list API");

    private static JsonTypeInfo? PageOf(string api) =>
        ListApiPages().FirstOrDefault(p => p.Api == api).Page;

    /// <summary>Every list API of the module (a static ListApi field in Core/Apis) with its page's description.</summary>
    private static IEnumerable<(string Api, JsonTypeInfo Page)> ListApiPages() =>
        typeof(Core.Models.IRegionalResource).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(Core.Apis.ListApi<>))
            .Select(f => (f.DeclaringType!.FullName + "." + f.Name,
                (JsonTypeInfo)f.FieldType.GetProperty("PageType", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(f.GetValue(null))!));

    /// <summary>The model of an object-typed field (through arrays and maps), or null for a scalar.</summary>
    public static string? ModelOf(JsonNode type) => type["type"]!.ToString() switch
    {
        "object" => type["model"]!.ToString(),
        "array" => ModelOf(type["items"]!),
        "map" => ModelOf(type["values"]!),
        _ => null,
    };

    public static string Camel(string snake)
    {
        var parts = snake.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }

    public static string Snake(string camel) =>
        string.Concat(camel.Select((c, i) => char.IsUpper(c) ? (i == 0 ? "" : "_") + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>The JSON names a module type reads, each with the type of its property: public properties with
    /// [JsonPropertyName], and non-public ones the serializer includes ([JsonInclude]); [JsonIgnore] ones are not read.</summary>
    public static IReadOnlyDictionary<string, Type> JsonNames(Type type) =>
        ListApiPages().FirstOrDefault(p => p.Page.Type == type).Page is { } page
            ? page.Properties.Where(p => p.Set is not null).ToDictionary(p => p.Name, p => p.PropertyType)
            : type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Where(p => p.GetMethod?.IsPublic == true || p.SetMethod?.IsPublic == true || p.GetCustomAttribute<JsonIncludeAttribute>() is not null)
            .Where(p => p.SetMethod is not null)
            .ToDictionary(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name, p => p.PropertyType);

    /// <summary>The record type inside a property's type: T of T?, List&lt;T&gt;, ReadableList&lt;T&gt;, Dictionary&lt;string, T&gt;.</summary>
    public static Type ElementOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (!type.IsGenericType) return type;
        var args = type.GetGenericArguments();
        return ElementOf(args[^1]);
    }
}
