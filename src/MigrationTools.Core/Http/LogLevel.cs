namespace MigrationTools.Core.Http;

public enum LogLevel
{
    Debug,
    Verbose,
    Warning,
}
