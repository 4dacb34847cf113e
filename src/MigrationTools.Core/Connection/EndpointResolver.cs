using System;
using System.Linq;
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

    public static Uri Resolve(CloudService service, string? region, string? endpoint, IEnvironment environment, Func<CloudService, string?>? profileEndpoint = null)
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
        if (!string.IsNullOrWhiteSpace(fromProfile)) return Validate(fromProfile!, $"the profile's {service.DisplayName} endpoint");

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

    /// <summary>An absolute http(s) URI; plain http only to a loopback address (credentials would cross the network signed but readable).</summary>
    public static Uri Validate(string value, string parameterName)
    {
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || string.IsNullOrEmpty(uri.Host))
            throw new HuaweiCloudConfigurationException("InvalidEndpoint", parameterName,
                $"{Display(parameterName)} '{value}' is not an absolute http or https URI, such as https://dcs.cn-north-4.myhuaweicloud.com.");
        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
            throw new HuaweiCloudConfigurationException("InsecureEndpoint", parameterName,
                $"{Display(parameterName)} '{value}' uses plain http to a host that is not this computer. Use https; plain http is accepted only for loopback addresses such as 127.0.0.1 (the local emulator).");
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            throw new HuaweiCloudConfigurationException("InvalidEndpoint", parameterName,
                $"{Display(parameterName)} '{value}' has a query or fragment; give only scheme, host, port and an optional base path.");
        return uri;
    }

    // "Endpoint" is the cmdlet parameter, shown as users type it; other names are variables or profile settings.
    private static string Display(string parameterName) => parameterName == "Endpoint" ? "-Endpoint" : parameterName;

    private static bool IsLoopback(Uri uri)
    {
        if (uri.IsLoopback) return true;
        var host = uri.Host.Trim('[', ']');
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }
}
