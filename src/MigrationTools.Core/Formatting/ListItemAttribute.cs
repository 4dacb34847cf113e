namespace MigrationTools.Core.Formatting;

/// <summary>
/// Shows the property in the type's list view (Format-List; MigrationTools.format.ps1xml, generated at build),
/// ordered by <see cref="Order"/>. A collection shows as its text ("a; b"), never as {a, b}.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class ListItemAttribute(int order) : Attribute
{
    public int Order { get; } = order;

    /// <summary>The name shown; default: the property's name.</summary>
    public string? Label { get; set; }

    /// <summary>An object shown by its ToString(), as a collection is.</summary>
    public bool AsText { get; set; }

    /// <summary>For a flag: the text shown when it is true (nothing when false).</summary>
    public string? TrueAs { get; set; }

    /// <summary>
    /// The property that says the object was narrowed to one list (RocketMQ's MetadataType after -Type exchange):
    /// while it holds the <see cref="KeptWhen"/> value of any item of the view, only the item kept for that value
    /// shows, and items without <see cref="KeptWhen"/> are hidden.
    /// </summary>
    public string? NarrowedBy { get; set; }

    /// <summary>The value of <see cref="NarrowedBy"/> for which this item still shows.</summary>
    public string? KeptWhen { get; set; }

    /// <summary>A PowerShell expression over $_ for a value that no option above describes.</summary>
    public string? Script { get; set; }
}
