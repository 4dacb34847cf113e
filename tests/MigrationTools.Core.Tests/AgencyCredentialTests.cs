using System.Text;
using MigrationTools.Core.Credentials;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Profiles;
using MigrationTools.Emulator;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>The agency's temporary keys from the emulator's IAM: the request the SDKs send, the cache and its refresh on a fake clock.</summary>
public sealed class AgencyCredentialTests : IAsyncLifetime
{
    private EmulatorHost _emu = null!;

    public async Task InitializeAsync() => _emu = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0 });

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private AgencySigningCredentials Provider(int duration, Func<DateTimeOffset> clock, string? agency = null) =>
        new(new FixedSigningCredentials(new HuaweiCloudCredentials(_emu.AccessKey, _emu.SecretKey, source: "main")),
            new AgencyRole("main", _emu.MemberDomainName, agency ?? _emu.MemberAgencyName, duration), _emu.BaseUri,
            new RetryOptions { MaxRetries = 0 }, new PlainOperationHost(), "profile 'member'", clock);

    [Fact]
    public void The_body_is_the_SDKs_assume_role_shape()
    {
        var body = Encoding.UTF8.GetString(AgencySigningCredentials.RequestBody(new AgencyRole("main", "acme", "ops", 3600)));
        Assert.Equal("""{"auth":{"identity":{"methods":["assume_role"],"assume_role":{"domain_name":"acme","agency_name":"ops","duration_seconds":3600}}}}""", body);
        // Without a duration, none is sent: IAM's default (900 s) applies.
        Assert.DoesNotContain("duration_seconds", Encoding.UTF8.GetString(AgencySigningCredentials.RequestBody(new AgencyRole("main", "acme", "ops"))));
    }

    [Fact]
    public async Task Temporary_keys_are_cached_until_less_than_five_minutes_remain_then_asked_for_again()
    {
        var offset = TimeSpan.Zero;
        DateTimeOffset Clock() => DateTimeOffset.UtcNow + offset;
        var provider = Provider(2000, Clock);
        int Asked() => _emu.Requests.CountWhere(r => r.Path == AgencySigningCredentials.Path);

        var first = await provider.GetCredentialsAsync(default);
        Assert.NotEqual(_emu.AccessKey, first.AccessKey);
        Assert.NotNull(first.SecurityToken);
        Assert.InRange(first.ExpiresAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1990), TimeSpan.FromSeconds(2001));
        Assert.Same(first, await Provider(2000, Clock).GetCredentialsAsync(default)); // another command of the process
        Assert.Equal(1, Asked());

        offset = first.ExpiresAt.Value - DateTimeOffset.UtcNow - TimeSpan.FromMinutes(6);
        Assert.Same(first, await provider.GetCredentialsAsync(default));
        offset = first.ExpiresAt.Value - DateTimeOffset.UtcNow - TimeSpan.FromMinutes(4);
        var second = await provider.GetCredentialsAsync(default);
        Assert.NotEqual(first.AccessKey, second.AccessKey);
        Assert.Equal(2, Asked());
    }

    [Fact]
    public async Task IAM_errors_are_service_errors_with_IAMs_code_and_trace_id()
    {
        var ex = await Assert.ThrowsAsync<HuaweiCloudServiceException>(() => Provider(2100, () => DateTimeOffset.UtcNow, agency: "other").GetCredentialsAsync(default));
        Assert.Equal(("IAM.0003", System.Net.HttpStatusCode.Forbidden), (ex.ErrorCode, ex.StatusCode));
        Assert.Matches("^[0-9a-f]{32}$", ex.RequestId);
        Assert.Contains("agencies:assume", ex.ErrorMessage, StringComparison.Ordinal);
    }
}
