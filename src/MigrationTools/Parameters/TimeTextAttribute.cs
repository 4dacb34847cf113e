using System.Globalization;
using System.Management.Automation;

namespace MigrationTools.Parameters;

/// <summary>
/// Lets a time filter that the service takes as text (DRS create_at, completed_at) also take a [datetime]: it is
/// sent as ISO 8601 in UTC (2024-08-19T02:27:15Z) instead of PowerShell's culture-dependent text. Other values pass
/// through unchanged, as the user typed them.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class TimeTextAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject ps ? ps.BaseObject : inputData;
        return value switch
        {
            DateTime d => (d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Local) : d)
                .ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            DateTimeOffset o => o.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            _ => inputData,
        };
    }
}
