using System.Net;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Connection;

/// <summary>
/// Where a service's requests go: -Endpoint, else HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION} (as in the SDKs),
/// else a profile's override, else the region table. Plain http is accepted for loopback addresses only.
/// </summary>
public static class EndpointResolver
{
    public const string RegionVariablePrefix = "HUAWEICLOUD_SDK_REGION_";

    /// <param name="profileSource">Where <paramref name="profileEndpoint"/>'s values come from, for errors (e.g. "profile 'prod' (-ProfileName)").</param>
    public static Uri Resolve(CloudService service, string? region, string? endpoint, IEnvironment environment, Func<CloudService, string?>? profileEndpoint = null,
        string? profileSource = null)
    {
        if (!string.IsNullOrWhiteSpace(endpoint)) return Validate(endpoint!, "Endpoint");

        if (!string.IsNullOrWhiteSpace(region))
        {
            foreach (var name in service.SdkNames)
            {
                var variable = VariableName(name, region!);
                var fromEnvironment = environment.Get(variable);
                if (fromEnvironment is not null)
                {
                    // The SDKs allow a comma-separated list; the first entry is the one used.
                    return Validate(fromEnvironment.Split(',')[0].Trim(), variable);
                }
            }
        }

        var fromProfile = profileEndpoint?.Invoke(service);
        if (!string.IsNullOrWhiteSpace(fromProfile)) return Validate(fromProfile!, $"The {service.DisplayName} endpoint of {profileSource ?? "the profile"}");

        if (string.IsNullOrWhiteSpace(region))
            throw new HuaweiCloudConfigurationException("RegionMissing", "Region",
                "No region is set. Give -Region (for example -Region cn-north-4), set a profile's region (Set-HuaweiCloudProfile -Region), or set $env:HUAWEICLOUD_SDK_REGION.");

        var table = RegionTable.EndpointOf(service, region!);
        if (table is null)
            throw new HuaweiCloudConfigurationException("UnknownRegion", "Region",
                $"-Region '{region}' is not a region where {service.DisplayName} is offered. Known regions: {string.Join(", ", RegionTable.RegionsOf(service))}. " +
                $"For a region not in this list, give -Endpoint or set ${"env:" + VariableName(service.SdkNames[0], region!)}.");
        return table;
    }

    /// <summary>HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}, with '-' as '_' and upper case (the SDKs' EnvRegionProvider).</summary>
    public static string VariableName(string sdkServiceName, string region) =>
        RegionVariablePrefix + sdkServiceName.ToUpperInvariant() + "_" + region.Trim().Replace('-', '_').ToUpperInvariant();

    /// <summary>
    /// An absolute http(s) URI of scheme, host, port and an optional base path; plain http only to a loopback
    /// address (credentials would cross the network signed but readable). Refused: user info ("user:password@",
    /// which .NET would send as a Basic authorization and print in every message that shows the address), a query
    /// or fragment, other schemes. No message repeats the user info: it is shown as "***@".
    /// </summary>
    /// <param name="parameterName">The parameter ("Endpoint", "IamEndpoint"), variable or setting the value came from.</param>
    public static Uri Validate(string value, string parameterName)
    {
        var shown = Redact(value.Trim());
        if (shown != value.Trim())
            throw new HuaweiCloudConfigurationException("EndpointHasUserInfo", parameterName,
                $"{Display(parameterName)} '{shown}' has a user name or password before '@'. An endpoint takes no user info: requests are signed with the access key and secret key. Remove the part before '@'.");
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || string.IsNullOrEmpty(uri.Host))
            throw new HuaweiCloudConfigurationException("InvalidEndpoint", parameterName,
                $"{Display(parameterName)} '{shown}' is not an absolute http or https URI, such as https://dcs.cn-north-4.myhuaweicloud.com.");
        if (!string.IsNullOrEmpty(uri.UserInfo))
            throw new HuaweiCloudConfigurationException("EndpointHasUserInfo", parameterName,
                $"{Display(parameterName)} '{uri.Scheme}://***@{uri.Host}' has a user name or password. An endpoint takes no user info: requests are signed with the access key and secret key.");
        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
            throw new HuaweiCloudConfigurationException("InsecureEndpoint", parameterName,
                $"{Display(parameterName)} '{shown}' uses plain http to a host that is not this computer. Use https; plain http is accepted only for loopback addresses such as 127.0.0.1 (the local emulator).");
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || value.IndexOf('?') >= 0 || value.IndexOf('#') >= 0)
            throw new HuaweiCloudConfigurationException("InvalidEndpoint", parameterName,
                $"{Display(parameterName)} '{shown}' has a query or fragment; give only scheme, host, port and an optional base path.");
        return uri;
    }

    /// <summary>
    /// The text with any user info of its authority (what precedes the last '@' before the path) replaced by "***",
    /// whether or not the text parses as a URI: "http://u:secret@host/" becomes "http://***@host/".
    /// </summary>
    private static readonly char[] AuthorityEnd = { '/', '?', '#' };

    public static string Redact(string value)
    {
        var start = value.IndexOf("//", StringComparison.Ordinal);
        start = start < 0 ? 0 : start + 2;
        var end = value.IndexOfAny(AuthorityEnd, start);
        if (end < 0) end = value.Length;
        // A backslash ends the authority too: .NET reads http://host\path as http://host/path.
        var backslash = value.IndexOf('\\', start);
        if (backslash >= 0 && backslash < end) end = backslash;
        if (end <= start) return value;
        var at = value.LastIndexOf('@', end - 1, end - start);
        if (at < 0) return value;
        return value.Substring(0, start) + "***" + value.Substring(at);
    }

    // "Endpoint" and "IamEndpoint" are cmdlet parameters, shown as users type them; other names are variables or profile settings.
    private static string Display(string parameterName) => parameterName is "Endpoint" or "IamEndpoint" ? "-" + parameterName : parameterName;

    private static bool IsLoopback(Uri uri)
    {
        if (uri.IsLoopback) return true;
        var host = uri.Host.Trim('[', ']');
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }
}
