using System.Net;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Credentials;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Paging;
using MigrationTools.Emulator;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>
/// Issue 16 item 1 in the core: refused signatures are remembered per key pair, counted at an emulator that locks
/// keys as the gateway does. Each test uses its own wrong secret keys (the memory is the process's).
/// </summary>
public sealed class SignatureGuardTests : IAsyncLifetime
{
    private EmulatorHost _emu = null!;

    public async Task InitializeAsync() => _emu = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0 });

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private HuaweiCloudClient Client(string secretKey, bool resendRefused = true) =>
        new(new ClientContext(new FixedSigningCredentials(new HuaweiCloudCredentials(_emu.AccessKey, secretKey, source: "test")), _emu.Region, _emu.ProjectId,
            CloudService.All.ToDictionary(s => s, _ => _emu.BaseUri), new RetryOptions { MaxRetries = 0, ResendRefusedSignature = resendRefused }),
            new PlainOperationHost());

    private static Task<Exception?> ListOnce(HuaweiCloudClient client) => Task.Run(() =>
    {
        try
        {
            _ = DcsApi.ListMigrationTasks(client, null, new PageOptions { First = 1 }).ToList();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    });

    private int Refused => _emu.Requests.CountWhere(q => q.Status == 401);

    [Fact]
    public async Task Eight_requests_at_once_with_an_untried_wrong_key_send_one()
    {
        var client = Client("Wrong" + Guid.NewGuid().ToString("N"));
        var errors = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ListOnce(client)));
        Assert.Equal(1, Refused);
        Assert.Single(errors, e => e is HuaweiCloudServiceException { ErrorCode: "APIG.0301" });
        Assert.Equal(7, errors.Count(e => e is CredentialsRefusedException));
    }

    [Fact]
    public async Task A_refused_pair_gets_one_more_attempt_from_commands_and_none_from_completion()
    {
        var wrong = "Wrong" + Guid.NewGuid().ToString("N");
        Assert.IsType<HuaweiCloudServiceException>(await ListOnce(Client(wrong)));
        Assert.IsType<CredentialsRefusedException>(await ListOnce(Client(wrong, resendRefused: false)));
        Assert.Equal(1, Refused);
        Assert.IsType<HuaweiCloudServiceException>(await ListOnce(Client(wrong)));
        var local = Assert.IsType<CredentialsRefusedException>(await ListOnce(Client(wrong)));
        Assert.Equal(2, Refused);
        Assert.Equal(2, local.Refusals);
        Assert.True(local.FailsEveryRequest);
        Assert.Contains("verify aksk signature fail", local.Message);
        // The right secret key is another pair: accepted at once, and many at once once accepted.
        var right = Client(_emu.SecretKey);
        Assert.All(await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ListOnce(right))), Assert.Null);
    }

    [Theory]
    [InlineData(401, "APIG.0301", "Incorrect IAM authentication information: verify aksk signature fail, signature mismatch", "Refused")]
    [InlineData(401, "APIGW.0301", "Incorrect IAM authentication information: Get secretKey failed,ak:AKX******XYZ,err:ak not exist", "Refused")]
    [InlineData(401, "APIG.0301", "Incorrect IAM authentication information: decrypt token fail", "Refused")]
    [InlineData(401, "APIG.0301", "Incorrect IAM authentication information: AK access failed to reach the limit,forbidden.", "Locked")]
    [InlineData(401, "APIGW.0301", "Incorrect IAM authentication information: AK access failed to reach the limit, forbidden", "Locked")]
    [InlineData(401, "APIG.0301", "Incorrect IAM authentication information: token expires, expires_at: 2024-01-01T00:00:00.000000Z", "Unknown")]
    [InlineData(401, "APIG.0307", "The token must be updated.", "Unknown")]
    // IAM's own answer to the source keys of an agency ({"error":{"code":401,...}} from securitytokens).
    [InlineData(401, "401", "Incorrect IAM authentication information: verify aksk signature fail, signature mismatch", "Refused")]
    [InlineData(403, "IAM.0003", "Policy doesn't allow iam:agencies:assume to be performed.", "Accepted")]
    [InlineData(403, "APIG.0310", "The project is unavailable.", "Accepted")]
    [InlineData(400, "DCS.4133", "Instance job is not found.", "Accepted")]
    [InlineData(429, "APIG.0308", "The throttling threshold has been reached", "Unknown")]
    [InlineData(503, "APIG.0201", "Backend unavailable.", "Unknown")]
    public void What_an_answer_says_of_the_signature(int status, string code, string message, string expected)
    {
        var error = new HuaweiCloudServiceException("Test", (HttpStatusCode)status, code, message, "rid");
        Assert.Equal(expected, SignatureGuard.Judge((HttpStatusCode)status, error).ToString());
    }

    [Theory]
    [InlineData("Incorrect IAM authentication information: AK access failed to reach the limit,forbidden.")]
    [InlineData("Incorrect IAM authentication information: AK access failed to reach the limit, forbidden")]
    [InlineData("AK access failed to reach the limit,forbidden")]
    public void A_locked_key_has_its_own_error_id_and_says_to_wait(string message)
    {
        var e = new HuaweiCloudServiceException("DCS ListMigrationTask", HttpStatusCode.Unauthorized, "APIG.0301", message, "rid-1");
        Assert.Equal("AccessKeyLocked", e.ErrorId);
        Assert.Contains("locked this access key for about five minutes", e.Message);
        Assert.Contains("Wait about five minutes", e.Message);
        Assert.Contains("rid-1", e.Message);
        Assert.DoesNotContain("Check the access key", e.Message);
    }
}
