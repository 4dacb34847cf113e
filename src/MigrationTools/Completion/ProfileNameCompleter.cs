using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using MigrationTools.Hosting;

namespace MigrationTools.Completion;

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
