using System.Text;
using System.Text.Json.Nodes;

namespace MigrationTools.Emulator.Tests;

/// <summary>IAM CreateTemporaryAccessKeyByAgency and the second account behind the agency.</summary>
public sealed class AgencyTests(EmulatorFixture fx) : EmulatorTestBase(fx.Host, fx.Http), IClassFixture<EmulatorFixture>
{
    private const string Path = "/v3.0/OS-CREDENTIAL/securitytokens";

    private Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> Assume(string body, string? ak = null, string? sk = null, string? token = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var req = new HttpRequestMessage(HttpMethod.Post, new Uri(Host.BaseUri, Path)) { Content = new ByteArrayContent(bytes) };
        req.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json;charset=UTF-8");
        TestSigner.Sign(req, ak ?? Host.AccessKey, sk ?? Host.SecretKey, securityToken: token, body: bytes);
        return Send(req);
    }

    /// <summary>A request to a region's endpoint (/{region}), signed as the module signs it: the API path, without the endpoint's base path.</summary>
    private HttpRequestMessage InRegion(string region, string pathAndQuery, string ak, string sk, string project, string? token)
    {
        var req = new HttpRequestMessage(HttpMethod.Get, new Uri(Host.BaseUri, pathAndQuery));
        TestSigner.Sign(req, ak, sk, projectId: project, securityToken: token);
        req.RequestUri = new Uri(Host.EndpointOf(region).ToString().TrimEnd('/') + pathAndQuery);
        return req;
    }

    private static string Body(string domain, string agency, string? duration = null) =>
        "{\"auth\":{\"identity\":{\"methods\":[\"assume_role\"],\"assume_role\":{\"domain_name\":\"" + domain + "\",\"agency_name\":\"" + agency + "\""
        + (duration is null ? "" : ",\"duration_seconds\":" + duration) + "}}}}";

    private static void AssertIamError((int Status, JsonNode? Body, HttpResponseMessage Response) r, int status, string code)
    {
        Assert.Equal(status, r.Status);
        Assert.Equal(code, r.Body!["error"]!["code"]!.ToString());
        Assert.False(string.IsNullOrEmpty(r.Body!["error"]!["message"]!.GetValue<string>()));
        Assert.Matches("^[0-9a-f]{32}$", Assert.Single(r.Response.Headers.GetValues("X-IAM-Trace-Id")));
    }

