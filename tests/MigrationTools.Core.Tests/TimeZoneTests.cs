using System.Text.Json;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Json;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>Tests that change the process's local time zone: they run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PinnedTimeZoneCollection
{
    public const string Name = "Pinned time zone";
}

/// <summary>
/// The machine's zone is UTC, where a time read as local and a time read as UTC are the same: these tests pin the
/// process to zones east and west of UTC (TZ, then TimeZoneInfo.ClearCachedData), so reading a zone-less time as
/// local shows as an offset of hours. Linux and macOS only (Windows ignores TZ).
/// </summary>
[Collection(PinnedTimeZoneCollection.Name)]
public sealed class TimeZoneTests
{
    private sealed class PinnedZone : IDisposable
    {
        private readonly string? _saved = Environment.GetEnvironmentVariable("TZ");

        public PinnedZone(string id)
        {
            Environment.SetEnvironmentVariable("TZ", id);
            TimeZoneInfo.ClearCachedData();
            Assert.Equal(id, TimeZoneInfo.Local.Id);
            Assert.NotEqual(TimeSpan.Zero, TimeZoneInfo.Local.GetUtcOffset(new DateTime(2023, 3, 13, 0, 0, 0, DateTimeKind.Utc)));
        }

        public void Dispose()
        {
            Environment.SetEnvironmentVariable("TZ", _saved);
            TimeZoneInfo.ClearCachedData();
        }
    }

    public static TheoryData<string, string, DateTime> ZonelessTimes()
    {
        var data = new TheoryData<string, string, DateTime>();
        foreach (var zone in new[] { "Asia/Shanghai", "America/New_York" })
        {
            data.Add(zone, "2023-03-13 19:43:32.12", new DateTime(2023, 3, 13, 19, 43, 32, 120, DateTimeKind.Utc));
            data.Add(zone, "2023-03-13 19:43:32", new DateTime(2023, 3, 13, 19, 43, 32, DateTimeKind.Utc));
            data.Add(zone, "2023-03-13T19:43:32", new DateTime(2023, 3, 13, 19, 43, 32, DateTimeKind.Utc));
            data.Add(zone, "2023-03-13T19:43:32.5", new DateTime(2023, 3, 13, 19, 43, 32, 500, DateTimeKind.Utc));
            data.Add(zone, "2023-03-13 19:43", new DateTime(2023, 3, 13, 19, 43, 0, DateTimeKind.Utc));
            data.Add(zone, "2023-03-13", new DateTime(2023, 3, 13, 0, 0, 0, DateTimeKind.Utc));
            data.Add(zone, "202404011057", new DateTime(2024, 4, 1, 10, 57, 0, DateTimeKind.Utc));
            data.Add(zone, "20240401105733", new DateTime(2024, 4, 1, 10, 57, 33, DateTimeKind.Utc));
            data.Add(zone, "2024-08-19T10:27:15+08:00", new DateTime(2024, 8, 19, 2, 27, 15, DateTimeKind.Utc));
            data.Add(zone, "2024-08-19T02:27:15Z", new DateTime(2024, 8, 19, 2, 27, 15, DateTimeKind.Utc));
            data.Add(zone, "1724034435000", new DateTime(2024, 8, 19, 2, 27, 15, DateTimeKind.Utc));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ZonelessTimes))]
    public void A_time_without_a_zone_is_utc_in_any_local_zone(string zone, string text, DateTime expected)
    {
        if (OperatingSystem.IsWindows()) return;
        using var _ = new PinnedZone(zone);
        Assert.True(UtcDateTimeConverter.TryParse(text, out var value));
        Assert.Equal(expected, value);
        Assert.Equal(DateTimeKind.Utc, value.Kind);
    }

    [Theory]
    [InlineData("Asia/Shanghai")]
    [InlineData("America/New_York")]
    public void Pages_read_and_written_in_a_non_utc_zone_keep_their_times(string zone)
    {
        if (OperatingSystem.IsWindows()) return;
        using var _ = new PinnedZone(zone);
        var page = JsonSerializer.Deserialize("""{ "total" : 1, "task" : [ { "id" : "t1", "name" : "n", "start_date" : "2023-03-13 19:43:32.12", "status" : "finished", "type" : "rabbitToRocket" } ] }""",
            RocketMqApi.MigrationTasks.PageType)!;
        var start = Assert.Single(page.Records!).StartDate!.Value;
        Assert.Equal(new DateTime(2023, 3, 13, 19, 43, 32, 120, DateTimeKind.Utc), start);
        Assert.Equal(DateTimeKind.Utc, start.Kind);

        var jobs = JsonSerializer.Deserialize("""{ "count": 1, "jobs": [ { "job_id": "j1", "create_time": "202404011057", "finish_time": "2024-04-01 11:57:00" } ] }""",
            DrsApi.BackupMigrationJobs.PageType)!;
        var job = Assert.Single(jobs.Records!);
        Assert.Equal(new DateTime(2024, 4, 1, 10, 57, 0, DateTimeKind.Utc), job.CreateTime);
        Assert.Equal(new DateTime(2024, 4, 1, 11, 57, 0, DateTimeKind.Utc), job.FinishTime);
    }
}
