using System.Text.Json.Serialization;

namespace MigrationTools.Emulator;

/// <summary>What a service does with an engine value it does not know.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UnknownEngineAnswer>))]
public enum UnknownEngineAnswer
{
    /// <summary>400 DMS.00400001 naming the engine.</summary>
    Error,
    /// <summary>200 with no instance.</summary>
    Empty,
}
