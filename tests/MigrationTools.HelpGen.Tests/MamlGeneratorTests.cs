using System.Xml.Linq;
using MigrationTools.HelpGen.Tests.Samples;
using Xunit;

namespace MigrationTools.HelpGen.Tests;

public sealed class MamlGeneratorTests
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    /// <summary>Samples/Good holds the examples of the complete sample; Samples/Failing those of the broken ones.</summary>
    private static string Samples(string set) => Path.Combine(AppContext.BaseDirectory, "Samples", set);

    private static DocComments Docs() =>
        DocComments.Load(new[] { Path.Combine(AppContext.BaseDirectory, "MigrationTools.HelpGen.Tests.xml") });

    private static (XDocument? Maml, List<string> Errors) Generate(params Type[] types) => MamlGenerator.Generate(types, Docs(), Samples("Good"));

    private static (XDocument? Maml, List<string> Errors) GenerateFailing(params Type[] types) => MamlGenerator.Generate(types, Docs(), Samples("Failing"));

    private static XElement CommandOf(XDocument maml, string name) =>
        maml.Root!.Elements(Command + "command").Single(c => (string)c.Element(Command + "details")!.Element(Command + "name")! == name);

    private static XElement Parameter(XElement command, string name) =>
        command.Element(Command + "parameters")!.Elements(Command + "parameter").Single(p => (string)p.Element(Maml + "name")! == name);

    private static List<string> Paras(XElement? element) => element?.Elements(Maml + "para").Select(p => p.Value).ToList() ?? new List<string>();

    [Fact]
    public void Synopsis_and_description_come_from_the_class_doc_comment()
    {
        var (maml, errors) = Generate(typeof(GetSampleItemCommand));
        Assert.Empty(errors);
        var command = CommandOf(maml!, "Get-SampleItem");
        Assert.Equal(new[] { "Gets sample items." }, Paras(command.Element(Command + "details")!.Element(Maml + "description")));
        // The parameters of the abstract base class are named once, by a generated paragraph.
        Assert.Equal(new[] { "First paragraph of the description, with a SampleItem reference.", "Second paragraph.",
                "Common parameters of the module: -Region says where and as whom to connect; see about_MigrationTools." },
            Paras(command.Element(Maml + "description")));
    }

    [Fact]
    public void One_syntax_item_per_parameter_set_default_first_with_shared_and_paging_parameters()
    {
        var (maml, _) = Generate(typeof(GetSampleItemCommand));
        var items = CommandOf(maml!, "Get-SampleItem").Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
        Assert.Equal(2, items.Count);
        string[] Names(XElement item) => item.Elements(Command + "parameter").Select(p => (string)p.Element(Maml + "name")!).ToArray();
        // Positional first; the hidden parameter is left out of the syntax; the base class's and PowerShell's paging parameters are in.
        Assert.Equal(new[] { "Name", "Colour", "Tint", "Region", "IncludeTotalCount", "Skip", "First" }, Names(items[0]));
        Assert.Equal(new[] { "Id", "Colour", "Tint", "Region", "IncludeTotalCount", "Skip", "First" }, Names(items[1]));
    }

    [Fact]
    public void Parameters_state_type_required_position_pipeline_aliases_and_default()
    {
        var (maml, _) = Generate(typeof(GetSampleItemCommand));
        var command = CommandOf(maml!, "Get-SampleItem");
        var name = Parameter(command, "Name");
        Assert.Equal("false", (string)name.Attribute("required")!);
        Assert.Equal("0", (string)name.Attribute("position")!);
        Assert.Equal("ItemName, N", (string)name.Attribute("aliases")!);
        Assert.Equal("System.String", name.Element(Dev + "type")!.Element(Maml + "name")!.Value);

        var id = Parameter(command, "Id");
        Assert.Equal("true", (string)id.Attribute("required")!);
        Assert.Equal("named", (string)id.Attribute("position")!);
        Assert.Equal("True (ByValue)", (string)id.Attribute("pipelineInput")!);
        Assert.Equal("String[]", id.Element(Command + "parameterValue")!.Value);

        var region = Parameter(command, "Region");
        Assert.Equal(new[] { "The region, described once on the base class." }, Paras(region.Element(Maml + "description")));
        Assert.Equal("True (ByPropertyName)", (string)region.Attribute("pipelineInput")!);
        Assert.Equal("The profile's region", region.Element(Dev + "defaultValue")!.Value);
        Assert.Equal("None", name.Element(Dev + "defaultValue")!.Value);

        // Hidden from the syntax, still described.
        Assert.Equal(new[] { "Bound only from piped objects." }, Paras(Parameter(command, "Hidden").Element(Maml + "description")));
    }

    [Fact]
    public void Allowed_values_are_listed_from_ValidateSet_and_from_attributes_with_ValidValues()
    {
        var (maml, _) = Generate(typeof(GetSampleItemCommand));
        var command = CommandOf(maml!, "Get-SampleItem");
        string[] Values(string p) => Parameter(command, p).Element(Command + "parameterValueGroup")!.Elements(Command + "parameterValue").Select(v => v.Value).ToArray();
        Assert.Equal(new[] { "blue", "yellow" }, Values("Colour"));
        Assert.Equal(new[] { "red", "green" }, Values("Tint"));
        Assert.Null(Parameter(command, "Name").Element(Command + "parameterValueGroup"));
    }

    [Fact]
    public void Inputs_and_outputs_come_from_the_pipeline_parameters_and_OutputType()
    {
        var (maml, _) = Generate(typeof(GetSampleItemCommand));
        var command = CommandOf(maml!, "Get-SampleItem");
        var inputs = command.Element(Command + "inputTypes")!.Elements(Command + "inputType").Select(i => i.Element(Dev + "type")!.Element(Maml + "name")!.Value).ToList();
        Assert.Contains("System.String[]", inputs);
        Assert.Contains("System.Management.Automation.PSObject", inputs);
        var output = command.Element(Command + "returnValues")!.Elements(Command + "returnValue").Single();
        Assert.Equal(typeof(SampleItem).FullName, output.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal(new[] { "Parameter set List.", "A sample output." }, Paras(output.Element(Maml + "description")));
    }

    [Fact]
    public void Examples_notes_and_links_come_from_the_markdown_file()
    {
        var (maml, _) = Generate(typeof(GetSampleItemCommand));
        var command = CommandOf(maml!, "Get-SampleItem");
        var examples = command.Element(Command + "examples")!.Elements(Command + "example").ToList();
        Assert.Equal(2, examples.Count);
        Assert.Contains("Example 1: Every item", examples[0].Element(Maml + "title")!.Value);
        Assert.Equal("Get-SampleItem -Region cn-north-4", examples[0].Element(Dev + "code")!.Value);
        Assert.Equal(new[] { "Lists every item.", "Second paragraph of the remarks." }, Paras(examples[0].Element(Dev + "remarks")));
        Assert.Equal("'a', 'b' | Get-SampleItem", examples[1].Element(Dev + "code")!.Value);

        Assert.Equal(new[] { "A first note, on two lines.", "- a listed note", "A shared note, written once.", "Its second paragraph." },
            Paras(command.Element(Maml + "alertSet")!.Element(Maml + "alert")));
        var links = command.Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink")
            .Select(l => (l.Element(Maml + "linkText")!.Value, l.Element(Maml + "uri")!.Value)).ToList();
        Assert.Equal(new[] { ("about_Sample", ""), ("Online", "https://example.com/sample") }, links);
    }

    [Fact]
    public void Syntax_shows_the_default_set_that_no_parameter_names_and_every_other_set()
    {
        var (maml, errors) = MamlGenerator.Generate(new[] { typeof(WaitSampleItemCommand) }, Docs(), Samples("Defaults"));
        Assert.Empty(errors);
        var items = CommandOf(maml!, "Wait-SampleItem").Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
        string[] Names(XElement item) => item.Elements(Command + "parameter").Select(p => (string)p.Element(Maml + "name")!).ToArray();
        Assert.Equal(3, items.Count);
        Assert.Equal(new[] { "Name", "PollInterval", "Timeout", "Filter" }, Names(items[0]));
        Assert.Equal(new[] { "Name", "Key", "PollInterval", "Timeout", "Filter" }, Names(items[1]));
        Assert.Equal(new[] { "Name", "Credential", "PollInterval", "Timeout", "Filter" }, Names(items[2]));
    }

    [Fact]
    public void Defaults_are_read_from_the_code_and_qualified_by_the_value_comment()
    {
        var (maml, _) = MamlGenerator.Generate(new[] { typeof(WaitSampleItemCommand) }, Docs(), Samples("Defaults"));
        var command = CommandOf(maml!, "Wait-SampleItem");
        string Default(string p) => Parameter(command, p).Element(Dev + "defaultValue")!.Value;
        Assert.Equal("10", Default("PollInterval"));
        Assert.Equal("no limit", Default("Timeout"));
        Assert.Equal("* (all items)", Default("Filter"));
        Assert.Equal("None", Default("Key"));
    }

    [Fact]
    public void A_default_written_again_in_the_value_comment_fails()
    {
        var (maml, errors) = MamlGenerator.Generate(new[] { typeof(ResetSampleItemCommand) }, Docs(), Samples("Repeated"));
        Assert.Null(maml);
        Assert.Contains(errors, e => e.Contains("error MTHELP008") && e.Contains("-Delay") && e.Contains("10"));
    }

    [Fact]
    public void The_about_topic_gets_its_tables_and_reports_a_table_it_does_not_know()
    {
        var errors = new List<string>();
        var rows = GeneratedText.Table(new[] { ("Get-SampleItem", (IReadOnlyList<string>)new[] { "Gets sample items, " + string.Join(" ", Enumerable.Repeat("word", 20)) }) }, indent: 8);
        var text = GeneratedText.AboutTopic("TOPIC\n{{Cmdlets}}\n{{Unknown}}\nEND", new Dictionary<string, IReadOnlyList<string>> { ["Cmdlets"] = rows }, errors, "about.txt");
        Assert.StartsWith("TOPIC\n        Get-SampleItem  Gets sample items,", text, StringComparison.Ordinal);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 80, line));
        Assert.True(rows.Count > 1, "the text wraps under its column");
        Assert.EndsWith("END\n", text, StringComparison.Ordinal);
        Assert.Contains(errors, e => e.Contains("MTHELP010") && e.Contains("{{Unknown}}"));
    }

    [Fact]
    public void A_parameter_without_description_fails_and_names_the_parameter()
    {
        var (maml, errors) = GenerateFailing(typeof(SetSampleItemCommand), typeof(RemoveSampleItemCommand));
        Assert.Null(maml);
        var error = Assert.Single(errors, e => e.Contains("MTHELP001"));
        Assert.Contains("-Undocumented of Set-SampleItem", error);
        Assert.Contains(typeof(SetSampleItemCommand).FullName + ".Undocumented", error);
    }

    [Fact]
    public void A_cmdlet_with_fewer_than_two_examples_fails()
    {
        var (maml, errors) = GenerateFailing(typeof(SetSampleItemCommand), typeof(RemoveSampleItemCommand));
        Assert.Null(maml);
        Assert.Contains(errors, e => e.Contains("error MTHELP002") && e.Contains("Remove-SampleItem has 1 example(s)"));
    }

    [Fact]
    public void A_cmdlet_without_examples_file_fails_and_says_which_file_to_write()
    {
        var (_, errors) = Generate(typeof(ClearSampleItemCommand));
        Assert.Contains(errors, e => e.Contains("error MTHELP002") && e.Contains("Clear-SampleItem.md"));
    }

    [Fact]
    public void A_shared_note_that_does_not_exist_is_reported()
    {
        var errors = new List<string>();
        MarkdownHelp.Parse("# Get-X\n\n## Notes\n\n{{Nowhere}}\n", "Get-X.md", errors, new Dictionary<string, IReadOnlyList<string>>());
        Assert.Contains(errors, e => e.Contains("error MTHELP007") && e.Contains("Help/Shared/Nowhere.md"));
    }

    [Fact]
    public void A_markdown_file_for_no_cmdlet_fails()
    {
        // Samples/Failing holds Set- and Remove-SampleItem.md; without Set-SampleItem its file is stale.
        var (_, errors) = GenerateFailing(typeof(RemoveSampleItemCommand));
        Assert.Contains(errors, e => e.Contains("error MTHELP006") && e.Contains("Set-SampleItem"));
    }

    [Fact]
    public void An_example_without_code_and_an_unknown_section_are_reported()
    {
        var errors = new List<string>();
        MarkdownHelp.Parse("# Get-X\n\n## Examples\n\n### Example 1: No code\nJust words.\n\n## Syntax\n", "Get-X.md", errors);
        Assert.Contains(errors, e => e.Contains("MTHELP003") && e.Contains("Example 1: No code"));
        Assert.Contains(errors, e => e.Contains("MTHELP004") && e.Contains("## Syntax"));
    }
}
