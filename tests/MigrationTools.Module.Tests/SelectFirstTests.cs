using System.Management.Automation;
using System.Reflection;
using MigrationTools.Emulator;
using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>
/// Select-Object -First N stops the commands upstream by throwing StopUpstreamCommandsException (internal to the
/// engine) once N objects are out. The hosted engine has no Select-Object, so this cmdlet does exactly that, and the
/// module's listings must stop requesting pages when it does.
/// </summary>
[Cmdlet("Select", "FirstLikeSelectObject")]
public sealed class SelectFirstLikeSelectObjectCommand : PSCmdlet
{
    private static readonly Type StopUpstream =
        typeof(PSObject).Assembly.GetType("System.Management.Automation.StopUpstreamCommandsException", throwOnError: true)!;

    private int _count;

    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    [Parameter(Position = 0, Mandatory = true)]
    public int First { get; set; }

    protected override void ProcessRecord()
    {
        WriteObject(InputObject);
        if (++_count >= First)
            throw (Exception)Activator.CreateInstance(StopUpstream, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, null, new object[] { this }, null)!;
    }
}

public sealed class SelectFirstTests : ModuleTestBase
{
    public SelectFirstTests(EmulatorFixture fx) : base(fx) =>
        Ps.Run("Import-Module -Assembly $args[0]", typeof(SelectFirstLikeSelectObjectCommand).Assembly).ThrowIfFailed();

    [Theory]
    [InlineData("Get-DcsMigrationTask", "/migration-tasks")]
    [InlineData("Get-RdsBackupMigrationJob", "/backup-migration-jobs")]
    public void Select_Object_First_3_makes_exactly_one_request(string cmdlet, string path)
    {
        var r = Ps.Run($"{cmdlet} | Select-FirstLikeSelectObject 3").ThrowIfFailed();
        Assert.Equal(3, r.Output.Count);
        Assert.Equal(1, Emu.Requests.CountWhere(q => q.Path.EndsWith(path, StringComparison.Ordinal)));
    }

    [Fact]
    public void Select_Object_First_stops_a_rocketmq_listing_after_its_page()
    {
        var inst = Emu.Data.RocketMqInstances.OrderByDescending(i => i.Tasks.Count).First();
        var r = Ps.Run("Get-RocketMqMigrationTask -InstanceId $args[0] -PageSize 100 | Select-FirstLikeSelectObject 150", inst.InstanceId).ThrowIfFailed();
        Assert.Equal(inst.Tasks.Take(150).Select(t => t.Id), r.Output.Select(o => (string)o.Properties["TaskId"].Value));
        Assert.Equal(2, Emu.Requests.CountWhere(q => q.Path.EndsWith("/metadata", StringComparison.Ordinal)));
    }
}
