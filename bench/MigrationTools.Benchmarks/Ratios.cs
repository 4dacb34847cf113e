using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using MigrationTools.Core.Credentials;
using MigrationTools.Core.Signing;
using MigrationTools.Emulator;

/// <summary>
/// The plain console benchmark of issue 9: every figure is a ratio of two measurements taken in the same run, on
/// the same machine, through the real PowerShell engine (hosted, importing out/MigrationTools as a user would) and
/// real HTTP against the emulator. Medians of a few runs; never a timed unit test.
/// <code>dotnet run -c Release --project bench/MigrationTools.Benchmarks -- ratios</code>
/// </summary>
internal static class Ratios
{
    internal const string PeakChildCommand = "peak-child";
    private const int Latency = 50;
    private static int? _p3PageSize; // P3 with another page size than the default (to see its effect on memory)

    public static async Task<int> RunAsync(string[] args)
    {
        // ratios [p1] [p2] [p3] [sizes] [--runs N]: the sections named (all by default), N runs each (default 3).
        var runs = 3;
        var sections = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--runs" && i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0) { runs = n; i++; }
            else if (args[i] == "--p3-page-size" && i + 1 < args.Length && int.TryParse(args[i + 1], out var size) && size > 0) { _p3PageSize = size; i++; }
            else sections.Add(args[i]);
        }
        bool Wanted(string name) => sections.Count == 0 || sections.Contains(name);
        Console.WriteLine($"MigrationTools ratios ({runs} run(s) each, medians; {Environment.ProcessorCount} cores, {RuntimeLabel()})");
        var ok = true;
        if (Wanted("p1")) ok &= await P1(runs);
        if (Wanted("p2")) ok &= await P2(runs);
        if (Wanted("p3")) ok &= await P3();
        if (Wanted("sizes")) await PageSizes(runs);
        if (Wanted("regions")) ok &= await Regions(runs);
        Console.WriteLine(ok ? "All targets met." : "SOME TARGETS MISSED.");
        return ok ? 0 : 1;
    }

    // P1: 1,200 tasks in 200 pages (-PageSize 6) at 50 ms of latency: against the sequential floor and the limit.
    private static async Task<bool> P1(int runs)
    {
        Console.WriteLine();
        Console.WriteLine("P1  200 pages (1,200 DCS tasks, -PageSize 6) at 50 ms of injected latency");
        await using var emu = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, EnableLockout = false, Faults = { LatencyMs = Latency } });
        using var session = new Session(emu);
        session.Invoke("Get-DcsMigrationTask -First 1");
        var expected = emu.Data.DcsTasks.Select(t => t.TaskId).ToList();
        var floor = TimeSpan.FromMilliseconds(200.0 * Latency);
        Console.WriteLine($"    sequential floor 200 x {Latency} ms = {Seconds(floor)}");
        Console.WriteLine("    -ThrottleLimit  time      / floor  / limit (200/N x 50 ms)  requests  order   target");
        var ok = true;
        foreach (var (label, throttle, target) in new[] { ("1", (int?)1, double.NaN), ("8", 8, 0.17), ("default 4", null, 0.35) })
        {
            var times = new List<TimeSpan>();
            var inOrder = true;
            var requests = 0;
            for (var i = 0; i < (throttle == 1 ? 1 : runs); i++)
            {
                emu.Requests.Clear();
                var (output, time) = session.Time("Get-DcsMigrationTask -PageSize 6" + (throttle is { } t ? $" -ThrottleLimit {t}" : ""));
                times.Add(time);
                inOrder &= output.Select(o => (string)o.Properties["TaskId"].Value).SequenceEqual(expected);
                requests = emu.Requests.Snapshot().Count(q => q.Path.EndsWith("/migration-tasks", StringComparison.Ordinal));
            }
            var median = Median(times);
            var n = throttle ?? MigrationTools.Core.Paging.PageOptions.DefaultThrottleLimit;
            var limit = TimeSpan.FromMilliseconds(200.0 / n * Latency);
            var ratio = median / floor;
            var met = double.IsNaN(target) || ratio <= target;
            ok &= met && inOrder && requests == 200;
            Console.WriteLine($"    {label,-14}  {Seconds(median),-8}  {ratio,5:0.000}  {median / limit,5:0.00}x of {Seconds(limit),-9}      {requests,5}     {(inOrder ? "same" : "WRONG"),-6}  {(double.IsNaN(target) ? "-" : $"<= {target:0.00} {(met ? "met" : "MISSED")}")}");
        }
        return ok;
    }

    // Regions: three regions of one account at 50 ms of latency, listed by one command (-Region a, b, c) against a
    // loop over the regions, one after another, in the same session (project ids already known to both).
    private static async Task<bool> Regions(int runs)
    {
        Console.WriteLine();
        Console.WriteLine($"Regions  3 regions x 1,100 RDS backup migration jobs at {Latency} ms of injected latency");
        await using var emu = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, EnableLockout = false, Faults = { LatencyMs = Latency } });
        string[] regions = ["cn-north-4", "cn-south-1", "ap-southeast-1"];
        var variables = new Dictionary<string, string>
        {
            ["HUAWEICLOUD_SDK_AK"] = emu.AccessKey,
            ["HUAWEICLOUD_SDK_SK"] = emu.SecretKey,
            ["HUAWEICLOUD_SDK_IAM_ENDPOINT"] = emu.BaseUri.ToString().TrimEnd('/'),
        };
        foreach (var region in regions)
            variables["HUAWEICLOUD_SDK_REGION_DRS_" + region.Replace('-', '_').ToUpperInvariant()] = emu.EndpointOf(region).ToString().TrimEnd('/');
        foreach (var (name, value) in variables) Environment.SetEnvironmentVariable(name, value);
        try
        {
            using var session = new Session();
            var list = string.Join(", ", regions);
            var quoted = string.Join(", ", regions.Select(r => $"'{r}'"));
            session.Invoke($"Get-RdsBackupMigrationJob -Region {list} -First 1; foreach ($r in {quoted}) {{ Get-RdsBackupMigrationJob -Region $r -First 1 }}");
            Console.WriteLine("    -PageSize  loop (one region after another)  -Region a, b, c  ratio  records  order   target");
            var ok = true;
            foreach (var pageSize in new[] { 100, 500 })
            {
                var (loop, fan) = (new List<TimeSpan>(), new List<TimeSpan>());
                var same = true;
                var count = 0;
                for (var i = 0; i < runs; i++)
                {
                    var (sequential, t1) = session.Time($"foreach ($r in {quoted}) {{ Get-RdsBackupMigrationJob -Region $r -PageSize {pageSize} }}");
                    var (together, t2) = session.Time($"Get-RdsBackupMigrationJob -Region {list} -PageSize {pageSize}");
                    loop.Add(t1);
                    fan.Add(t2);
                    count = together.Count;
                    same &= sequential.Select(Key).SequenceEqual(together.Select(Key));
                }
                var ratio = Median(fan) / Median(loop);
                var met = ratio < 0.5 && same && count == 3 * 1100;
                ok &= met;
                Console.WriteLine($"    {pageSize,-9}  {Seconds(Median(loop)),-33}  {Seconds(Median(fan)),-15}  {ratio,5:0.000}  {count,7}  {(same ? "same" : "WRONG"),-6}  < 0.5 {(met ? "met" : "MISSED")}");
            }
            return ok;
        }
        finally
        {
            foreach (var name in variables.Keys) Environment.SetEnvironmentVariable(name, null);
        }

        static string Key(PSObject o) => $"{o.Properties["Region"].Value}/{o.Properties["JobId"].Value}";
    }

    // P2: 20,000 records at zero latency: the module against raw transport of the same bytes plus a bare cmdlet.
    private static async Task<bool> P2(int runs)
    {
        Console.WriteLine();
        Console.WriteLine("P2  20,000 DCS tasks at zero latency (-PageSize 1000: 20 pages), into Out-Null");
        const int count = 20_000, pageSize = 1000;
        await using var emu = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, EnableLockout = false, DcsTaskCount = count });
        using var session = new Session(emu);
        session.Invoke("Get-DcsMigrationTask -First 1");
        using var http = new HttpClient();
        var credentials = new HuaweiCloudCredentials(emu.AccessKey, emu.SecretKey, source: "benchmark");

        long bytes = 0;
        async Task<TimeSpan> RawAsync()
        {
            var watch = Stopwatch.StartNew();
            long total = 0;
            for (var offset = 0; offset < count; offset += pageSize)
            {
                var input = new SigningInput
                {
                    Path = $"/v2/{emu.ProjectId}/migration-tasks",
                    Query = new List<KeyValuePair<string, string>> { new("offset", offset.ToString(CultureInfo.InvariantCulture)), new("limit", pageSize.ToString(CultureInfo.InvariantCulture)) },
                };
                var signed = RequestSigner.Sign(input, emu.BaseUri.Authority, credentials, emu.ProjectId, DateTimeOffset.UtcNow);
                using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(emu.BaseUri, input.Path + "?" + signed.CanonicalQuery));
                foreach (var h in input.Headers) if (!h.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)) message.Headers.TryAddWithoutValidation(h.Key, h.Value);
                using var response = await http.SendAsync(message);
                response.EnsureSuccessStatusCode();
                total += (await response.Content.ReadAsByteArrayAsync()).Length;
            }
            bytes = total;
            return watch.Elapsed;
        }

        // Rounds of all four, after one of each to warm up: a figure taken after the others would find the process
        // (the JIT's later tiers, the emulator) warmer than one taken before them.
        var (raw, bare, module, sequential) = (new List<TimeSpan>(), new List<TimeSpan>(), new List<TimeSpan>(), new List<TimeSpan>());
        for (var round = 0; round <= runs; round++)
        {
            var r = await RawAsync();
            var b = session.Time($"Write-BareObject -Count {count} | Out-Null").Time;
            var m = session.Time($"Get-DcsMigrationTask -PageSize {pageSize} | Out-Null").Time;
            var q = session.Time($"Get-DcsMigrationTask -PageSize {pageSize} -ThrottleLimit 1 | Out-Null").Time;
            if (round == 0) continue;
            raw.Add(r);
            bare.Add(b);
            module.Add(m);
            sequential.Add(q);
        }
        var (listed, _) = session.Time($"Get-DcsMigrationTask -PageSize {pageSize}");
        var once = listed.Select(o => (string)o.Properties["TaskId"].Value).SequenceEqual(emu.Data.DcsTasks.Select(t => t.TaskId));

        var baseline = Median(raw) + Median(bare);
        var ratio = Median(module) / baseline;
        Console.WriteLine($"    raw transport (signed GETs, {bytes / 1024.0 / 1024.0:0.0} MB read)    {Seconds(Median(raw))}");
        Console.WriteLine($"    bare binary cmdlet, {count:N0} objects         {Seconds(Median(bare))}");
        Console.WriteLine($"    raw + bare                                  {Seconds(baseline)}");
        Console.WriteLine($"    Get-DcsMigrationTask (default -ThrottleLimit) {Seconds(Median(module))}   ratio {ratio:0.00}   target <= 2.0 {(ratio <= 2.0 ? "met" : "MISSED")}");
        Console.WriteLine($"    Get-DcsMigrationTask -ThrottleLimit 1         {Seconds(Median(sequential))}   ratio {Median(sequential) / baseline:0.00}");
        Console.WriteLine($"    every task once, in order: {(once ? "yes" : "NO")}");
        return ratio <= 2.0 && once;
    }

    // P3: peak memory of a listing of 100,000 records against one of 1,000, each in a fresh process.
    private static async Task<bool> P3()
    {
        Console.WriteLine();
        Console.WriteLine($"P3  peak memory, a fresh process per listing (hosted engine, {(_p3PageSize is { } p ? "-PageSize " + p : "default paging")})");
        var peaks = new Dictionary<int, (long WorkingSet, long Heap, long Count, long Live)>();
        foreach (var count in new[] { 1_000, 100_000 })
        {
            await using var emu = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, EnableLockout = false, DcsTaskCount = count });
            var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!)
            {
                ArgumentList = { PeakChildCommand, emu.BaseUri.ToString(), emu.AccessKey, emu.SecretKey, emu.ProjectId, emu.Region, _p3PageSize?.ToString(CultureInfo.InvariantCulture) ?? "" },
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            var line = await child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            var parts = line.Trim().Split(' ').Select(long.Parse).ToArray();
            peaks[count] = (parts[0], parts[1], parts[2], parts[3]);
            Console.WriteLine($"    {count,7:N0} records: peak working set {parts[0] / 1048576.0:0.0} MB, heap peak {parts[1] / 1048576.0:0.0} MB");
            Console.WriteLine($"                     ({parts[6]}/{parts[5]}/{parts[4]} gen0/1/2 GCs), alive after {parts[3] / 1048576.0:0.0} MB; {parts[2]:N0} written;");
            Console.WriteLine($"                     {parts[7] / 1048576.0:0} MB allocated in all ({parts[7] / Math.Max(1, parts[2]):N0} B a record)");
        }
        var ws = (double)peaks[100_000].WorkingSet / peaks[1_000].WorkingSet;
        var heap = (double)peaks[100_000].Heap / peaks[1_000].Heap;
        var complete = peaks[1_000].Count == 1_000 && peaks[100_000].Count == 100_000;
        Console.WriteLine($"    100,000 / 1,000: working set {ws:0.00}   target <= 1.5 {(ws <= 1.5 ? "met" : "MISSED")}");
        Console.WriteLine($"                     heap peak {heap:0.00} (garbage included), alive after {(double)peaks[100_000].Live / peaks[1_000].Live:0.00}");
        return ws <= 1.5 && complete;
    }

    /// <summary>The child of P3: lists every task through the hosted engine and prints "peakWorkingSet peakHeap count".</summary>
    internal static int PeakChild(string[] args)
    {
        var emulator = (BaseUri: new Uri(args[0]), AccessKey: args[1], SecretKey: args[2], ProjectId: args[3], Region: args[4]);
        using var session = new Session(emulator.BaseUri, emulator.Region, emulator.ProjectId, emulator.AccessKey, emulator.SecretKey);
        long peakHeap = 0;
        using var done = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            while (!done.IsSet)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                done.Wait(2);
            }
        }) { IsBackground = true };
        sampler.Start();
        var pageSize = args.Length > 5 && args[5].Length > 0 ? " -PageSize " + args[5] : "";
        var (output, _) = session.Time("$n = 0; Get-DcsMigrationTask" + pageSize + " | ForEach-Object { $n++ }; $n");
        done.Set();
        sampler.Join();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        // What the listing left alive (a full collection): nothing may grow with the number of records.
        Console.WriteLine($"{self.PeakWorkingSet64} {peakHeap} {output.Last().BaseObject} {GC.GetTotalMemory(true)} {gen2} {gen1} {gen0} {GC.GetTotalAllocatedBytes()}");
        return 0;
    }

    // The module's default page size per API, from figures: DCS 20,000 tasks at page sizes across its range.
    private static async Task PageSizes(int runs)
    {
        Console.WriteLine();
        Console.WriteLine("Page size (DCS ListMigrationTask, range 1-1000): 20,000 tasks, default -ThrottleLimit, into Out-Null");
        Console.WriteLine("    -PageSize   0 ms latency   50 ms latency");
        await using var emu = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, EnableLockout = false, DcsTaskCount = 20_000 });
        using var session = new Session(emu);
        session.Invoke("Get-DcsMigrationTask -First 1");
        foreach (var size in new[] { 100, 250, 500, 1000 })
        {
            emu.Faults.LatencyMs = 0;
            var zero = Median(Enumerable.Range(0, runs).Select(_ => session.Time($"Get-DcsMigrationTask -PageSize {size} | Out-Null").Time).ToList());
            emu.Faults.LatencyMs = Latency;
            var slow = Median(Enumerable.Range(0, runs).Select(_ => session.Time($"Get-DcsMigrationTask -PageSize {size} | Out-Null").Time).ToList());
            Console.WriteLine($"    {size,8}   {Seconds(zero),12}   {Seconds(slow),13}");
        }
        Console.WriteLine("Page size (DRS ListReplicationJobs, range 1-65535): 1,100 jobs, 50 ms latency");
        emu.Faults.LatencyMs = Latency;
        foreach (var size in new[] { 100, 500, 1000 })
        {
            var slow = Median(Enumerable.Range(0, runs).Select(_ => session.Time($"Get-RdsBackupMigrationJob -PageSize {size} | Out-Null").Time).ToList());
            Console.WriteLine($"    {size,8}   {Seconds(slow),12}");
        }
    }

    private static TimeSpan Median(List<TimeSpan> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";

    private static string RuntimeLabel() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription + ", PowerShell engine " + typeof(PSObject).Assembly.GetName().Version;

    /// <summary>A runspace of the real engine with the module imported and pointed at an emulator.</summary>
    private sealed class Session : IDisposable
    {
        private readonly Runspace _runspace;

        public Session(EmulatorHost emu) : this(emu.BaseUri, emu.Region, emu.ProjectId, emu.AccessKey, emu.SecretKey) { }

        /// <summary>A session with no defaults: the module finds everything in the environment.</summary>
        public Session()
        {
            _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            _runspace.Open();
            Invoke($"Import-Module '{Manifest()}' -ErrorAction Stop");
        }

        public Session(Uri endpoint, string region, string projectId, string accessKey, string secretKey)
        {
            _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            _runspace.Open();
            Invoke($"Import-Module '{Manifest()}' -ErrorAction Stop; Import-Module -Assembly $args[0]", typeof(WriteBareObjectCommand).Assembly);
            Invoke("$PSDefaultParameterValues['Get-*:Endpoint'] = $args[0]; $PSDefaultParameterValues['Get-*:Region'] = $args[1]; " +
                   "$PSDefaultParameterValues['Get-*:ProjectId'] = $args[2]; $PSDefaultParameterValues['Get-*:AccessKey'] = $args[3]; " +
                   "$PSDefaultParameterValues['Get-*:SecretKey'] = $args[4]",
                endpoint.ToString().TrimEnd('/'), region, projectId, accessKey, secretKey);
        }

        public void Invoke(string script, params object[] args) => Time(script, args);

        public (List<PSObject> Output, TimeSpan Time) Time(string script, params object[] args)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript(script);
            foreach (var a in args) ps.AddArgument(a);
            var watch = Stopwatch.StartNew();
            var output = ps.Invoke().ToList();
            var time = watch.Elapsed;
            if (ps.HadErrors && ps.Streams.Error.Count > 0) throw new InvalidOperationException($"'{script}' failed: {ps.Streams.Error[0]}");
            return (output, time);
        }

        public void Dispose() => _runspace.Dispose();

        private static string Manifest()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MigrationTools.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("MigrationTools.sln not found"), "out", "MigrationTools", "MigrationTools.psd1");
        }
    }
}

/// <summary>The bare binary cmdlet of P2: writes N ready objects, nothing else, as fast as the engine takes them.</summary>
[Cmdlet(VerbsCommunications.Write, "BareObject")]
public sealed class WriteBareObjectCommand : PSCmdlet
{
    /// <summary>How many objects to write.</summary>
    [Parameter(Mandatory = true)]
    public int Count { get; set; }

    protected override void ProcessRecord()
    {
        for (var i = 0; i < Count; i++) WriteObject(new BareRecord(i));
    }
}

/// <summary>One object of the bare cmdlet.</summary>
public sealed record BareRecord(int Index);
