using MigrationTools.Core.Connection;
using MigrationTools.Core.Endpoints;
using Xunit;

namespace MigrationTools.Core.Tests;

public sealed class ConnectionRequestTests
{
    /// <summary>
    /// A target of a command over several keeps every other setting of the command: tab completion's
    /// ResendRefusedSignature = false was lost once, so completion over several regions could resend a refused pair.
    /// </summary>
    [Fact]
    public void A_target_keeps_every_setting_but_its_profile_region_and_project()
    {
        var request = new ConnectionRequest(CloudService.Dcs)
        {
            AccessKey = "ak", SecretKey = "sk", SecurityToken = "token", ProfileName = "p", SessionProfileName = "session",
            Region = "r", ProjectId = "project", Endpoint = "https://e", MaxRetries = 7, ResendRefusedSignature = false,
        };
        var target = request.For("other", "cn-east-3", null, oneOfSeveralRegions: true);
        Assert.Equal(("other", "cn-east-3", "project", true), (target.ProfileName, target.Region, target.ProjectId, target.OneOfSeveralRegions));
        foreach (var property in typeof(ConnectionRequest).GetProperties())
        {
            if (property.Name is nameof(ConnectionRequest.ProfileName) or nameof(ConnectionRequest.Region)
                or nameof(ConnectionRequest.ProjectId) or nameof(ConnectionRequest.OneOfSeveralRegions)) continue;
            Assert.True(Equals(property.GetValue(request), property.GetValue(target)), $"{property.Name} is kept");
        }
        Assert.Equal("listed", request.For(null, "r", "listed", false).ProjectId);
    }
}
