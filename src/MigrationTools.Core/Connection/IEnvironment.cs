namespace MigrationTools.Core.Connection;

/// <summary>Reads environment variables; tests give a dictionary instead of the process environment.</summary>
public interface IEnvironment
{
    string? Get(string name);
}
