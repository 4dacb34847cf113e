namespace MigrationTools.Core.Formatting;

/// <summary>
/// Shows the property as a column of the type's default table (MigrationTools.format.ps1xml, generated at build by
/// src/MigrationTools.HelpGen). Columns are ordered by <see cref="Order"/>; their widths with one space between
/// columns fit an 80-column console (the build fails otherwise). Without options the column shows the property's
/// value under its name.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class TableColumnAttribute(int order, int width) : Attribute
{
    public int Order { get; } = order;

    public int Width { get; } = width;

    /// <summary>The header; default: the property's name.</summary>
    public string? Label { get; set; }

    /// <summary>A time shown in UTC to the minute (yyyy-MM-dd HH:mm), its header saying "(UTC)".</summary>
    public bool UtcTime { get; set; }

    /// <summary>Numbers line up on the right.</summary>
    public bool AlignRight { get; set; }

    /// <summary>The property shown when this one is empty (a name, else the id).</summary>
    public string? OrElse { get; set; }

    /// <summary>Values shown under another name, each "value=shown" (other values as they are).</summary>
    public string[]? Renames { get; set; }

    /// <summary>For a flag: the text shown when it is true (nothing when false).</summary>
    public string? TrueAs { get; set; }

    /// <summary>Long text wraps onto the next lines instead of being cut.</summary>
    public bool Wrap { get; set; }

    /// <summary>A PowerShell expression over $_ for a value that no option above describes.</summary>
    public string? Script { get; set; }
}
