using System.Text.Json.Serialization;

namespace MigrationTools.Emulator;

[JsonConverter(typeof(JsonStringEnumConverter<RetryAfterMode>))]
public enum RetryAfterMode { None, Seconds, HttpDate }