    [Fact]
    public async Task The_main_account_gets_keys_of_the_member_account_which_see_its_own_project_and_tasks()
    {
        var r = await Assume(Body(Host.MemberDomainName, Host.MemberAgencyName, "3600"));
        Assert.Equal(201, r.Status);
        Assert.True(r.Response.Headers.Contains("X-IAM-Trace-Id"));
        var c = r.Body!["credential"]!;
        var expires = DateTimeOffset.Parse(c["expires_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(3590), TimeSpan.FromSeconds(3601));
        string ak = c["access"]!.GetValue<string>(), sk = c["secret"]!.GetValue<string>(), token = c["securitytoken"]!.GetValue<string>();

        var projects = await Send(Signed("/v3/projects?name=" + Host.Region, projectHeader: false, ak: ak, sk: sk, token: token));
        Assert.Equal(200, projects.Status);
        Assert.Equal(Host.MemberProjectId, projects.Body!["projects"]![0]!["id"]!.GetValue<string>());

        var req = new HttpRequestMessage(HttpMethod.Get, new Uri(Host.BaseUri, $"/v2/{Host.MemberProjectId}/migration-tasks?limit=100"));
        TestSigner.Sign(req, ak, sk, projectId: Host.MemberProjectId, securityToken: token);
        var tasks = await Send(req);
        Assert.Equal(200, tasks.Status);
        Assert.Equal(Host.MemberData.DcsTasks.Select(t => t.TaskId), tasks.Body!["migration_tasks"]!.AsArray().Select(t => t!["task_id"]!.GetValue<string>()));
        Assert.DoesNotContain(Host.MemberData.DcsTasks, t => Host.Data.FindDcsTask(t.TaskId) is not null);

        // The member's keys cannot reach the main account's project.
        var other = new HttpRequestMessage(HttpMethod.Get, new Uri(Host.BaseUri, $"/v2/{Host.ProjectId}/migration-tasks"));
        TestSigner.Sign(other, ak, sk, projectId: Host.ProjectId, securityToken: token);
        Assert.Equal(403, (await Send(other)).Status);
    }

    [Fact]
    public async Task Bad_requests_and_agencies_that_do_not_trust_the_caller_are_IAMs_errors()
    {
        AssertIamError(await Assume("{not json"), 400, "IAM.0011");
        AssertIamError(await Assume("""{"auth":{"identity":{"methods":["password"]}}}"""), 400, "IAM.0011");
        AssertIamError(await Assume(Body(Host.MemberDomainName, Host.MemberAgencyName, "60")), 400, "IAM.0007");
        AssertIamError(await Assume(Body(Host.MemberDomainName, Host.MemberAgencyName, "86401")), 400, "IAM.0007");
        AssertIamError(await Assume(Body(Host.MemberDomainName, "no-such-agency")), 403, "IAM.0003");
        // The main account's own agency trusts the member account, not the main one.
        AssertIamError(await Assume(Body(Host.DomainName, Host.MainAgencyName)), 403, "IAM.0003");
        // A bad signature of the source account: IAM's 401.
        AssertIamError(await Assume(Body(Host.MemberDomainName, Host.MemberAgencyName), sk: "WRONG" + Host.SecretKey[5..]), 401, "401");
    }

    [Fact]
    public async Task Without_a_duration_the_keys_last_IAMs_default_of_900_seconds()
    {
        var r = await Assume(Body(Host.MemberDomainName, Host.MemberAgencyName));
        Assert.Equal(201, r.Status);
        var expires = DateTimeOffset.Parse(r.Body!["credential"]!["expires_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(890), TimeSpan.FromSeconds(901));
    }

    [Fact]
    public async Task The_member_accounts_keys_list_its_own_projects_in_IAM_and_reach_them_in_other_regions_and_not_the_main_accounts()
    {
        var c = (await Assume(Body(Host.MemberDomainName, Host.MemberAgencyName, "1000"))).Body!["credential"]!;
        string ak = c["access"]!.GetValue<string>(), sk = c["secret"]!.GetValue<string>(), token = c["securitytoken"]!.GetValue<string>();

        // IAM's listing answers the member's keys with the member's projects: its regions, a sub-project, MOS.
        var listed = (await Send(Signed("/v3/projects", projectHeader: false, ak: ak, sk: sk, token: token))).Body!["projects"]!.AsArray();
        var ids = listed.Select(p => p!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(Host.MemberProjectRegions.Keys.Append(listed.Single(p => p!["name"]!.GetValue<string>() == "MOS")!["id"]!.GetValue<string>()).OrderBy(i => i), ids.OrderBy(i => i));
        Assert.All(listed, p => Assert.Equal(Host.MemberDomainId, p!["domain_id"]!.GetValue<string>()));
        Assert.Contains(listed, p => p!["name"]!.GetValue<string>() == Host.Region + "_sub");
        Assert.DoesNotContain(Host.ProjectId, ids);

        // Another region's project of the member account, at that region's endpoint: its own tasks.
        var region = EmulatorData.OtherRegions[0];
        var project = Host.MemberProjectRegions.Single(p => p.Value == region).Key;
        var tasks = await Send(InRegion(region, $"/v2/{project}/migration-tasks?limit=100", ak, sk, project, token));
        Assert.Equal(200, tasks.Status);
        Assert.Equal(Host.DataOf(project).DcsTasks.Select(t => t.TaskId), tasks.Body!["migration_tasks"]!.AsArray().Select(t => t!["task_id"]!.GetValue<string>()));
        Assert.DoesNotContain(Host.DataOf(project).DcsTasks, t => Host.MemberData.FindDcsTask(t.TaskId) is not null);

        // The main account's project of that region is not the member keys' project, and the main keys cannot reach the member's.
        var mainProject = (await Send(Signed("/v3/projects?name=" + region, projectHeader: false))).Body!["projects"]![0]!["id"]!.GetValue<string>();
        Assert.Equal(403, (await Send(InRegion(region, $"/v2/{mainProject}/migration-tasks", ak, sk, mainProject, token))).Status);
        Assert.Equal(403, (await Send(InRegion(region, $"/v2/{project}/migration-tasks", Host.AccessKey, Host.SecretKey, project, null))).Status);
        Assert.Equal(200, (await Send(InRegion(region, $"/v2/{mainProject}/migration-tasks", Host.AccessKey, Host.SecretKey, mainProject, null))).Status);
    }
}
