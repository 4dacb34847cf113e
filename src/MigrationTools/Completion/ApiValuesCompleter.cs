using System.Collections;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;
using MigrationTools.Parameters;

namespace MigrationTools.Completion;

/// <summary>
/// Completes a parameter marked [ApiValues] with the API description's values. One completer for every such
/// parameter: it finds the parameter's attribute from the command and parameter names.
/// </summary>
public sealed class ApiValuesCompleter : IArgumentCompleter
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> Cache = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        RegionCompleter.Complete(ValuesOf(commandName, parameterName), wordToComplete);

    internal static IReadOnlyList<string> ValuesOf(string commandName, string parameterName) =>
        Cache.GetOrAdd(commandName + "\n" + parameterName, _ =>
        {
            // "MigrationTools\Get-X" when the user qualifies the command.
            var name = commandName.Substring(commandName.LastIndexOf('\\') + 1);
            var cmdlet = typeof(ApiValuesCompleter).Assembly.GetTypes().FirstOrDefault(t =>
                t.GetCustomAttribute<CmdletAttribute>() is { } c && string.Equals(c.VerbName + "-" + c.NounName, name, StringComparison.OrdinalIgnoreCase));
            var property = cmdlet?.GetProperty(parameterName, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            return property?.GetCustomAttribute<ApiValuesAttribute>()?.Values ?? Array.Empty<string>();
        });
}
