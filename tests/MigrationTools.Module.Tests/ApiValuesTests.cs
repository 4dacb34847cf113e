using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>
/// The values a parameter accepts come from the API description (src/MigrationTools.Core/Apis): PowerShell refuses
/// others before any request, like ValidateSet, completes them with Tab, and Get-Help lists them.
/// </summary>
public sealed class ApiValuesTests : IDisposable
{
    private readonly ModuleSession _ps = new();

    public void Dispose() => _ps.Dispose();

    private List<string> Complete(string input) =>
        _ps.Run("[System.Management.Automation.CommandCompletion]::CompleteInput($args[0], $args[0].Length, $null).CompletionMatches | ForEach-Object CompletionText", input)
            .ThrowIfFailed().Output.Select(o => o.ToString()).ToList();

    [Fact]
    public void Tab_completes_the_values_of_the_api_description()
    {
        Assert.Equal(new[] { "'PRECHECK FAILED'" }, Complete("Get-RdsBackupMigrationJob -Status PRE"));
        Assert.Equal(new[] { "asc", "desc" }, Complete("Get-RdsBackupMigrationJob -SortDirection "));
        Assert.Equal(new[] { "created_at" }, Complete("Get-RdsBackupMigrationJob -SortKey cr"));
        Assert.Equal(new[] { "exchange" }, Complete("MigrationTools\\Get-RocketMqMigrationTask -InstanceId i -Type ex"));
    }

    [Fact]
    public void A_value_outside_the_set_is_refused_with_the_allowed_values()
    {
        var e = _ps.Run("try { Get-RocketMqMigrationTask -InstanceId i -TaskId t -Type topic } catch { $_ }").CaughtError();
        Assert.StartsWith("ParameterArgumentValidationError,", e.FullyQualifiedErrorId);
        Assert.Contains("Type", e.ToString());
        Assert.Contains("vhost,exchange,queue,all", e.ToString());
    }

    [Fact]
    public void Values_are_matched_ignoring_case_and_an_open_list_accepts_others()
    {
        // Both bind; the cmdlet then stops on its own check (-PageSize out of range), after binding and before any request.
        foreach (var script in new[] { "Get-RdsBackupMigrationJob -Status success -PageSize 0", "Get-RdsBackupMigrationJob -SortKey my_own_key -PageSize 0" })
        {
            var e = _ps.Run("try { " + script + " } catch { $_ }").CaughtError();
            Assert.StartsWith("PageSizeOutOfRange,", e.FullyQualifiedErrorId);
        }
    }

    [Fact]
    public void Get_Help_lists_the_closed_sets_only()
    {
        List<string> Values(string parameter) =>
            _ps.Run("@((Get-Help Get-RdsBackupMigrationJob -Parameter $args[0]).parameterValueGroup.parameterValue | Where-Object { $_ })", parameter).ThrowIfFailed()
                .Output.Select(o => o.ToString()).ToList();
        Assert.Equal(new[] { "asc", "desc" }, Values("SortDirection"));
        Assert.Empty(Values("SortKey"));
    }
}
