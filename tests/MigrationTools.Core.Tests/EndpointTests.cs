using MigrationTools.Core.Connection;
using MigrationTools.Core.Credentials;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using Xunit;

namespace MigrationTools.Core.Tests;

public sealed class EndpointTests
{
    private static readonly IEnvironment NoEnv = new DictionaryEnvironment(new Dictionary<string, string>());

    [Theory]
    [InlineData("dcs", "cn-north-4", "https://dcs.cn-north-4.myhuaweicloud.com/")]
    [InlineData("dms", "cn-north-4", "https://dms.cn-north-4.myhuaweicloud.com/")]
    [InlineData("drs", "ap-southeast-1", "https://drs.ap-southeast-1.myhuaweicloud.com/")]
    [InlineData("dms", "eu-west-101", "https://dms.eu-west-101.myhuaweicloud.eu/")]
    [InlineData("drs", "eu-west-101", "https://drs.eu-west-101.myhuaweicloud.eu/")]
    [InlineData("dcs", "eu-west-101", "https://dcs.eu-west-101.myhuaweicloud.com/")]
    public void The_region_table_gives_each_services_endpoint(string prefix, string region, string expected)
    {
        var service = CloudService.All.Single(s => s.HostPrefix == prefix);
        Assert.Equal(expected, EndpointResolver.Resolve(service, region, null, NoEnv).ToString());
    }

    [Fact]
    public void The_sdk_environment_variable_overrides_the_table()
    {
        var env = new DictionaryEnvironment(new Dictionary<string, string> { ["HUAWEICLOUD_SDK_REGION_ROCKETMQ_CN_NORTH_4"] = "https://dms.example.internal" });
        Assert.Equal("https://dms.example.internal/", EndpointResolver.Resolve(CloudService.RocketMq, "cn-north-4", null, env).ToString());
        Assert.Equal("HUAWEICLOUD_SDK_REGION_DCS_EU_WEST_101", EndpointResolver.VariableName("DCS", "eu-west-101"));
    }

    [Fact]
    public void The_endpoint_parameter_overrides_everything()
    {
        var env = new DictionaryEnvironment(new Dictionary<string, string> { ["HUAWEICLOUD_SDK_REGION_DCS_CN_NORTH_4"] = "https://dcs.example.internal" });
        Assert.Equal("http://127.0.0.1:5080/", EndpointResolver.Resolve(CloudService.Dcs, "cn-north-4", "http://127.0.0.1:5080", env).ToString());
    }

    [Fact]
    public void An_unknown_region_lists_the_known_ones()
    {
        var ex = Assert.Throws<HuaweiCloudConfigurationException>(() => EndpointResolver.Resolve(CloudService.Dcs, "mars-north-1", null, NoEnv));
        Assert.Equal("UnknownRegion", ex.ErrorId);
        Assert.Equal("Region", ex.ParameterName);
        Assert.Contains("mars-north-1", ex.Message);
        Assert.Contains("cn-north-4", ex.Message);
        Assert.Contains("ap-southeast-1", ex.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("https://dcs.example.com", true)]
    [InlineData("http://dcs.example.com", false)]
    [InlineData("http://10.0.0.5:80", false)]
    [InlineData("dcs.example.com", false)]
    [InlineData("ftp://127.0.0.1", false)]
    public void Plain_http_is_only_for_loopback(string endpoint, bool accepted)
    {
        if (accepted)
        {
            Assert.NotNull(EndpointResolver.Validate(endpoint, "Endpoint"));
        }
        else
        {
            var ex = Assert.Throws<HuaweiCloudConfigurationException>(() => EndpointResolver.Validate(endpoint, "Endpoint"));
            Assert.Equal("Endpoint", ex.ParameterName);
            Assert.Contains(endpoint, ex.Message);
        }
    }

    [Fact]
    public void No_region_and_no_endpoint_says_how_to_set_one()
    {
        var ex = Assert.Throws<HuaweiCloudConfigurationException>(() => EndpointResolver.Resolve(CloudService.Drs, null, null, NoEnv));
        Assert.Equal("RegionMissing", ex.ErrorId);
        Assert.Contains("-Region", ex.Message);
    }
}

/// <summary>An endpoint with user info is refused from every source, and no message, exception or target repeats the password.</summary>
public sealed class EndpointUserInfoTests
{
    private const string Password = "Pa55wordThatMustNeverShow";

