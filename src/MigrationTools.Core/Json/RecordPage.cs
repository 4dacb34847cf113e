using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MigrationTools.Core.Json;

/// <summary>
/// One page of a list API: its records and, where the API sends one, the total. Every list API answers with this
/// shape under its own JSON names, so the names are declared with the API (<see cref="Apis.ListApi{TItem}"/>) and
/// the page is described at run time (<see cref="Describe"/>), not written as a class per API.
/// </summary>
internal sealed class RecordPage<T> : IRecordPage where T : class
{
    private RecordPage(string recordsField) => RecordsField = recordsField;

    /// <summary>The records; null only before the answer is read (the list is required).</summary>
    public List<T>? Records { get; set; }

    /// <summary>The total of the listing, when the API sends it.</summary>
    public long? Total { get; set; }

    public string RecordsField { get; }

    int IRecordPage.RemoveNullRecords() => RecordLists.RemoveNulls(Records);

    /// <summary>
    /// The serializer's description of a page whose records are <paramref name="recordsField"/> (required: an
    /// answer without it, {} or a gateway's error inside a 200, is an error, never an empty listing) and whose total
    /// is <paramref name="totalField"/> (a number, or a number in text), read with <paramref name="options"/>, which
    /// must know List&lt;T&gt;.
    /// </summary>
    public static JsonTypeInfo<RecordPage<T>> Describe(JsonSerializerOptions options, string recordsField, string? totalField)
    {
        var page = JsonTypeInfo.CreateJsonTypeInfo<RecordPage<T>>(options);
        page.CreateObject = () => new RecordPage<T>(recordsField);
        var records = page.CreateJsonPropertyInfo(typeof(List<T>), recordsField);
        records.IsRequired = true;
        records.Get = p => ((RecordPage<T>)p).Records;
        records.Set = (p, value) => ((RecordPage<T>)p).Records = (List<T>?)value;
        page.Properties.Add(records);
        if (totalField is not null)
        {
            var total = page.CreateJsonPropertyInfo(typeof(long?), totalField);
            total.CustomConverter = new FlexibleInt64Converter();
            total.Get = p => ((RecordPage<T>)p).Total;
            total.Set = (p, value) => ((RecordPage<T>)p).Total = (long?)value;
            page.Properties.Add(total);
        }
        page.MakeReadOnly();
        return page;
    }
}
