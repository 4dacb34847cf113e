namespace MigrationTools.Core.Connection;

public sealed class ProcessEnvironment : IEnvironment
{
    public static readonly ProcessEnvironment Instance = new();

    public string? Get(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
