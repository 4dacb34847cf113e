using System.Collections;
using System.Management.Automation;
using System.Reflection;

namespace MigrationTools.Parameters;

/// <summary>
/// [ValidateSet] whose values are read from the API description (a static IReadOnlyList&lt;string&gt; member of an
/// Apis class), so the allowed values are written once, in the core. Attribute arguments must be constants and
/// Windows PowerShell 5.1 has no IValidateSetValuesGenerator, hence the member's name. Like ValidateSet it ignores
/// case and passes the value on as typed. With Strict = false it only feeds tab completion and help: any value is
/// passed on (for lists the API page gives as examples, not as a closed set).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ApiValuesAttribute : ValidateArgumentsAttribute
{
    public ApiValuesAttribute(Type api, string member)
    {
        var value = api.GetField(member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
                    ?? api.GetProperty(member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
        Values = value as IReadOnlyList<string>
                 ?? throw new ArgumentException($"{api.Name}.{member} is not a public static IReadOnlyList<string>.", nameof(member));
    }

    /// <summary>Every value the API description lists.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>Whether other values are refused (default), as by ValidateSet.</summary>
    public bool Strict { get; set; } = true;

    /// <summary>The closed set of values (empty when not Strict); the help generator lists it as the parameter's values.</summary>
    public IReadOnlyList<string> ValidValues => Strict ? Values : Array.Empty<string>();

    /// <summary>
    /// Sets each bound [ApiValues] parameter of <paramref name="cmdlet"/> to the API's own spelling of its value:
    /// PowerShell matches the set ignoring case (-Status success), the services compare exactly.
    /// </summary>
    internal static void UseApiSpelling(PSCmdlet cmdlet)
    {
        foreach (var name in cmdlet.MyInvocation.BoundParameters.Keys)
        {
            var property = cmdlet.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property?.GetCustomAttribute<ApiValuesAttribute>() is not { } set || property.GetValue(cmdlet) is not string given) continue;
            if (set.Values.FirstOrDefault(v => string.Equals(v, given, StringComparison.OrdinalIgnoreCase)) is { } spelled)
                property.SetValue(cmdlet, spelled);
        }
    }

    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        if (!Strict) return;
        var values = arguments is IEnumerable list && arguments is not string ? list.Cast<object?>() : new[] { arguments };
        foreach (var value in values)
        {
            var text = value is PSObject wrapped ? wrapped.BaseObject?.ToString() : value?.ToString();
            if (text is null || !Values.Contains(text, StringComparer.OrdinalIgnoreCase))
                throw new ValidationMetadataException(
                    $"The argument \"{text}\" does not belong to the set \"{string.Join(",", Values)}\". Supply an argument that is in the set and then try the command again.");
        }
    }
}
