using Xunit;
using System.Net;
using System.Net.Http.Headers;
using MigrationTools.Core.Connection;
using MigrationTools.Core.Credentials;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using Polly;
using Polly.Timeout;

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
