using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Reflection;

namespace MigrationTools.HelpGen;

/// <summary>The paging rule of a list operation, read from its PagingRule.</summary>
internal sealed record PagingFacts(bool PageNumber, int MinLimit, int MaxLimit, int DefaultLimit, bool LimitDocumented);

/// <summary>The API operation a cmdlet names (its Operation property): its name, its records, its paging rule.</summary>
internal sealed record OperationFacts(string Name, Type RecordType, PagingFacts? Paging);

/// <summary>
/// What the help states that the code knows: the API operation a cmdlet calls and the defaults of its parameters,
/// read by reflection from a new instance of the cmdlet (the module's assembly is loaded in a context of its own,
/// so its types are reached by name, not by reference).
/// </summary>
internal static class CmdletFacts
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>A new instance of the cmdlet (what PowerShell starts from before binding), or null when it has no public constructor.</summary>
    public static object? NewInstance(Type cmdlet) =>
        cmdlet.GetConstructor(Type.EmptyTypes) is null ? null : Activator.CreateInstance(cmdlet);

    /// <summary>The operation the cmdlet names (HuaweiCloudCmdlet.Operation), or null for a cmdlet that calls no API.</summary>
    public static OperationFacts? Operation(object? cmdlet)
    {
        if (cmdlet is null) return null;
        var property = Hierarchy(cmdlet.GetType()).Select(t => t.GetProperty("Operation", Instance | BindingFlags.DeclaredOnly)).FirstOrDefault(p => p is not null);
        var operation = property?.GetValue(cmdlet);
        if (operation is null) return null;
        var contract = operation.GetType().GetInterface("IApiOperation")!;
        var name = (string)contract.GetProperty("Name")!.GetValue(operation)!;
        var recordType = (Type)contract.GetProperty("RecordType")!.GetValue(operation)!;
        var paging = operation.GetType().GetInterface("IListApi")?.GetProperty("Paging")!.GetValue(operation);
        return new OperationFacts(name, recordType, paging is null ? null : new PagingFacts(
            Read(paging, "Kind").ToString() == "PageNumber", (int)Read(paging, "MinLimit"), (int)Read(paging, "MaxLimit"),
            (int)Read(paging, "DefaultLimit"), (bool)Read(paging, "LimitDocumented")));
    }

    /// <summary>
    /// The value a parameter has when it is not given, as the code sets it (its property on a new instance), or null
    /// when that is the type's own empty value (null, 0, false, an empty list): then the code states no default.
    /// </summary>
    public static string? Default(object? cmdlet, PropertyInfo property)
    {
        if (cmdlet is null || property.GetMethod is null) return null;
        var value = property.GetValue(cmdlet);
        switch (value)
        {
            case null:
            case string { Length: 0 }:
            case SwitchParameter { IsPresent: false }:
            case false:
                return null;
            case string text:
                return text;
            case IEnumerable items:
                var list = items.Cast<object?>().Select(i => Convert.ToString(i, CultureInfo.InvariantCulture)).ToList();
                return list.Count == 0 ? null : string.Join(", ", list);
            default:
                if (value.GetType().IsValueType && value.Equals(Activator.CreateInstance(value.GetType()))) return null;
                return Convert.ToString(value, CultureInfo.InvariantCulture);
        }
    }

    private static object Read(object target, string property) => target.GetType().GetProperty(property)!.GetValue(target)!;

    private static IEnumerable<Type> Hierarchy(Type type)
    {
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType) yield return t;
    }
}
