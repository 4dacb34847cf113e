using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using MigrationTools.Core.Endpoints;

namespace MigrationTools.Completion;

/// <summary>Completes -Region with * (every region of the account) and the regions of the SDKs' tables.</summary>
public sealed class RegionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Complete(new[] { Core.Connection.TargetPlanner.AllRegions }.Concat(RegionTable.AllRegions), wordToComplete);

    internal static IEnumerable<CompletionResult> Complete(IEnumerable<string> values, string word)
    {
        var prefix = (word ?? string.Empty).Trim('\'', '"');
        return values
            .Where(v => v.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
            .Select(v => new CompletionResult(v.Contains(' ') || v == "*" ? $"'{v}'" : v, v, CompletionResultType.ParameterValue, v));
    }
}
