using System.Net;
using System.Text;
using System.Text.Json;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Json;
using Xunit;

namespace MigrationTools.Core.Tests.Hostile;

/// <summary>The pooled, capped body buffer: exact at the limit, refused one byte past it, the same bytes across chunks.</summary>
public sealed class ResponseBodyTests
{
    private static byte[] Bytes(int n) => Enumerable.Range(0, n).Select(i => (byte)(i * 31 + 7)).ToArray();

    /// <summary>A stream that gives at most a few bytes per read, like a slow network.</summary>
    private sealed class Trickle(byte[] data, int step) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, step));
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => Task.FromResult(Read(buffer, offset, count));
    }

    private static ResponseBody Read(byte[] data, long limit, bool truncate = false, int step = int.MaxValue) =>
        ResponseBody.ReadAsync(new Trickle(data, step), limit, truncate, CancellationToken.None).GetAwaiter().GetResult();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(ResponseBody.ChunkSize - 1)]
    [InlineData(ResponseBody.ChunkSize)]
    [InlineData(ResponseBody.ChunkSize + 1)]
    [InlineData(3 * ResponseBody.ChunkSize + 17)]
    public void The_bytes_come_back_whole_across_chunks(int size)
    {
        var data = Bytes(size);
        using var body = Read(data, long.MaxValue, step: 7919);
        Assert.Equal(size, body.Length);
        Assert.Equal(data, System.Buffers.BuffersExtensions.ToArray(body.AsSequence()));
        using var copy = new MemoryStream();
        body.CopyTo(copy);
        Assert.Equal(data, copy.ToArray());
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(ResponseBody.ChunkSize)]
    [InlineData(2 * ResponseBody.ChunkSize + 5)]
    public void A_body_of_exactly_the_limit_is_read_and_one_byte_more_is_refused(int limit)
    {
        using (var body = Read(Bytes(limit), limit)) Assert.Equal(limit, body.Length);
        var error = Assert.Throws<ResponseTooLargeException>(() => Read(Bytes(limit + 1), limit));
        Assert.Equal(limit, error.Limit);
    }

    [Theory]
    [InlineData(1000, 10)]
    [InlineData(ResponseBody.ChunkSize, 3)]
    [InlineData(ResponseBody.ChunkSize + 100, 4096)]
    public void An_error_body_is_cut_at_the_limit(int limit, int step)
    {
        var data = Bytes(limit * 3);
        using var body = Read(data, limit, truncate: true, step: step);
        Assert.Equal(limit, body.Length);
        Assert.Equal(data[..limit], System.Buffers.BuffersExtensions.ToArray(body.AsSequence()));
    }

    /// <summary>A DCS page of this many tasks, each with two features and a null one, as JSON bytes.</summary>
    private static byte[] DcsPage(int tasks, string after = "")
    {
        var json = new StringBuilder("{\"count\":").Append(tasks).Append(",\"migration_tasks\":[");
        for (var i = 0; i < tasks; i++)
            json.Append(i > 0 ? "," : "").Append("{\"task_id\":\"t-").Append(i).Append("\",\"created_at\":\"2021-06-16T06:12:55.508Z\",")
                .Append("\"supported_features\":[\"resume\",null,\"tls\"],\"description\":\"").Append('x', 200).Append("\"}");
        return Encoding.UTF8.GetBytes(json.Append("]}").Append(after).ToString());
    }

    [Theory]
    [InlineData(3)]     // one chunk
    [InlineData(1000)]  // a dozen chunks, values cut across their edges
    public void A_page_is_read_whole_in_one_chunk_or_many(int tasks)
    {
        var data = DcsPage(tasks);
        using var body = Read(data, long.MaxValue, step: 7919);
        Assert.Equal(tasks > 3, body.Length > ResponseBody.ChunkSize);
        var page = AnswerReader.Read("DCS ListMigrationTask", HttpStatusCode.OK, body, "rid", DcsApi.MigrationTasks.PageType);
        Assert.Equal(tasks, page.Records!.Count);
        Assert.Equal($"t-{tasks - 1}", page.Records[tasks - 1].TaskId);
        Assert.All(page.Records, t => Assert.Equal(new[] { "resume", "tls" }, t.SupportedFeatures));
        Assert.All(page.Records, t => Assert.Equal(new DateTime(2021, 6, 16, 6, 12, 55, 508, DateTimeKind.Utc), t.CreatedAt));
    }

    [Fact]
    public void A_body_over_the_largest_copy_is_read_from_its_chunks_with_the_same_rules()
    {
        // The same page, read without the copy: whole, and refused with anything after it.
        using var body = Read(DcsPage(1000), long.MaxValue);
        var page = AnswerReader.Deserialize(body.AsSequence(), DcsApi.MigrationTasks.PageType, largestCopy: ResponseBody.ChunkSize);
        Assert.Equal(1000, page!.Records!.Count);
        using var junk = Read(DcsPage(1000, after: " {}"), long.MaxValue);
        Assert.ThrowsAny<JsonException>(() =>
            AnswerReader.Deserialize(junk.AsSequence(), DcsApi.MigrationTasks.PageType, largestCopy: ResponseBody.ChunkSize));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1000)]
    public void Anything_after_the_page_is_refused_as_invalid_json_in_one_chunk_or_many(int tasks)
    {
        using var body = Read(DcsPage(tasks, after: " {\"count\":0}"), long.MaxValue);
        var error = Assert.Throws<MalformedResponseException>(() =>
            AnswerReader.Read("DCS ListMigrationTask", HttpStatusCode.OK, body, "rid", DcsApi.MigrationTasks.PageType));
        Assert.Equal(MalformedKind.InvalidJson, error.Kind);
        Assert.Equal("rid", error.RequestId);
    }

    [Fact]
    public void The_prefix_skips_a_byte_order_mark_and_survives_a_cut_character()
    {
        var data = new byte[] { 0xEF, 0xBB, 0xBF }.Concat("{\"a\":\"é\"}"u8.ToArray()).ToArray();
        using var body = Read(data, long.MaxValue);
        Assert.True(body.HasBom());
        Assert.Equal('{', body.FirstSignificantByte());
        Assert.Equal("{\"a\":\"é\"}", body.Prefix(100));
        Assert.StartsWith("{\"a\":\"", body.Prefix(10)); // 'é' cut in half: no exception
    }
}
