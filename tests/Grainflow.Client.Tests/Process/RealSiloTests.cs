using System.Text.Json;
using Grainflow.Client.Tests.Client;
using Grainflow.Interfaces.Control;

namespace Grainflow.Client.Tests.Process;

/// <summary>
/// The built client against a real silo process running the unbounded wordcount over a segment log that the
/// client's own <c>produce</c> fills: every command's happy path, and the failures a real silo gives.
/// </summary>
public sealed class RealSiloTests
{
    private const int Records = 1000;

    [Fact]
    public async Task EveryCommand_RunningJob_Succeeds()
    {
        using var directory = new TempDirectory();
        await using var silo = await StartSiloAsync(directory);
        var url = silo.Url;

        await ProduceAsync(directory);
        await WaitForSourceOffsetAsync(url, Records);

        var status = Json(await ClientAsync(url, "status", "--json"), ControlJsonContext.Default.JobStatusView);
        Assert.Equal(JobStates.Running, status.State);
        Assert.Equal(Records, status.SourceOffsets.Single().Offset);

        Assert.Equal(3, status.Tasks!.Count);
        Assert.All(status.Tasks, t => Assert.Equal(status.CoordinatorSilo, t.Silo));
        var triggered = Json(await ClientAsync(url, "checkpoint", "trigger", "--json"), ControlJsonContext.Default.TriggeredCheckpointView);
        Assert.True(triggered.CheckpointId >= 1);
        await WaitForCommittedOffsetAsync(url, Records);
        Assert.Equal(0, (await ClientAsync(url, "checkpoints", "list")).ExitCode);

        // "alpha" is on every one of the 4 lines of the text, so 1000 records hold it 1000 times.
        ClientCommandTests.AssertSuccess(
            await ClientAsync(url, "state", "get", "--operator", "count", "--key", "alpha"), $"operator count, key 'alpha', state 'count': {Records}");
        var unknown = await ClientAsync(url, "state", "get", "--operator", "nope", "--key", "alpha");
        Assert.True(unknown.ExitCode == 4, unknown.ToString());
        Assert.StartsWith("grainflow: not found: ", unknown.StandardError, StringComparison.Ordinal);

        var savepoint = Json(await ClientAsync(url, "savepoint", "create", "sp1", "--json"), ControlJsonContext.Default.SavepointView);
        Assert.Equal("sp1", savepoint.Name);
        Assert.Equal(5, (await ClientAsync(url, "savepoint", "create", "sp1")).ExitCode);
        Assert.Contains("sp1", (await ClientAsync(url, "savepoint", "list")).StandardOutput, StringComparison.Ordinal);
        ClientCommandTests.AssertSuccess(await ClientAsync(url, "savepoint", "delete", "sp1"), "deleted savepoint 'sp1' of job wordcount");
        Assert.Equal(4, (await ClientAsync(url, "savepoint", "delete", "sp1")).ExitCode);

        var final = Json(await ClientAsync(url, "stop", "--savepoint", "final", "--json"), ControlJsonContext.Default.SavepointView);
        Assert.Equal("final", final.Name);
        var exit = await silo.Process.WaitForExitAsync();
        Assert.True(exit.ExitCode == 0, exit.ToString());
        Assert.Equal(3, (await ClientAsync(url, "status")).ExitCode);
    }

    [Fact]
    public async Task Dashboard_RunningSilo_ServedBesideTheControlApi()
    {
        using var directory = new TempDirectory();
        await using var silo = await StartSiloAsync(directory);
        using var http = new HttpClient { BaseAddress = silo.Url };

        var page = await http.GetAsync(new Uri("/dashboard/", UriKind.Relative));
        var stats = await http.GetAsync(new Uri("/dashboard/ClusterStats", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(System.Net.HttpStatusCode.OK, stats.StatusCode);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(await stats.Content.ReadAsStringAsync()).RootElement.ValueKind);
    }

    [Fact]
    public async Task SecondSilo_SameCheckpointLocation_Exits2NamingTheRunningProcess()
    {
        using var directory = new TempDirectory();
        await using var first = await StartSiloAsync(directory);

        var second = await ChildProcess.RunAsync(
            ChildProcess.Silo, null, "wordcount", "--input-log", directory.Sub("log"), "--output", directory.Sub("out2"), "--checkpoint-dir", directory.Sub("chk"), "--control-url", "none");

        Assert.True(second.ExitCode == 2, second.ToString());
        Assert.StartsWith("grainflow-silo: Another process runs job 'wordcount' on the checkpoint location", second.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory.Sub("out2")) && Directory.EnumerateFiles(directory.Sub("out2")).Any());
    }

    [Fact]
    public async Task AnyCommand_OffLoopbackSiloWithToken_NeedsTheToken()
    {
        using var directory = new TempDirectory();
        await using var silo = await StartSiloAsync(directory, "--control-url", "http://0.0.0.0:0", "--control-token", "real-token");

        ClientCommandTests.AssertFailure(
            await ClientAsync(silo.Url, "status", "--token", "wrong"),
            6,
            "grainflow: unauthorized: The bearer token is not this silo's control token. Check the token the silo was started with.");
        Assert.Equal(6, (await ClientAsync(silo.Url, "stop")).ExitCode);
        Assert.Equal(0, (await ClientAsync(silo.Url, "status", "--token", "real-token")).ExitCode);
    }

