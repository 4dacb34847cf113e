using MigrationTools.Core.Connection;
using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Credentials;

/// <summary>Asks each source in order; the first that has credentials wins.</summary>
public sealed class CredentialChain
{
    public CredentialChain(IEnumerable<ICredentialSource> sources) => Sources = sources.ToList();

    public IReadOnlyList<ICredentialSource> Sources { get; }

    /// <param name="cancellation">Ends a source's wait (the metadata service's) at once: Ctrl+C.</param>
    public CredentialResolution Resolve(ConnectionRequest request, IEnvironment environment, CancellationToken cancellation = default)
    {
        foreach (var source in Sources)
        {
            var found = source.TryResolve(request, environment, cancellation);
            if (found is not null) return found;
        }
        var tried = string.Join(Environment.NewLine, Sources.Select((s, i) => $"  {i + 1}. {s.Description}"));
        throw new CredentialsNotFoundException(
            "No Huawei Cloud credentials were found. Tried, in order:" + Environment.NewLine + tried + Environment.NewLine +
            "To fix it, store a profile once: Set-HuaweiCloudProfile -Name default -AccessKey <AK> -SecretKey <SK> -Region <region>" + Environment.NewLine +
            "or give -AccessKey and -SecretKey (or -Credential), or set $env:HUAWEICLOUD_SDK_AK and $env:HUAWEICLOUD_SDK_SK.");
    }
}
