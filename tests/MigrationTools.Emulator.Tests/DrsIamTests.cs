using System.Text.Json;
using System.Text.Json.Nodes;

namespace MigrationTools.Emulator.Tests;

public class DrsTests(EmulatorFixture f) : EmulatorTestBase(f.Host, f.Http), IClassFixture<EmulatorFixture>
{
    private string Jobs => $"/v5/{P}/backup-migration-jobs";

    private static List<string> Ids(JsonNode body) => body["jobs"]!.AsArray().Select(j => j!["id"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Default_limit_is_ten_newest_first_and_offset_is_a_record_offset()
    {
        var byNewest = Host.Data.DrsJobs.OrderByDescending(j => j.Created).ToList();
        var r = await Get(Jobs);
        Assert.Equal(1100, r.Body!["count"]!.GetValue<int>());
        Assert.Equal(byNewest.Take(10).Select(j => j.Id), Ids(r.Body));
        var p = await Get(Q(Jobs, ("offset", "1095"), ("limit", "10")));
        Assert.Equal(byNewest.Skip(1095).Select(j => j.Id), Ids(p.Body!));
        var big = await Get(Q(Jobs, ("limit", "2000")));
        Assert.Equal(1100, big.Body!["jobs"]!.AsArray().Count);
    }

    [Fact]
    public async Task Job_fields_follow_the_page()
    {
        var r = await Get(Q(Jobs, ("limit", "1100")));
        var jobs = r.Body!["jobs"]!.AsArray();
        Assert.All(jobs, j =>
        {
            Assert.Equal("sqlserver", j!["engine_type"]!.GetValue<string>());
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", j["create_time"]!.GetValue<string>());
            var status = j["status"]!.GetValue<string>();
            Assert.Equal(status == "TRANSFERRING", Kind(j["finish_time"]) == JsonValueKind.Null);
            Assert.Equal(status is "FAILED" or "PRECHECK FAILED", j.AsObject().ContainsKey("error_log"));
        });
        Assert.Contains(jobs, j => j!["status"]!.GetValue<string>() == "PRECHECK FAILED");
    }

    [Fact]
    public async Task Filters()
    {
        var pre = await Get(Q(Jobs, ("status", "PRECHECK FAILED"), ("limit", "1000")));
        Assert.Equal(Host.Data.DrsJobs.Count(j => j.Status == "PRECHECK FAILED"), pre.Body!["count"]!.GetValue<int>());

        var name = await Get(Q(Jobs, ("name", "restore-orders"), ("limit", "1000")));
        Assert.Equal(Host.Data.DrsJobs.Count(j => j.Name.Contains("restore-orders")), name.Body!["count"]!.GetValue<int>());

        var two = Host.Data.RdsInstanceIds.Take(2).ToArray();
        var ids = await Get(Q(Jobs, ("dbs_instance_ids", two[0]), ("dbs_instance_ids", two[1])));
        Assert.Equal(Host.Data.DrsJobs.Count(j => two.Contains(j.InstanceId)), ids.Body!["count"]!.GetValue<int>());

        var cut = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var since = await Get(Q(Jobs, ("create_at", cut.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(Host.Data.DrsJobs.Count(j => j.Created >= cut), since.Body!["count"]!.GetValue<int>());
        var sinceIso = await Get(Q(Jobs, ("create_at", "2024-06-01T00:00:00Z")));
        Assert.Equal(since.Body["count"]!.GetValue<int>(), sinceIso.Body!["count"]!.GetValue<int>());
        var until = await Get(Q(Jobs, ("completed_at", "2024-03-01T00:00:00Z")));
        Assert.Equal(Host.Data.DrsJobs.Count(j => j.Finished is { } fin && fin <= new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero)),
            until.Body!["count"]!.GetValue<int>());

        var asc = await Get(Q(Jobs, ("sort_dir", "asc"), ("sort_key", "created_at")));
        Assert.Equal(Host.Data.DrsJobs.OrderBy(j => j.Created).Take(10).Select(j => j.Id), Ids(asc.Body!));
    }

    [Fact]
    public async Task Bad_parameters_are_400_in_the_requested_language()
    {
        var eleven = Enumerable.Range(0, 11).Select(i => ("dbs_instance_ids", $"id{i}")).ToArray();
        var r = await Get(Q(Jobs, eleven));
        Assert.Equal(400, r.Status);
        Assert.Equal("DRS.10000001", r.Body!["error_code"]!.GetValue<string>());
        Assert.Contains("10", r.Body["error_msg"]!.GetValue<string>());

        var zh = await Get(Q(Jobs, ("sort_dir", "up")), before: m => m.Headers.TryAddWithoutValidation("X-Language", "zh-cn"));
        Assert.Equal(400, zh.Status);
        Assert.Contains("参数错误", zh.Body!["error_msg"]!.GetValue<string>());
        var en = await Get(Q(Jobs, ("status", "DONE")), before: m => m.Headers.TryAddWithoutValidation("X-Language", "en-us"));
        Assert.StartsWith("Invalid parameter", en.Body!["error_msg"]!.GetValue<string>());
        Assert.Equal(400, (await Get(Q(Jobs, ("limit", "-1")))).Status);
        Assert.Equal(400, (await Get(Q(Jobs, ("sort_key", "nope")))).Status);
    }
}

public class IamTests(EmulatorFixture f) : EmulatorTestBase(f.Host, f.Http), IClassFixture<EmulatorFixture>
{
    private async Task<JsonArray> Projects(string region)
    {
        var r = await Get(Q("/v3/projects", ("name", region)), projectHeader: false);
        Assert.Equal(200, r.Status);
        Assert.NotNull(r.Body!["links"]!["self"]);
        return r.Body["projects"]!.AsArray();
    }

    [Fact]
    public async Task Own_region_has_one_project_with_the_emulator_project_id()
    {
        var p = Assert.Single(await Projects(Host.Region));
        Assert.Equal(Host.ProjectId, p!["id"]!.GetValue<string>());
        Assert.Equal(Host.DomainId, p["domain_id"]!.GetValue<string>());
        Assert.True(p["enabled"]!.GetValue<bool>());
        Assert.False(p["is_domain"]!.GetValue<bool>());
        Assert.NotNull(p["links"]!["self"]);
    }

    [Fact]
    public async Task Other_regions_duplicates_and_none()
    {
        foreach (var region in EmulatorData.OtherRegions) Assert.Single(await Projects(region));
        Assert.Equal(2, (await Projects(EmulatorData.DuplicateProjectRegion)).Count);
        Assert.Empty(await Projects(EmulatorData.RegionWithoutProject));
        Assert.Single(await Projects(Host.Region + "_sub"));
    }

    [Fact]
    public async Task Iam_needs_a_signature()
    {
        var r = await Send(new HttpRequestMessage(HttpMethod.Get, new Uri(Host.BaseUri, "/v3/projects?name=cn-north-4")));
        Assert.Equal(401, r.Status);
    }
}
