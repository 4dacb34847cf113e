using System.Management.Automation;
using MigrationTools.Emulator;
using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>
/// Issue 15 in the real engine: the cmdlets against the emulator serving each form the official SDKs describe
/// (RocketMQ engine spelling, json_content spelling, DRS names in base_info and options), and a narrowed RocketMQ
/// task shown at an 80-column console.
/// </summary>
public sealed class SdkFormsCmdletTests : ModuleTestBase
{
    public SdkFormsCmdletTests(EmulatorFixture fx) : base(fx) => Emu.Behaviour.Reset();

    public override void Dispose()
    {
        Emu.Behaviour.Reset();
        base.Dispose();
    }

    [Theory]
    [InlineData(RocketMqEngineSpelling.Both, UnknownEngineAnswer.Error, 1)]
    [InlineData(RocketMqEngineSpelling.RocketMq, UnknownEngineAnswer.Error, 1)]
    [InlineData(RocketMqEngineSpelling.Reliability, UnknownEngineAnswer.Error, 2)]
    [InlineData(RocketMqEngineSpelling.Reliability, UnknownEngineAnswer.Empty, 2)]
    public void Every_RocketMQ_task_is_listed_whichever_engine_the_service_knows(RocketMqEngineSpelling engine, UnknownEngineAnswer unknown, int instanceRequests)
    {
        Emu.Behaviour.RocketMqEngine = engine;
        Emu.Behaviour.UnknownEngine = unknown;
        var r = Ps.Run("Get-RocketMqMigrationTask").ThrowIfFailed();
        Assert.Equal(Emu.Data.RocketMqInstances.SelectMany(i => i.Tasks.Select(t => (i.InstanceId, t.Id))),
            r.Output.Select(o => ((string)o.Properties["InstanceId"].Value, (string)o.Properties["TaskId"].Value)));
        var requests = Emu.Requests.Snapshot();
        Assert.Equal(instanceRequests, requests.Count(q => q.Path.EndsWith("/instances", StringComparison.Ordinal)));
        Assert.Contains("engine=rocketmq", requests.First(q => q.Path.EndsWith("/instances", StringComparison.Ordinal)).QueryString);
        var others = Emu.Data.OtherEngineInstances.Select(i => i.InstanceId).ToList();
        Assert.DoesNotContain(requests, q => others.Any(o => q.Path.Contains(o, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(JsonContentSpelling.CamelCase)]
    [InlineData(JsonContentSpelling.SnakeCase)]
    public void Topics_and_groups_are_shown_in_either_spelling(JsonContentSpelling spelling)
    {
        Emu.Behaviour.JsonContent = spelling;
        var (inst, task) = Emu.Data.RocketMqInstances.SelectMany(i => i.Tasks.Select(t => (i, t))).First(x => x.t.Type == "rocketmq" && x.t.Topics.Count > 1);
        var d = Assert.Single(Ps.Run("Get-RocketMqMigrationTask -InstanceId $args[0] -TaskId $args[1]", inst.InstanceId, task.Id).ThrowIfFailed().Output);
        Assert.Equal(task.Topics, ((System.Collections.IEnumerable)d.Properties["Topics"].Value).Cast<object>().Select(t => t.ToString()));
        Assert.Equal(task.Groups, ((System.Collections.IEnumerable)d.Properties["SubscriptionGroups"].Value).Cast<object>().Select(t => t.ToString()));
        var queues = Ps.Run("$args[0].Topics | ForEach-Object ReadQueueNums", d).ThrowIfFailed().Output.Select(o => (long)o.BaseObject);
        Assert.All(queues, q => Assert.True(q is 8 or 16, $"ReadQueueNums {q}"));
    }

    [Fact]
    public void A_DRS_job_detail_has_its_name_from_base_info_and_its_options_typed()
    {
        var job = Emu.Data.DrsJobs[5];
        var expected = Emu.Data.DrsDetailOf(job).Options;
        var d = Assert.Single(Ps.Run("Get-RdsBackupMigrationJob -JobId $args[0]", job.Id).ThrowIfFailed().Output);
        Assert.Equal(job.Name, d.Properties["Name"].Value);
        Assert.Equal(job.Description, d.Properties["Description"].Value);
        var options = PSObject.AsPSObject(d.Properties["Options"].Value);
        Assert.Equal("MigrationTools.Core.Models.RdsBackupRestoreOptions", options.BaseObject.GetType().FullName);
        Assert.Equal(expected.RecoveryMode, options.Properties["RecoveryMode"].Value);
        Assert.Equal(expected.IsCover, options.Properties["IsCover"].Value);
        Assert.Equal(expected.IsLastBackup, options.Properties["IsLastBackup"].Value);
        Assert.Equal(Emu.Data.DrsDetailOf(job).DbNames, ((System.Collections.IEnumerable)options.Properties["DbNames"].Value).Cast<object>().Select(n => n.ToString()));
    }

    [Fact]
    public void A_narrowed_task_holds_only_what_was_asked()
    {
        // How it looks at 80 columns is in tests/pester/Console.Tests.ps1 (the formatting cmdlets need a real pwsh).
        var (inst, task) = Emu.Data.RocketMqInstances.SelectMany(i => i.Tasks.Select(t => (i, t)))
            .First(x => x.t.Type == "rabbitToRocket" && x.t.Vhosts.Count > 1 && x.t.Exchanges.Any(e => e.Vhost == x.t.Vhosts[1]));
        var vhost = task.Vhosts[1];
        var d = Assert.Single(Ps.Run("Get-RocketMqMigrationTask -InstanceId $args[0] -TaskId $args[1] -Type exchange -Name $args[2]",
            inst.InstanceId, task.Id, vhost).ThrowIfFailed().Output);
        Assert.Equal(task.Exchanges.Where(e => e.Vhost == vhost).Select(e => $"{e.Vhost}/{e.Name}"),
            ((System.Collections.IEnumerable)d.Properties["Exchanges"].Value).Cast<object>().Select(e => e.ToString()));
        foreach (var other in new[] { "Vhosts", "Queues", "Bindings", "Topics", "SubscriptionGroups" })
            Assert.Empty((System.Collections.ICollection)d.Properties[other].Value);
        Assert.Equal("exchange", d.Properties["MetadataType"].Value);
    }

    [Fact]
    public void A_rocketmq_task_narrowed_to_exchanges_has_none_of_its_topics()
    {
        // The service ignores type for rocketmq tasks and sends every topic: the module keeps what was asked.
        var (inst, task) = Emu.Data.RocketMqInstances.SelectMany(i => i.Tasks.Select(t => (i, t))).First(x => x.t.Type == "rocketmq");
        var d = Assert.Single(Ps.Run("Get-RocketMqMigrationTask -InstanceId $args[0] -TaskId $args[1] -Type exchange", inst.InstanceId, task.Id).ThrowIfFailed().Output);
        Assert.Empty((System.Collections.ICollection)d.Properties["Topics"].Value);
        Assert.Empty((System.Collections.ICollection)d.Properties["SubscriptionGroups"].Value);
    }
}
