using MigrationTools.Emulator;
using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>
/// -Region * and several profiles at the wire, against an emulator of its own whose account also has a project in
/// cn-south-4, a region where DRS is offered and DCS is not (the shared emulator's regions serve every service).
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in DisposeAsync (IAsyncLifetime).")]
public sealed class RegionWildcardTests : IAsyncLifetime
{
    private const string RegionWithoutDcs = "cn-south-4";
    private EnvScope _env = null!;
    private EmulatorHost _emu = null!;
    private ModuleSession _s = null!;

    public async Task InitializeAsync()
    {
        _env = new EnvScope();
        _emu = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, ExtraRegions = [RegionWithoutDcs] });
        _s = new ModuleSession(_emu, pointAtEmulator: false);
        _s.Run("param($ak, $sk, $r, $p, $e) Set-HuaweiCloudProfile -Name main -AccessKey $ak -SecretKey $sk -Region $r -ProjectId $p -ServiceEndpoint @{ iam = $e }",
            _emu.AccessKey, _emu.SecretKey, _emu.Region, _emu.ProjectId, _emu.BaseUri.ToString().TrimEnd('/')).ThrowIfFailed();
        // Every region's endpoints through the SDKs' variables, but DCS's in cn-south-4: a variable would offer it there.
        foreach (var region in _emu.Regions)
            foreach (var service in new[] { "DCS", "DRS" })
                if (!(service == "DCS" && region == RegionWithoutDcs))
                    _env.Set($"HUAWEICLOUD_SDK_REGION_{service}_{region.Replace('-', '_').ToUpperInvariant()}", _emu.EndpointOf(region).ToString().TrimEnd('/'));
    }

    public async Task DisposeAsync()
    {
        _s.Dispose();
        _env.Dispose();
        await _emu.DisposeAsync();
    }

    [Fact]
    public void Region_star_leaves_out_a_region_where_the_service_is_not_offered_saying_so_and_lists_the_others_whole()
    {
        var without = Assert.Single(_emu.ProjectRegions, p => p.Value == RegionWithoutDcs).Key;
        // The project is there for a service offered in its region.
        var drs = _s.Run("Get-RdsBackupMigrationJob -ProfileName main -Region * -First 1 -Verbose").ThrowIfFailed();
        Assert.Contains(drs.Verbose, v => v.StartsWith("-Region *: ", StringComparison.Ordinal) && v.EndsWith($", {RegionWithoutDcs}.", StringComparison.Ordinal));
        Assert.DoesNotContain(drs.Verbose, v => v.Contains("is not offered there", StringComparison.Ordinal));
        var job = _s.Run($"Get-RdsBackupMigrationJob -ProfileName main -Region {RegionWithoutDcs} -First 1").ThrowIfFailed();
        Assert.Equal(without, Assert.Single(job.Output).Properties["ProjectId"].Value);
        _emu.Requests.Clear();

        var r = _s.Run("Get-DcsMigrationTask -ProfileName main -Region * -Verbose");

        Assert.Null(r.Terminating);
        Assert.Empty(r.Errors);
        Assert.Contains(r.Verbose, v => v.StartsWith($"-Region *: left out the projects of {RegionWithoutDcs} (", StringComparison.Ordinal)
            && v.EndsWith("DCS is not offered there.", StringComparison.Ordinal));
        var expected = _emu.ProjectRegions.Where(p => p.Value != RegionWithoutDcs).ToList();
        Assert.Equal(expected.Select(p => p.Key).OrderBy(p => p), r.Output.Select(o => (string)o.Properties["ProjectId"].Value).Distinct().OrderBy(p => p));
        Assert.Equal(expected.Sum(p => _emu.DataOf(p.Key).DcsTasks.Count), r.Output.Count);
        Assert.DoesNotContain(_emu.Requests.Snapshot(), q => q.Path.Contains(without, StringComparison.Ordinal));
    }

    [Fact]
    public void Several_profiles_without_Region_name_the_region_each_failing_profile_uses_its_own_else_the_environments()
    {
        var projects = _emu.ProjectRegions;
        _env.Set("HUAWEICLOUD_SDK_REGION", EmulatorData.OtherRegions[0]);
        _s.Run("param($r, $p) Set-HuaweiCloudProfile -Name own -AccessKey EMULATORAKUNKNOWN0001 -SecretKey unknown-secret-key-1 -Region $r -ProjectId $p",
            EmulatorData.OtherRegions[1], projects.First(p => p.Value == EmulatorData.OtherRegions[1]).Key).ThrowIfFailed();
        _s.Run("param($p) Set-HuaweiCloudProfile -Name none -AccessKey EMULATORAKUNKNOWN0002 -SecretKey unknown-secret-key-2 -ProjectId $p",
            projects.First(p => p.Value == EmulatorData.OtherRegions[0]).Key).ThrowIfFailed();

        var r = _s.Run("Get-DcsMigrationTask -ProfileName main, own, none");

        Assert.Null(r.Terminating);
        Assert.Equal(_emu.Data.DcsTasks.Count, r.Output.Count);
        Assert.Equal(2, r.Errors.Count);
        Assert.StartsWith($"region {EmulatorData.OtherRegions[1]}, profile 'own': ", r.Errors[0].ErrorDetails.Message, StringComparison.Ordinal);
        Assert.StartsWith($"region {EmulatorData.OtherRegions[0]}, profile 'none': ", r.Errors[1].ErrorDetails.Message, StringComparison.Ordinal);
    }
}
