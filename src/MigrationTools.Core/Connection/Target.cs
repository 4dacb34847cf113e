namespace MigrationTools.Core.Connection;

/// <summary>
/// One place a command lists: a profile (null: the credential chain without -ProfileName), a region and, when
/// IAM listed it for -Region *, a project. The connection itself is resolved when the target is listed, so that a
/// target that cannot be (unknown profile, no project in the region) fails alone.
/// </summary>
public sealed class Target
{
    internal Target(ConnectionRequest request, Exception? error = null, string? defaultRegion = null)
    {
        Request = request;
        Error = error;
        DefaultRegion = defaultRegion;
    }

    /// <summary>What to resolve for this target.</summary>
    public ConnectionRequest Request { get; }

    public string? ProfileName => Request.ProfileName;
    public string? Region => Request.Region;

    /// <summary>Without -Region: the region the target will use when known at planning (its profile's, else
    /// $env:HUAWEICLOUD_SDK_REGION), so an error names it; the request itself still says no region.</summary>
    public string? DefaultRegion { get; }

    /// <summary>The project when known before the target is resolved (IAM's listing, -ProjectId); else null.</summary>
    public string? ProjectId => Request.ProjectId;

    /// <summary>Why the target cannot be listed, found while planning (its profile's credentials or IAM failed); else null.</summary>
    public Exception? Error { get; }

    /// <summary>"region cn-north-4, project 0a1b..., profile prod", for errors and -Verbose.</summary>
    public override string ToString() => Describe(Region ?? DefaultRegion, ProjectId, ProfileName);

    public static string Describe(string? region, string? projectId, string? profileName)
    {
        var parts = new List<string> { "region " + (region ?? "(default)") };
        if (projectId is not null) parts.Add("project " + projectId);
        parts.Add(profileName is null ? "default credentials" : $"profile '{profileName}'");
        return string.Join(", ", parts);
    }
}
