using System.Text.Json.Serialization;

namespace MigrationTools.Emulator;

[JsonConverter(typeof(JsonStringEnumConverter<MalformedKind>))]
public enum MalformedKind
{
    None,
    /// <summary>A proxy's HTML error page: status 502, text/html.</summary>
    Html,
    /// <summary>Status 200 with the JSON body cut in half.</summary>
    Truncated,
    /// <summary>Status 200 with a field of the wrong JSON type ("count":"abc", or the list as an object).</summary>
    WrongType,
    /// <summary>Status 200 with an empty body.</summary>
    Empty200,
}
