using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Endpoints;

namespace MigrationTools.Infrastructure;

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

/// <summary>Completes -Name/-ProfileName with the stored profile names; completes nothing when the store cannot be read.</summary>
public sealed class ProfileNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            return RegionCompleter.Complete(ModuleServices.Profiles().List().Select(p => p.Name).ToList(), wordToComplete);
        }
        catch (System.Exception)
        {
            // Tab completion must never throw at the user; the cmdlet itself reports the store's problem.
            return Enumerable.Empty<CompletionResult>();
        }
    }
}
