namespace MigrationTools.Core.Connection;

public sealed class DictionaryEnvironment : IEnvironment
{
    private readonly IReadOnlyDictionary<string, string> _values;

    public DictionaryEnvironment(IReadOnlyDictionary<string, string> values) => _values = values;

    public string? Get(string name) => _values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
}
