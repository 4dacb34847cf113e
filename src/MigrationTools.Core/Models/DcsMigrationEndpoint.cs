using System.Text.Json.Serialization;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

/// <summary>The source or target Redis of a DCS migration task.</summary>
public sealed class DcsMigrationEndpoint
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>ip:port of the Redis.</summary>
    [JsonPropertyName("addrs")] public string? Addrs { get; set; }
    [JsonPropertyName("ip")] public string? Ip { get; set; }
    /// <summary>The SDK types the port as a string; read either way.</summary>
    [JsonPropertyName("port"), JsonConverter(typeof(FlexibleInt64Converter))] public long? Port { get; set; }
    [JsonPropertyName("db")] public string? Db { get; set; }
    [JsonPropertyName("task_status")] public string? TaskStatus { get; set; }
    [JsonPropertyName("proxy_multi_db"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? ProxyMultiDb { get; set; }

    public override string ToString()
    {
        // The service sends "" for what it does not know (a self-built source has no name): shown as absent.
        var where = Filled(Addrs) ?? (Filled(Ip) is null ? null : Port is null ? Ip : $"{Ip}:{Port}");
        var who = Filled(Name) ?? Filled(Id);
        return who is null ? where ?? string.Empty : where is null ? who : $"{who} ({where})";
    }

    private static string? Filled(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
