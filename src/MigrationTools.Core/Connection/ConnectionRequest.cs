using MigrationTools.Core.Endpoints;

namespace MigrationTools.Core.Connection;

/// <summary>What the user said on the command line about where and as whom to connect. Null means "not said".</summary>
public sealed class ConnectionRequest
{
    public ConnectionRequest(CloudService service) => Service = service;

    /// <summary>A copy for one target of a command over several: its profile and region (and project, when IAM listed it).</summary>
    public ConnectionRequest For(string? profileName, string? region, string? projectId, bool oneOfSeveralRegions)
    {
        // A copy of every setting (a new one included without editing this), then the target's own.
        var target = (ConnectionRequest)MemberwiseClone();
        target.ProfileName = profileName;
        target.Region = region;
        target.ProjectId = projectId ?? ProjectId;
        target.OneOfSeveralRegions = oneOfSeveralRegions;
        return target;
    }

    /// <summary>The service the cmdlet calls (decides the endpoint).</summary>
    public CloudService Service { get; }

    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public string? SecurityToken { get; set; }

    /// <summary>-ProfileName: when given and unknown, resolution fails; it never falls through to another source.</summary>
    public string? ProfileName { get; set; }

    /// <summary>The session's default profile (Use-HuaweiCloudProfile), kept per runspace by the module.</summary>
    public string? SessionProfileName { get; set; }

    public string? Region { get; set; }
    public string? ProjectId { get; set; }

    /// <summary>-Endpoint: overrides the region table and the environment.</summary>
    public string? Endpoint { get; set; }

    /// <summary>
    /// One region of a command over several (-Region a,b or *): a profile's service endpoints and
    /// $env:HUAWEICLOUD_SDK_PROJECT_ID then serve only their own region (the profile's, $env:HUAWEICLOUD_SDK_REGION).
    /// </summary>
    public bool OneOfSeveralRegions { get; set; }

    /// <summary>-MaxRetries; null means the environment or the default.</summary>
    public int? MaxRetries { get; set; }

    /// <summary>False for tab completion: nothing is sent with a key pair the gateway refused (<see cref="Http.RetryOptions.ResendRefusedSignature"/>).</summary>
    public bool ResendRefusedSignature { get; set; } = true;
}
