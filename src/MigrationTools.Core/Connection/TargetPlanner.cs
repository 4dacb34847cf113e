using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;

namespace MigrationTools.Core.Connection;

/// <summary>
/// Turns -ProfileName (several) and -Region (several, or *) into the targets of a command, in the order given:
/// profiles, then regions, then projects. -Region * is every enabled project IAM lists for the account
/// (GET /v3/projects) in a region where the service is offered (the region table, or a
/// HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION} variable): sub-projects (region_name) are projects of their region;
/// the global MOS project and regions without the service are left out, said in -Verbose. With several regions
/// of a profile, one IAM listing tells every region's project (nothing more is asked of IAM for them), and is the
/// first request made with the profile's keys: keys IAM refuses fail every target of the profile without another
/// request (five refused signatures lock an access key).
/// </summary>
public sealed class TargetPlanner
{
    /// <summary>The value of -Region that means every region of the account.</summary>
    public const string AllRegions = "*";

    /// <summary>IAM's global project, which no regional service serves.</summary>
    public const string GlobalProject = "MOS";

    private readonly ConnectionResolver _resolver;

    public TargetPlanner(ConnectionResolver resolver) => _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));

    /// <summary>
    /// Whether the parameters ask for more than one target; a command that does not lists as before, on its one
    /// connection.
    /// </summary>
    public static bool IsSeveral(IReadOnlyList<string>? profiles, IReadOnlyList<string>? regions) =>
        (profiles?.Count ?? 0) > 1 || (regions?.Count ?? 0) > 1 || (regions?.Any(IsWildcard) ?? false);

    /// <param name="template">The command's other connection parameters (keys, -ProjectId, -Endpoint, ...).</param>
    /// <param name="profiles">-ProfileName; null or empty: the credential chain.</param>
    /// <param name="regions">-Region; null or empty: the default region.</param>
    public IReadOnlyList<Target> Plan(ConnectionRequest template, IReadOnlyList<string>? profiles, IReadOnlyList<string>? regions, IOperationHost host)
    {
        if (template is null) throw new ArgumentNullException(nameof(template));
        if (host is null) throw new ArgumentNullException(nameof(host));
        var profileList = Distinct(profiles);
        var regionList = Distinct(regions);
        Check(template, profileList, regionList);
        var several = regionList.Count > 1 || regionList.Any(IsWildcard);
        var targets = new List<Target>();
        foreach (var profile in profileList.Count == 0 ? new string?[] { null } : profileList.Cast<string?>())
        {
            if (!several)
            {
                var request = template.For(profile, regionList.FirstOrDefault(), null, oneOfSeveralRegions: false);
                targets.Add(new Target(request, null, regionList.Count == 0 && profileList.Count > 1 ? DefaultRegionOf(request, host) : null));
                continue;
            }
            targets.AddRange(PlanProfile(template, profile, regionList, host));
        }
        return targets;
    }

    private IEnumerable<Target> PlanProfile(ConnectionRequest template, string? profile, List<string> regions, IOperationHost host)
    {
        var wildcard = regions.Any(IsWildcard);
        var forProfile = template.For(profile, null, null, oneOfSeveralRegions: true);
        IReadOnlyList<(string Name, string Id)>? projects = null;
        Exception? failure = null;
        try
        {
            var credentials = _resolver.ResolveCredentials(forProfile, host);
            var firstRegion = wildcard ? credentials.Region ?? _resolver.Environment.Get(ConnectionResolver.RegionVariable) : regions[0];
            var iam = ProjectIdDiscovery.IamEndpointFor(forProfile, credentials, firstRegion ?? string.Empty, _resolver.Environment);
            var signing = _resolver.SigningProvider(forProfile, credentials, firstRegion, host);
            Func<string, Uri> iamFor = region => ProjectIdDiscovery.IamEndpointFor(forProfile, credentials, region, _resolver.Environment);
            // Regions whose projects IAM already gave these credentials in this process: no listing before the
            // targets start (a key pair not yet accepted still sends one request at a time: SignatureGuard).
            if (!wildcard && host.Wait(ProjectIdDiscovery.KnowsAllAsync(signing, regions, iamFor, host.Cancellation)))
                host.Log(LogLevel.Debug, $"The projects of {string.Join(", ", regions)} are known: IAM is not asked again.");
            else
                projects = host.Wait(ProjectIdDiscovery.ListAsync(signing, iam, iamFor, _resolver.RetryOptionsFor(forProfile), host, host.Cancellation));
        }
        catch (HuaweiCloudException ex) when (wildcard || RefusesTheKeys(ex))
        {
            failure = ex;
        }
        catch (HuaweiCloudException ex)
        {
            // Without the listing (e.g. no IAM permission to list projects) each region's project is found as for one.
            host.Log(LogLevel.Verbose, $"IAM did not list the projects of {Target.Describe(null, null, profile)} ({ex.Message}); each region's project is looked up on its own.");
        }

        if (failure is not null)
        {
            foreach (var region in regions) yield return new Target(template.For(profile, region, null, oneOfSeveralRegions: true), failure);
            yield break;
        }
        if (!wildcard)
        {
            foreach (var region in regions) yield return new Target(template.For(profile, region, null, oneOfSeveralRegions: true));
            yield break;
        }
        foreach (var project in Regional(projects!, template.Service, profile, host))
            yield return new Target(template.For(profile, project.Region, project.Id, oneOfSeveralRegions: true));
    }

    /// <summary>The region a profile's target uses without -Region: the profile's, else the environment's; null
    /// when its credentials cannot be resolved (its error then says why).</summary>
    private string? DefaultRegionOf(ConnectionRequest request, IOperationHost host)
    {
        try
        {
            return _resolver.ResolveCredentials(request, host).Region ?? _resolver.Environment.Get(ConnectionResolver.RegionVariable);
        }
        catch (HuaweiCloudException)
        {
            return null;
        }
    }

    /// <summary>The projects of -Region *, by region, each region's own project before its sub-projects.</summary>
    private IEnumerable<(string Region, string Id)> Regional(IReadOnlyList<(string Name, string Id)> projects, CloudService service, string? profile, IOperationHost host)
    {
        var kept = new List<(string Region, string Name, string Id)>();
        var leftOut = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (name, id) in projects)
        {
            if (string.Equals(name, GlobalProject, StringComparison.OrdinalIgnoreCase))
            {
                host.Log(LogLevel.Verbose, $"-Region *: left out project {name} ({id}) of {Target.Describe(null, null, profile)}: the global project, which no regional service serves.");
                continue;
            }
            var region = RegionOf(name);
            if (!IsOffered(service, region))
            {
                leftOut.Add(region);
                continue;
            }
            kept.Add((region, name, id));
        }
        if (leftOut.Count > 0)
            host.Log(LogLevel.Verbose, $"-Region *: left out the projects of {string.Join(", ", leftOut)} ({Target.Describe(null, null, profile)}): {service.DisplayName} is not offered there.");
        var ordered = kept.OrderBy(p => p.Region, StringComparer.Ordinal).ThenBy(p => p.Name.Length == p.Region.Length ? 0 : 1).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        host.Log(LogLevel.Verbose, $"-Region *: {ordered.Count} project(s) of {Target.Describe(null, null, profile)}: {string.Join(", ", ordered.Select(p => p.Name))}.");
        return ordered.Select(p => (p.Region, p.Id));
    }

    /// <summary>The region of an IAM project: its name, or for a sub-project (region_name) the part before the first '_'.</summary>
    public static string RegionOf(string projectName)
    {
        if (projectName is null) throw new ArgumentNullException(nameof(projectName));
        var underscore = projectName.IndexOf('_');
        return underscore > 0 ? projectName.Substring(0, underscore) : projectName;
    }

    private bool IsOffered(CloudService service, string region) =>
        RegionTable.IsKnown(service, region)
        || service.SdkNames.Any(name => _resolver.Environment.Get(EndpointResolver.VariableName(name, region)) is not null);

    // Keys IAM refuses (401), or no keys at all (an unknown profile...), fail every region of the profile. A 403 may
    // only mean the keys may not list projects, and an unreachable IAM says nothing of the services: each region
    // then finds its project on its own.
    private static bool RefusesTheKeys(HuaweiCloudException ex) =>
        ex is HuaweiCloudServiceException service ? service.StatusCode == System.Net.HttpStatusCode.Unauthorized
        : ex is not HuaweiCloudTransportException && ex is not MalformedResponseException && ex is not HuaweiCloudRedirectException;

    private static bool IsWildcard(string region) => region.Trim() == AllRegions;

    private static List<string> Distinct(IReadOnlyList<string>? values) =>
        (values ?? Array.Empty<string>()).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Parameters that contradict several targets are refused before any request.</summary>
    private static void Check(ConnectionRequest template, List<string> profiles, List<string> regions)
    {
        var wildcard = regions.Any(IsWildcard);
        if (wildcard && regions.Count > 1)
            throw new HuaweiCloudConfigurationException("RegionWildcardWithRegions", "Region",
                $"-Region * already means every region of the account; give either * or a list of regions, not both ({string.Join(", ", regions)}).");
        var severalRegions = wildcard || regions.Count > 1;
        var whichRegions = wildcard ? "-Region *" : $"{regions.Count} regions";
        if (severalRegions && !string.IsNullOrWhiteSpace(template.ProjectId))
            throw new HuaweiCloudConfigurationException("ProjectIdWithSeveralRegions", "ProjectId",
                $"-ProjectId names the project of one region, and {whichRegions} were given. Leave -ProjectId out (each region's project comes from the profile, $env:HUAWEICLOUD_SDK_PROJECT_ID for its region, or IAM), or give one region.");
        if (severalRegions && !string.IsNullOrWhiteSpace(template.Endpoint))
            throw new HuaweiCloudConfigurationException("EndpointWithSeveralRegions", "Endpoint",
                $"-Endpoint is the address of one region's service, and {whichRegions} were given. Leave -Endpoint out (each region's endpoint comes from $env:HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION> or the region table), or give one region.");
        if (profiles.Count > 1 && (template.AccessKey is not null || template.SecretKey is not null))
            throw new HuaweiCloudConfigurationException("KeysWithSeveralProfiles", "ProfileName",
                $"-AccessKey/-SecretKey (or -Credential) would sign for every one of the {profiles.Count} profiles given, since keys on the command come first. Give either keys or profiles.");
        if (profiles.Count > 1 && !string.IsNullOrWhiteSpace(template.ProjectId))
            throw new HuaweiCloudConfigurationException("ProjectIdWithSeveralProfiles", "ProjectId",
                $"-ProjectId names a project of one account, and {profiles.Count} profiles were given. Leave -ProjectId out: each profile's project comes from the profile or IAM.");
    }
}
