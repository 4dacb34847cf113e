using System.Xml.Linq;
using MigrationTools.HelpGen.Tests.Samples;
using Xunit;

namespace MigrationTools.HelpGen.Tests;

/// <summary>
/// The views MigrationTools.format.ps1xml holds come from the attributes on the models: each option becomes the
/// PowerShell that shows it, and a type without views or too wide for the console fails the build.
/// </summary>
public sealed class ModelViewsTests
{
    private static ModelView Read(Type type, List<string>? errors = null) => ModelViews.Read(type, errors ?? new List<string>());

    [Fact]
    public void Table_columns_follow_their_order_with_labels_widths_and_the_values_they_show()
    {
        var errors = new List<string>();
        var columns = Read(typeof(SampleTask), errors).Columns;
        Assert.Empty(errors);
        Assert.Equal(new[] { "Name", "Created (UTC)", "Source", "Done%", "Contents" }, columns.Select(c => c.Label));
        Assert.Equal(new[] { 20, 16, 8, 6, 20 }, columns.Select(c => c.Width));
        Assert.Equal(new[] { false, false, false, true, false }, columns.Select(c => c.AlignRight));
        Assert.Equal("if ($_.Name) { $_.Name } else { $_.Id }", columns[0].Script);
        Assert.Equal("if ($_.Created) { $_.Created.ToString('yyyy-MM-dd HH:mm') }", columns[1].Script);
        Assert.Equal("switch ($_.Kind) { 'rabbitToRocket' { 'RabbitMQ' } 'it''s' { 'quoted' } default { $_ } }", columns[2].Script);
        Assert.Equal(("Progress", (string?)null), (columns[3].Property, columns[3].Script));
        Assert.StartsWith("$kinds = [ordered]@{ notes = $_.Notes; tags = $_.Tags }; ", columns[4].Script, StringComparison.Ordinal);
        Assert.True(columns[4].Wrap);
    }

    [Fact]
    public void List_lines_show_collections_and_objects_as_text_flags_as_words_and_narrowed_lists_only_when_asked_for()
    {
        var lines = Read(typeof(SampleTask)).Lines;
        Assert.Equal(new[] { "Id", "Name", "Created", "Default", "Narrowed", "Tags", "Notes", "Parent", "Owner" }, lines.Select(l => l.Label));
        Assert.Equal(new[] { "Id", "Name", "Created", null, "Narrowed", null, null, null, null }, lines.Select(l => l.Property));
        Assert.Equal("if ($_.IsDefault) { 'yes' } else { '' }", lines[3].Script);
        Assert.Equal("if ($null -ne $_.Tags) { $_.Tags.ToString() }", lines[5].Script);
        Assert.Equal("if ($null -ne $_.Parent) { $_.Parent.ToString() }", lines[7].Script);
        Assert.Equal("$_.Parent.Id", lines[8].Script);
        Assert.Equal("$_.Narrowed -notin 'tag' -or $_.Narrowed -eq 'tag'", lines[5].Condition);
        Assert.Equal("$_.Narrowed -notin 'tag'", lines[6].Condition);
        Assert.Null(lines[0].Condition);
    }

    [Fact]
    public void The_format_file_holds_a_table_then_a_list_per_output_type_in_the_order_of_the_cmdlets()
    {
        var errors = new List<string>();
        var views = Views.Of(new[] { typeof(GetSampleTaskCommand) }, errors);
        var format = FormatFile.Generate(views);
        var names = format.Descendants("View").Select(v => (string)v.Element("Name")!).ToList();
        Assert.Equal(new[] { "SampleTask", "SampleTaskList", "SampleWideTask", "SampleWideTaskList", "SampleItem", "SampleItemList" }, names);
        var table = format.Descendants("View").First();
        Assert.Equal(typeof(SampleTask).FullName, (string)table.Element("ViewSelectedBy")!.Element("TypeName")!);
        Assert.Equal("Right", (string)table.Descendants("TableColumnHeader").ElementAt(3).Element("Alignment")!);
        Assert.NotNull(table.Descendants("TableRowEntry").Single().Element("Wrap"));
        var narrowed = format.Descendants("ListItem").Single(i => (string?)i.Element("Label") == "Tags");
        Assert.Equal("$_.Narrowed -notin 'tag' -or $_.Narrowed -eq 'tag'", (string)narrowed.Element("ItemSelectionCondition")!.Element("ScriptBlock")!);
        Assert.StartsWith(" Generated at build by src/MigrationTools.HelpGen", format.Nodes().OfType<XComment>().Single().Value, StringComparison.Ordinal);
        Assert.Equal(new[] { "Name", "Created (UTC)", "Source", "Done%", "Contents" }, views.TableColumns(typeof(SampleTask)));
    }

    [Fact]
    public void A_type_without_views_too_wide_for_the_console_or_naming_no_property_fails_the_build()
    {
        var errors = new List<string>();
        Views.Of(new[] { typeof(GetSampleTaskCommand) }, errors);
        Assert.Contains(errors, e => e.Contains("SampleItem: error MTHELP012", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("SampleWideTask: error MTHELP013: the default table is 81 columns wide", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("SampleWideTask: error MTHELP014: the view names 'NoSuchProperty'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("SampleWideTask: error MTHELP014: two list items have order 1", StringComparison.Ordinal));
        Assert.Equal(4, errors.Count);
    }
}
