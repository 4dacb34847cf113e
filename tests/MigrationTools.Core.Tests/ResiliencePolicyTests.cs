using System.Net;
using System.Net.Http.Headers;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Connection;
using MigrationTools.Core.Credentials;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using Polly;
using Polly.Timeout;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>What is retried and how long the wait is: decisions only, no clocks.</summary>
public class ResiliencePolicyTests
{
    private static Outcome<HttpResponseMessage> Status(int code) => Outcome.FromResult(new HttpResponseMessage((HttpStatusCode)code));

    [Theory]
    [InlineData(429, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(400, false)]
    [InlineData(401, false)] // five bad signatures lock the AK for five minutes
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(500, false)]
    [InlineData(200, false)]
    public void Retries_only_throttling_and_gateway_failures(int status, bool retried) =>
        Assert.Equal(retried, ResiliencePolicy.IsTransient(Status(status)));

    [Fact]
    public void Retries_network_failures_and_attempt_timeouts()
    {
        Assert.True(ResiliencePolicy.IsTransient(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset"))));
        Assert.True(ResiliencePolicy.IsTransient(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException())));
        Assert.False(ResiliencePolicy.IsTransient(Outcome.FromException<HttpResponseMessage>(new OperationCanceledException())));
    }

    [Fact]
    public void Retry_after_in_seconds_or_as_a_date_is_honoured_and_capped()
    {
        var max = TimeSpan.FromSeconds(30);
        var seconds = new HttpResponseMessage((HttpStatusCode)429);
        seconds.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(3), ResiliencePolicy.RetryAfter(seconds, max));

        var date = new HttpResponseMessage((HttpStatusCode)429);
        date.Headers.RetryAfter = new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddSeconds(10));
        Assert.InRange(ResiliencePolicy.RetryAfter(date, max)!.Value, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(10));

        var past = new HttpResponseMessage((HttpStatusCode)503);
        past.Headers.RetryAfter = new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(TimeSpan.Zero, ResiliencePolicy.RetryAfter(past, max));

        var huge = new HttpResponseMessage((HttpStatusCode)429);
        huge.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(1));
        Assert.Equal(max, ResiliencePolicy.RetryAfter(huge, max));

        Assert.Null(ResiliencePolicy.RetryAfter(new HttpResponseMessage((HttpStatusCode)429), max)); // exponential backoff decides
    }

    /// <summary>Answers the first <c>throttled</c> requests 429 with Retry-After: 0 (no wait), then 200.</summary>
    private sealed class ThrottlingHandler(int throttled) : HttpMessageHandler
    {
        private int _sent;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _sent) > throttled)
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"count\":0,\"migration_tasks\":[]}") });
            var answer = new HttpResponseMessage((HttpStatusCode)429) { Content = new StringContent("{\"error_code\":\"APIG.0308\",\"error_msg\":\"over ratelimit\"}") };
            answer.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero);
            return Task.FromResult(answer);
        }
    }

    [Fact]
    public async Task Each_429_is_told_to_the_request_it_answered_before_the_retry()
    {
        // The signal travels with the request (a listing gives each page request its own), not with the thread or
        // the async flow: a request that did not ask to be told is sent the same way and tells nobody.
        var client = TestClient.For(new ThrottlingHandler(throttled: 2));
        var told = 0;
        var request = new ApiRequest(Endpoints.CloudService.Dcs, "DCS ListMigrationTask", "/v2/p1/migration-tasks") { OnThrottled = () => told++ };
        await client.SendAsync(request, DcsApi.MigrationTasks.PageType, CancellationToken.None);
        Assert.Equal(2, told);
        var quiet = TestClient.For(new ThrottlingHandler(throttled: 1));
        await quiet.SendAsync(new ApiRequest(Endpoints.CloudService.Dcs, "DCS ListMigrationTask", "/v2/p1/migration-tasks"),
            DcsApi.MigrationTasks.PageType, CancellationToken.None);
        Assert.Equal(2, told);
    }

    private static RetryOptions OptionsFrom(Dictionary<string, string> env, int? parameter = null) =>
        new ConnectionResolver(new CredentialChain(new ICredentialSource[] { new ParameterCredentialSource() }), new DictionaryEnvironment(env))
            .RetryOptionsFor(new ConnectionRequest(Endpoints.CloudService.Dcs) { MaxRetries = parameter });

    [Fact]
    public void Defaults_environment_and_parameter()
    {
        var d = OptionsFrom(new());
        Assert.Equal(4, d.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(500), d.BaseDelay);
        var e = OptionsFrom(new() { ["MIGRATIONTOOLS_MAX_RETRIES"] = "7", ["MIGRATIONTOOLS_RETRY_BASE_DELAY_MS"] = "20" });
        Assert.Equal(7, e.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(20), e.BaseDelay);
        Assert.Equal(2, OptionsFrom(new() { ["MIGRATIONTOOLS_MAX_RETRIES"] = "7" }, parameter: 2).MaxRetries);
    }

    [Theory]
    [InlineData("MIGRATIONTOOLS_MAX_RETRIES", "many")]
    [InlineData("MIGRATIONTOOLS_MAX_RETRIES", "99")]
    [InlineData("MIGRATIONTOOLS_RETRY_BASE_DELAY_MS", "-5")]
    [InlineData("MIGRATIONTOOLS_RETRY_BASE_DELAY_MS", "fast")]
    public void Bad_environment_values_name_the_variable(string variable, string value)
    {
        var ex = Assert.Throws<HuaweiCloudConfigurationException>(() => OptionsFrom(new() { [variable] = value }));
        Assert.Equal(variable, ex.ParameterName);
        Assert.Contains(variable, ex.Message);
        Assert.Contains($"'{value}'", ex.Message);
    }
}