    [Fact]
    public async Task Session_StopWithSavepointThenRestartFromIt_ContinuedOutputEqualsAnUninterruptedRun()
    {
        using var directory = new TempDirectory();
        var random = new Random(5);
        var words = Enumerable.Range(0, 300).Select(i => $"w{i}").ToArray();
        var lines = Enumerable.Range(0, 4_000).Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(1, 9)).Select(_ => words[random.Next(words.Length)]))).ToList();
        await File.WriteAllLinesAsync(directory.Sub("first.txt"), lines[..2_000]);
        await File.WriteAllLinesAsync(directory.Sub("second.txt"), lines[2_000..]);

        await using (var first = await StartSiloAsync(directory, ["--checkpoint-interval", "200ms"]))
        {
            await ProduceFileAsync(directory, "first.txt");
            await WaitForSourceOffsetAsync(first.Url, 2_000);
            Json(await ClientAsync(first.Url, "stop", "--savepoint", "upgrade", "--json"), ControlJsonContext.Default.SavepointView);
            var exit = await first.Process.WaitForExitAsync();
            Assert.True(exit.ExitCode == 0, exit.ToString());
        }

        await ProduceFileAsync(directory, "second.txt");
        // The upgraded job has another parallelism, so it needs a fresh checkpoint location and takes the savepoint by path.
        var savepoint = Path.Combine(directory.Sub("chk"), "wordcount", "savepoints", "upgrade");
        await using (var second = await StartSiloAsync(
            directory, ["--checkpoint-interval", "200ms", "--checkpoint-dir", directory.Sub("chk2"), "--parallelism", "3", "--from-savepoint", savepoint]))
        {
            await second.Process.WaitForOutputLineAsync("resuming from savepoint upgrade");
            await WaitForSourceOffsetAsync(second.Url, 4_000);
            Json(await ClientAsync(second.Url, "stop", "--savepoint", "after", "--json"), ControlJsonContext.Default.SavepointView);
            var exit = await second.Process.WaitForExitAsync();
            Assert.True(exit.ExitCode == 0, exit.ToString());
        }

        var output = Directory.GetFiles(directory.Sub("out"), "part-*").SelectMany(File.ReadAllLines).ToList();
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(lines), output));
    }

    private static async Task ProduceFileAsync(TempDirectory directory, string file)
    {
        var result = await ChildProcess.RunClientAsync("produce", "--log", directory.Sub("log"), "--text", directory.Sub(file), "--rate", "1000000");
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private static async Task<RunningSilo> StartSiloAsync(TempDirectory directory, params string[] extra)
    {
        var control = extra.Contains("--control-url") ? [] : new[] { "--control-url", "http://127.0.0.1:0" };
        var interval = extra.Contains("--checkpoint-interval") ? [] : new[] { "--checkpoint-interval", "infinite" };
        var checkpoints = extra.Contains("--checkpoint-dir") ? [] : new[] { "--checkpoint-dir", directory.Sub("chk") };
        string[] args =
        [
            "wordcount", "--input-log", directory.Sub("log"), "--output", directory.Sub("out"), .. checkpoints, .. interval, .. control, .. extra,
        ];
        Directory.CreateDirectory(directory.Sub("log"));
        var process = ChildProcess.Start(ChildProcess.Silo, null, args);
        var line = await process.WaitForOutputLineAsync("control API listening on ");
        var bound = new Uri(line[(line.IndexOf("http", StringComparison.Ordinal))..].Split(',')[0]);
        return new RunningSilo(process, new Uri($"http://127.0.0.1:{bound.Port}"));
    }

    private static async Task ProduceAsync(TempDirectory directory)
    {
        var text = directory.Sub("text.txt");
        await File.WriteAllLinesAsync(text, ["alpha beta", "alpha gamma", "delta alpha", "alpha"]);
        var result = await ChildProcess.RunClientAsync("produce", "--log", directory.Sub("log"), "--text", text, "--count", $"{Records}", "--rate", "100000");
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>Polls the status until a completed checkpoint covers <paramref name="offset"/> records (bounded by the process deadline).</summary>
    private static async Task WaitForCommittedOffsetAsync(Uri silo, long offset)
    {
        using var deadline = new CancellationTokenSource(ChildProcess.Deadline);
        while (true)
        {
            var status = Json(await ClientAsync(silo, "status", "--json"), ControlJsonContext.Default.JobStatusView);
            if (status.SourceOffsets.Single().CommittedOffset == offset)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }

    /// <summary>Polls the status until the source has read <paramref name="offset"/> records (bounded by the process deadline).</summary>
    private static async Task WaitForSourceOffsetAsync(Uri silo, long offset)
    {
        using var deadline = new CancellationTokenSource(ChildProcess.Deadline);
        while (true)
        {
            var status = Json(await ClientAsync(silo, "status", "--json"), ControlJsonContext.Default.JobStatusView);
            if (status.SourceOffsets.Sum(o => o.Offset) >= offset)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }

    private static Task<ProcessResult> ClientAsync(Uri silo, params string[] args) => ChildProcess.RunClientAsync([.. args, "--silo", silo.ToString()]);

    private static T Json<T>(ProcessResult result, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonSerializer.Deserialize(result.StandardOutput, typeInfo)!;
    }

    private sealed record RunningSilo(ChildProcess Process, Uri Url) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }
}
