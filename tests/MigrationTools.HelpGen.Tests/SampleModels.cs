using System.Management.Automation;
using MigrationTools.Core.Formatting;
using MigrationTools.Core.Models;

namespace MigrationTools.HelpGen.Tests.Samples;

/// <summary>A sample output that uses every option of the view attributes.</summary>
[CountsColumn(5, 20, "Contents", Wrap = true)]
public sealed class SampleTask
{
    [ListItem(1)]
    public string? Id { get; set; }

    [TableColumn(1, 20, OrElse = nameof(Id)), ListItem(2)]
    public string? Name { get; set; }

    [TableColumn(2, 16, UtcTime = true), ListItem(3)]
    public DateTime? Created { get; set; }

    [TableColumn(3, 8, Label = "Source", Renames = new[] { "rabbitToRocket=RabbitMQ", "it's=quoted" })]
    public string? Kind { get; set; }

    [TableColumn(4, 6, Label = "Done%", AlignRight = true)]
    public double? Progress { get; set; }

    [ListItem(4, Label = "Default", TrueAs = "yes")]
    public bool IsDefault { get; set; }

    [ListItem(5)]
    public string? Narrowed { get; set; }

    [ListItem(6, NarrowedBy = nameof(Narrowed), KeptWhen = "tag"), Counted(2, "tags")]
    public ReadableList<string> Tags { get; set; } = ReadableList<string>.Empty;

    [ListItem(7, NarrowedBy = nameof(Narrowed)), Counted(1, "notes")]
    public ReadableList<string> Notes { get; set; } = ReadableList<string>.Empty;

    [ListItem(8, AsText = true)]
    public SampleItem? Parent { get; set; }

    [ListItem(9, Label = "Owner", Script = "$_.Parent.Id")]
    public string? OwnerId { get; set; }
}

/// <summary>A sample output whose table is 20 + 1 + 60 = 81 columns wide.</summary>
public sealed class SampleWideTask
{
    [TableColumn(1, 20), ListItem(1)]
    public string? Name { get; set; }

    [TableColumn(2, 60, OrElse = "NoSuchProperty"), ListItem(1)]
    public string? Description { get; set; }
}

/// <summary>Gets sample tasks.</summary>
[Cmdlet(VerbsCommon.Get, "SampleTask")]
[OutputType(typeof(SampleTask), typeof(void))]
[OutputType(typeof(SampleTask), typeof(SampleWideTask), typeof(SampleItem))]
public sealed class GetSampleTaskCommand : PSCmdlet
{
}
