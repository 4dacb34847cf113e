namespace MigrationTools.Core.Errors;

/// <summary>How a value a user or a service gave is quoted in an error: whole up to 40 characters, else cut with "…".</summary>
internal static class ShownValue
{
    public const int MaxLength = 40;

    public static string Of(string value) => value.Length <= MaxLength ? value : value.Substring(0, MaxLength) + "…";
}
