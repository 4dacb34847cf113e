using System.Management.Automation;

namespace MigrationTools.HelpGen.Tests.Samples;

/// <summary>Sample shared parameters, described once.</summary>
public abstract class SampleBaseCmdlet : PSCmdlet
{
    /// <summary>The region, described once on the base class.</summary>
    /// <value>The profile's region</value>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Region { get; set; }
}

/// <summary>A sample output.</summary>
public sealed class SampleItem
{
    public string? Id { get; set; }
}

/// <summary>A validation attribute whose values come from elsewhere (as the module's API values do).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SampleValuesAttribute : ValidateArgumentsAttribute
{
    public IReadOnlyList<string> ValidValues { get; } = new[] { "red", "green" };

    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics) { }
}

/// <summary>Gets sample items.</summary>
/// <remarks>
/// <para>First paragraph of the description, with a <see cref="SampleItem"/> reference.</para>
/// <para>Second paragraph.</para>
/// </remarks>
[Cmdlet(VerbsCommon.Get, "SampleItem", DefaultParameterSetName = "List", SupportsPaging = true)]
[OutputType(typeof(SampleItem), ParameterSetName = new[] { "List" })]
public sealed class GetSampleItemCommand : SampleBaseCmdlet
{
    /// <summary>Only items with this name.</summary>
    [Parameter(ParameterSetName = "List", Position = 0)]
    [Alias("ItemName", "N")]
    public string? Name { get; set; }

    /// <summary>The items to get.</summary>
    [Parameter(ParameterSetName = "ById", Mandatory = true, ValueFromPipeline = true)]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>A colour.</summary>
    [Parameter]
    [ValidateSet("blue", "yellow")]
    public string? Colour { get; set; }

    /// <summary>Another colour.</summary>
    [Parameter]
    [SampleValues]
    public string? Tint { get; set; }

    /// <summary>Bound only from piped objects.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    public string? Hidden { get; set; }
}

/// <summary>A cmdlet whose parameter has no description.</summary>
/// <remarks>Its help must fail the build.</remarks>
[Cmdlet(VerbsCommon.Set, "SampleItem")]
public sealed class SetSampleItemCommand : SampleBaseCmdlet
{
    [Parameter]
    public string? Undocumented { get; set; }
}

/// <summary>A cmdlet with one example only.</summary>
/// <remarks>Its help must fail the build.</remarks>
[Cmdlet(VerbsCommon.Remove, "SampleItem")]
public sealed class RemoveSampleItemCommand : SampleBaseCmdlet
{
}

/// <summary>A cmdlet without an examples file.</summary>
/// <remarks>Its help must fail the build.</remarks>
[Cmdlet(VerbsCommon.Clear, "SampleItem")]
public sealed class ClearSampleItemCommand : SampleBaseCmdlet
{
}

/// <summary>Waits for sample items.</summary>
/// <remarks>Its default parameter set is named by no parameter, as Set-HuaweiCloudProfile's is.</remarks>
[Cmdlet(VerbsLifecycle.Wait, "SampleItem", DefaultParameterSetName = "Settings")]
public sealed class WaitSampleItemCommand : PSCmdlet
{
    /// <summary>The item.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string Name { get; set; } = "";

    /// <summary>A key, in one set.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Key")]
    public string? Key { get; set; }

    /// <summary>A credential, in another.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Credential")]
    public PSCredential? Credential { get; set; }

    /// <summary>Seconds between two polls.</summary>
    [Parameter]
    public int PollInterval { get; set; } = 10;

    /// <summary>Seconds at most.</summary>
    /// <value>no limit</value>
    [Parameter]
    public int Timeout { get; set; }

    /// <summary>Names to wait for.</summary>
    /// <value>all items</value>
    [Parameter]
    public string[] Filter { get; set; } = { "*" };
}

/// <summary>Resets sample items.</summary>
/// <remarks>Its help writes a default the code already has: the build must refuse it.</remarks>
[Cmdlet(VerbsCommon.Reset, "SampleItem")]
public sealed class ResetSampleItemCommand : PSCmdlet
{
    /// <summary>Seconds to wait first.</summary>
    /// <value>10 seconds</value>
    [Parameter]
    public int Delay { get; set; } = 10;
}
