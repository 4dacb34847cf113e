namespace MigrationTools.Emulator;

/// <summary>Settings of one emulator instance. Credentials and ids default to values derived from <see cref="Seed"/>:
/// they are the emulator's own test keys, never real secrets.</summary>
public sealed class EmulatorOptions
{
    private string? _accessKey, _secretKey, _projectId, _domainId;

    /// <summary>TCP port on 127.0.0.1; 0 picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>Seed of the deterministic data set and of the derived credentials.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Permanent access key: "EMULATORAK" + 12 upper-case alphanumerics derived from the seed.</summary>
    public string AccessKey { get => _accessKey ?? Derived.For(Seed).AccessKey; set => _accessKey = value; }

    /// <summary>Secret key of <see cref="AccessKey"/>: 40 alphanumerics derived from the seed.</summary>
    public string SecretKey { get => _secretKey ?? Derived.For(Seed).SecretKey; set => _secretKey = value; }

    /// <summary>Project id of <see cref="Region"/>: 32 lower-case hex characters derived from the seed.</summary>
    public string ProjectId { get => _projectId ?? Derived.For(Seed).ProjectId; set => _projectId = value; }

    /// <summary>Account (domain) id: 32 lower-case hex characters derived from the seed.</summary>
    public string DomainId { get => _domainId ?? Derived.For(Seed).DomainId; set => _domainId = value; }

    public string Region { get; set; } = "cn-north-4";

    /// <summary>The name of the account (domain) of <see cref="AccessKey"/>.</summary>
    public string DomainName { get; set; } = "emulator-main";

    /// <summary>Addition: a second account, reachable only through its agency <see cref="MemberAgencyName"/>, which
    /// trusts the main account. It has its own ids (derived from the seed) and its own, smaller data set.</summary>
    public string MemberDomainName { get; set; } = "emulator-member";

    /// <summary>The member account's agency that the main account may assume (IAM securitytokens, assume_role).</summary>
    public string MemberAgencyName { get; set; } = "migration-readonly";

    /// <summary>The main account's agency that the member account may assume (to chain agencies).</summary>
    public string MainAgencyName { get; set; } = "audit-from-member";

    /// <summary>Addition: regions where the main account has one more IAM project each, listed after the default ones
    /// (which keep their ids), for example cn-south-4, where DRS is offered and DCS is not, so -Region * leaves it out
    /// for one service and lists it for another. Empty by default.</summary>
    public IReadOnlyList<string> ExtraRegions { get; set; } = [];

    /// <summary>Addition for benchmarks: DCS migration tasks in the data set (default 1,200, the deterministic default set).</summary>
    public int DcsTaskCount { get; set; } = EmulatorData.DcsTaskCount;

    /// <summary>Fault injection applied to the API routes; copied into the host at start (the host's own instance is mutable).</summary>
    public FaultSettings Faults { get; } = new();

    /// <summary>Which form of the services the RocketMQ routes answer in (engine spelling, json_content spelling);
    /// copied into the host at start like <see cref="Faults"/>.</summary>
    public ServiceBehaviour Behaviour { get; } = new();

    /// <summary>Lifetime of the temporary credentials issued by the ECS metadata route.</summary>
    public TimeSpan TemporaryCredentialLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>When set, every task running in the data set (DCS MIGRATING, DRS TRANSFERRING, RocketMQ creating or
    /// starting) ends this long after it is first read, as if it had a progress plan of these seconds.</summary>
    public TimeSpan? RunningTasksEndAfter { get; set; }

    /// <summary>Five bad signatures in a row lock the AK for five minutes.</summary>
    public bool EnableLockout { get; set; } = true;

    /// <summary>Addition: when true the gateway also rejects a request whose SignedHeaders lacks "host". Default false,
    /// as the real gateway accepts the Go SDK, which signs neither host nor content-type (x-sdk-date is always required).</summary>
    public bool RequireSignedHost { get; set; }

    /// <summary>Addition to the agreed surface: the clock of the gateway (X-Sdk-Date window, lockout, credential expiry).
    /// Tests may pass a fake one. Data generation never uses the clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Addition: when true, Kestrel/ASP.NET log warnings to the console (the program sets it).</summary>
    public bool ConsoleLogging { get; set; }

    internal sealed record Derived(string AccessKey, string SecretKey, string ProjectId, string DomainId)
    {
        /// <summary>The member account's project and domain ids: another stream of the same seed.</summary>
        public static (string ProjectId, string DomainId) MemberIds(int seed)
        {
            var d = For(unchecked(seed * 131 + 7));
            return (d.ProjectId, d.DomainId);
        }

        private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        private const string Hex = "0123456789abcdef";

        public static Derived For(int seed)
        {
            // A separate stream from the data set's so that changing data generation never changes the keys.
            var rng = new Random(unchecked(seed * 7919 + 17));
            static string Pick(Random r, string alphabet, int n)
            {
                var c = new char[n];
                for (int i = 0; i < n; i++) c[i] = alphabet[r.Next(alphabet.Length)];
                return new string(c);
            }
            return new Derived(
                "EMULATORAK" + Pick(rng, Upper, 12),
                Pick(rng, Alnum, 40),
                Pick(rng, Hex, 32),
                Pick(rng, Hex, 32));
        }
    }
}
