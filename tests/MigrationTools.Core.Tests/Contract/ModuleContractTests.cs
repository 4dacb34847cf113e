using Xunit;

namespace MigrationTools.Core.Tests.Contract;

/// <summary>
/// The module's models against the official SDK's: every SDK field is read (by its JSON name, through the model's
/// property of the mapped type) or left out with a reason; every name the module reads is the SDK's, or a quirk of
/// the services with its source. The module side is read by reflection, so a field added on either side fails here.
/// </summary>
public sealed class ModuleContractTests
{
    private static readonly SdkContract Contract = SdkContract.Load();

    public static TheoryData<string> Models => new(SdkContract.Load().ModelNames);

    [Fact]
    public void The_contract_names_its_source_commit_and_every_model_its_file()
    {
        Assert.Matches("^[0-9a-f]{40}$", Contract.Sdk["source"]!["commit"]!.ToString());
        Assert.Equal("huaweicloud/huaweicloud-sdk-go-v3", Contract.Sdk["source"]!["repository"]!.ToString());
        Assert.All(Contract.ModelNames, m => Assert.StartsWith("services/", Contract.Sdk["models"]![m]!["file"]!.ToString()));
        // The map describes the contract's models and no others.
        Assert.Equal(Contract.ModelNames.Order(), Contract.Map["models"]!.AsObject().Select(kv => kv.Key).Order());
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_SDK_field_is_read_or_left_out_with_a_reason_and_every_name_read_is_the_SDKs_or_a_quirk(string model)
    {
        var entry = Contract.Entry(model)!;
        var types = Contract.ModuleTypes(model);
        if (types.Count == 0)
        {
            // A model only reachable through fields left out: say why, and make sure it really is unreachable.
            Assert.False(string.IsNullOrWhiteSpace(entry["notRead"]?.ToString()), $"{model}: neither 'module' nor 'notRead' in module-map.json");
            Assert.DoesNotContain(Contract.ModelNames.Where(m => Contract.ModuleType(m) is not null), parent =>
                Contract.Fields(parent).Any(f => SdkContract.ModelOf(f.Value!) == model && !Contract.Section(parent, "leftOut").ContainsKey(f.Key)));
            return;
        }
        var leftOut = Contract.Section(model, "leftOut");
        var quirks = Contract.Section(model, "moduleQuirks");
        foreach (var type in types) Check(model, type, leftOut, quirks);
        foreach (var quirk in quirks.Keys)
            Assert.True(types.Any(t => SdkContract.JsonNames(t).ContainsKey(quirk)) && !Contract.Fields(model).ContainsKey(quirk),
                $"{model}: moduleQuirks lists '{quirk}', which no module type reads or the SDK has");
    }

    private static void Check(string model, Type type, IReadOnlyDictionary<string, string> leftOut, IReadOnlyDictionary<string, string> quirks)
    {
        var sdk = Contract.Fields(model);
        var read = SdkContract.JsonNames(type);
        var camel = Contract.CamelCase(model);

        foreach (var (field, fieldType) in sdk)
        {
            if (leftOut.TryGetValue(field, out var reason))
            {
                Assert.False(string.IsNullOrWhiteSpace(reason), $"{model}.{field}: left out without a reason");
                Assert.False(read.ContainsKey(field), $"{model}.{field} is listed as left out but {type.Name} reads it: remove it from leftOut");
                continue;
            }
            Assert.True(read.ContainsKey(field), $"{model}.{field} ({fieldType!["type"]}) is not read by {type.Name}, nor listed in leftOut with a reason");
            if (camel is not null && SdkContract.Camel(field) != field)
                Assert.True(read.ContainsKey(SdkContract.Camel(field)), $"{model}.{field}: {type.Name} does not read its camelCase spelling {SdkContract.Camel(field)} ({camel})");
            if (SdkContract.ModelOf(fieldType!) is { } nested && Contract.ModuleType(nested) is { } expected)
                Assert.True(expected == SdkContract.ElementOf(read[field]),
                    $"{model}.{field} holds {nested}, read by {expected.Name}, but {type.Name} reads it as {SdkContract.ElementOf(read[field]).Name}");
        }
        foreach (var name in read.Keys)
        {
            bool sdkName = sdk.ContainsKey(name) || (camel is not null && sdk.ContainsKey(SdkContract.Snake(name)));
            if (sdkName) continue;
            Assert.True(quirks.TryGetValue(name, out var source) && !string.IsNullOrWhiteSpace(source),
                $"{type.Name} reads '{name}', which {model} does not have: list it in moduleQuirks with its source, or drop it");
        }
        foreach (var field in leftOut.Keys)
            Assert.True(sdk.ContainsKey(field), $"{model}: leftOut lists '{field}', which the SDK model does not have");
    }
}
