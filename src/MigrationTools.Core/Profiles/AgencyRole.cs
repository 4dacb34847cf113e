using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Profiles;

/// <summary>
/// What an agency profile assumes: the agency <see cref="AgencyName"/> of the account <see cref="DomainName"/>, with
/// the credentials of the profile <see cref="SourceProfileName"/>, for <see cref="DurationSeconds"/> (IAM's default,
/// 900 s, when null).
/// </summary>
public sealed class AgencyRole
{
    public const int MinDurationSeconds = 900;
    public const int MaxDurationSeconds = 86400;

    public AgencyRole(string sourceProfileName, string domainName, string agencyName, int? durationSeconds = null)
    {
        SourceProfileName = sourceProfileName.Trim();
        DomainName = domainName.Trim();
        AgencyName = agencyName.Trim();
        DurationSeconds = durationSeconds;
    }

    public string SourceProfileName { get; }
    public string DomainName { get; }
    public string AgencyName { get; }
    public int? DurationSeconds { get; }

    /// <summary>Whether both name the same agency of the same account (the account's project ids stay valid).</summary>
    public bool SameAgency(AgencyRole? other) =>
        other is not null && string.Equals(DomainName, other.DomainName, StringComparison.Ordinal) && string.Equals(AgencyName, other.AgencyName, StringComparison.Ordinal);

    public override string ToString() => $"agency '{AgencyName}' of account '{DomainName}'";

    /// <summary>
    /// The profiles whose credentials a profile uses, from the profile itself to the first one that is not an agency
    /// profile. A source that is missing is ProfileNotFound naming the profile that needs it; a cycle is
    /// ProfileSourceCycle naming the profiles in it.
    /// </summary>
    internal static IReadOnlyList<HuaweiCloudProfile> SourceChain(HuaweiCloudProfile profile, IReadOnlyDictionary<string, HuaweiCloudProfile> profiles, ProfileStore store)
    {
        var chain = new List<HuaweiCloudProfile> { profile };
        for (var current = profile; current.Agency is { } role; )
        {
            if (!profiles.TryGetValue(role.SourceProfileName, out var source))
                throw store.NotFound(role.SourceProfileName, "SourceProfileName", $"-SourceProfileName of profile '{current.Name}'", profiles.Keys);
            if (chain.Any(p => string.Equals(p.Name, source.Name, StringComparison.OrdinalIgnoreCase)))
            {
                var names = string.Join(" -> ", chain.Select(p => p.Name).Concat(new[] { source.Name }));
                throw new HuaweiCloudConfigurationException("ProfileSourceCycle", "SourceProfileName",
                    $"The profile '{profile.Name}' cannot sign: its credentials would come from a cycle of profiles ({names}). " +
                    $"Give one of them keys (-AccessKey/-SecretKey), -EcsMetadata, or a -SourceProfileName outside the cycle.");
            }
            chain.Add(source);
            current = source;
        }
        return chain;
    }
}
