using System;
using System.Collections.Generic;

namespace MigrationTools.Core.Connection;

/// <summary>Reads environment variables; tests give a dictionary instead of the process environment.</summary>
public interface IEnvironment
{
    string? Get(string name);
}

public sealed class ProcessEnvironment : IEnvironment
{
    public static readonly ProcessEnvironment Instance = new();

    public string? Get(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}

public sealed class DictionaryEnvironment : IEnvironment
{
    private readonly IReadOnlyDictionary<string, string> _values;

    public DictionaryEnvironment(IReadOnlyDictionary<string, string> values) => _values = values;

    public string? Get(string name) => _values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
}