    private static void AssertRefusedWithoutPassword(Action resolve, string expectedName, string expectedId = "EndpointHasUserInfo")
    {
        var ex = Assert.Throws<HuaweiCloudConfigurationException>(resolve);
        Assert.Equal(expectedId, ex.ErrorId);
        Assert.Equal(expectedName, ex.ParameterName);
        Assert.DoesNotContain(Password, ex.ToString()); // message, stack, inner exceptions
        Assert.DoesNotContain(Password, ex.ParameterName);
    }

    [Theory]
    [InlineData("http://user:" + Password + "@127.0.0.1:5080", "EndpointHasUserInfo")]
    [InlineData("https://user:" + Password + "@dcs.example.com/base", "EndpointHasUserInfo")]
    [InlineData("https://" + Password + "@dcs.example.com", "EndpointHasUserInfo")]
    [InlineData("https://user%3A" + Password + "@dcs.example.com", "EndpointHasUserInfo")]
    [InlineData("https://a@b:" + Password + "@dcs.example.com", "EndpointHasUserInfo")]
    [InlineData("ftp://user:" + Password + "@127.0.0.1", "EndpointHasUserInfo")]
    [InlineData("http//user:" + Password + "@127.0.0.1", "EndpointHasUserInfo")]
    [InlineData("user:" + Password + "@127.0.0.1", "EndpointHasUserInfo")]
    [InlineData("http://user:" + Password + "@10.0.0.1", "EndpointHasUserInfo")]
    [InlineData("https://user:" + Password + "@dcs.example.com/?q=1", "EndpointHasUserInfo")]
    public void The_parameter_is_refused_without_the_password(string endpoint, string errorId) =>
        AssertRefusedWithoutPassword(() => EndpointResolver.Resolve(CloudService.Dcs, "cn-north-4", endpoint, new DictionaryEnvironment(new Dictionary<string, string>())), "Endpoint", errorId);

    [Fact]
    public void The_environment_variable_is_refused_naming_it()
    {
        var env = new DictionaryEnvironment(new Dictionary<string, string> { ["HUAWEICLOUD_SDK_REGION_DCS_CN_NORTH_4"] = "https://user:" + Password + "@dcs.example.com" });
        AssertRefusedWithoutPassword(() => EndpointResolver.Resolve(CloudService.Dcs, "cn-north-4", null, env), "HUAWEICLOUD_SDK_REGION_DCS_CN_NORTH_4");
    }

    [Fact]
    public void A_profile_endpoint_is_refused_naming_the_profile()
    {
        var ex = Assert.Throws<HuaweiCloudConfigurationException>(() => EndpointResolver.Resolve(CloudService.Dcs, "cn-north-4", null, new DictionaryEnvironment(new Dictionary<string, string>()),
            _ => "https://user:" + Password + "@dcs.example.com", "profile 'prod' (-ProfileName)"));
        Assert.Equal("EndpointHasUserInfo", ex.ErrorId);
        Assert.Contains("profile 'prod'", ex.Message);
        Assert.DoesNotContain(Password, ex.ToString());
    }

    [Fact]
    public void The_metadata_address_is_refused_without_the_password()
    {
        var env = new DictionaryEnvironment(new Dictionary<string, string> { [MetadataSigningCredentials.EndpointVariable] = "http://user:" + Password + "@169.254.169.254" });
        AssertRefusedWithoutPassword(() => MetadataSigningCredentials.EndpointFrom(env), MetadataSigningCredentials.EndpointVariable, "InvalidMetadataEndpoint");
    }

    [Theory]
    [InlineData("http://u:secret@host/x", "http://***@host/x")]
    [InlineData("u:secret@host", "***@host")]
    [InlineData("https://host/a@b", "https://host/a@b")]
    [InlineData("https://a@b@host", "https://***@host")]
    [InlineData("http://u:secret@host\\x", "http://***@host\\x")]
    [InlineData("", "")]
    [InlineData("/@x", "/@x")]
    public void Redact_hides_what_precedes_the_last_at_of_the_authority(string value, string shown) =>
        Assert.Equal(shown, EndpointResolver.Redact(value));
}
