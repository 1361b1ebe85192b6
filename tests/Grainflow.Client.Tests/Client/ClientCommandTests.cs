using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Grainflow.Client.Tests.Api;
using Grainflow.Interfaces.Control;

namespace Grainflow.Client.Tests.Client;

/// <summary>
/// The built client, run as a child process, against the silo's control API hosted in this process over a fake job
/// control: every command's answer (exact JSON, human lines) and every failure's exit code and message.
/// </summary>
public sealed class ClientCommandTests : IAsyncLifetime
{
    private static readonly ControlJsonContext s_json = ControlJsonContext.Default;

    private InProcessControlApi _api = null!;

    public async Task InitializeAsync() => _api = await InProcessControlApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Status_Json_WritesTheStatusJson()
    {
        var result = await RunAsync("status", "--json");
        AssertSuccess(result, JsonSerializer.Serialize(FakeJobControl.Status, s_json.JobStatusView));
    }

    [Fact]
    public async Task Status_Human_WritesStateAndTables()
    {
        var result = await RunAsync("status");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("job wordcount: running", result.Output[0]);
        Assert.Equal("last completed checkpoint: 12 (12 completed, 1 failed since start)", result.Output[1]);
        Assert.Contains(result.Output, l => l.Contains("count", StringComparison.Ordinal) && l.Contains("keyed", StringComparison.Ordinal) && l.Contains("5,210", StringComparison.Ordinal));
        Assert.Contains(result.Output, l => l.Contains("lines", StringComparison.Ordinal) && l.Contains("1,000", StringComparison.Ordinal) && l.Contains("990", StringComparison.Ordinal));
        Assert.Contains(result.Output, l => l.Contains("count/0", StringComparison.Ordinal) && l.Contains("S127.0.0.1:11112:1", StringComparison.Ordinal));
        Assert.Contains("coordinator on S127.0.0.1:11111:1", result.Output);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Status_UnknownJob_Exits4WithTheSilosDetail()
    {
        var result = await RunAsync("status", "--job", "nope");
        AssertFailure(result, 4, "grainflow: not found: No job 'nope' runs in this silo; its jobs: wordcount.");
    }

    [Fact]
    public async Task JobStart_WordCountOptions_SendsThemWithAbsolutePathsAndSaysWhatItResumedFrom()
    {
        var result = await RunAsync(
            "job", "start", "wordcount", "--job-id", "wc2", "--input", "in.txt", "--output", "out", "--checkpoint-dir", "/data/chk",
            "--parallelism", "4", "--checkpoint-interval", "500ms", "--from-savepoint", "./sp/v1", "--allow-duplicate-output", "--option", "extra=a=b");

        AssertSuccess(result, "started job wc2 (wordcount), resuming from checkpoint 3 (taken 2026-11-21 10:29:00Z)\nwarning: checkpoint 4 is damaged; passed over");
        var start = _api.Jobs.LastStart!;
        Assert.Equal(("wordcount", "wc2"), (start.Definition, start.JobId));
        var clientDirectory = AppContext.BaseDirectory;
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["input"] = Path.Combine(clientDirectory, "in.txt"),
                ["output"] = Path.Combine(clientDirectory, "out"),
                ["checkpoint-dir"] = "/data/chk",
                ["parallelism"] = "4",
                ["checkpoint-interval"] = "500ms",
                ["from-savepoint"] = Path.Combine(clientDirectory, "sp", "v1"),
                ["allow-duplicate-output"] = "true",
                ["extra"] = "a=b",
            },
            start.Options);
    }

    [Fact]
    public async Task JobStart_SavepointByName_KeepsTheNameAndTheDefinitionIsTheJobId()
    {
        var result = await RunAsync("job", "start", "wordcount", "--from-savepoint", "v1", "--checkpoint-store", "UseDevelopmentStorage=true", "--json");
        AssertFailure(result, 5, "grainflow: conflict: Job 'wordcount' is already running; stop it first.");
        var start = _api.Jobs.LastStart!;
        Assert.Null(start.JobId);
        Assert.Equal(new Dictionary<string, string> { ["from-savepoint"] = "v1", ["checkpoint-store"] = "UseDevelopmentStorage=true" }, start.Options);
    }

    [Fact]
    public async Task JobStart_Json_WritesTheAnswer()
    {
        var result = await RunAsync("job", "start", "wordcount", "--job-id", "wc3", "--json");
        AssertSuccess(result, JsonSerializer.Serialize(FakeJobControl.Started("wc3"), s_json.StartedJobView));
    }

    [Fact]
    public async Task JobRescale_PrintsTheSavepointAndThePause()
    {
        var result = await RunAsync("job", "rescale", "--parallelism", "6");
        AssertSuccess(result, "rescaled job wordcount to parallelism 6 through savepoint rescale-20261121-103100-000-to-6 (checkpoint 14); processing paused 412 ms");
    }

    [Fact]
    public async Task JobRescale_Json_WritesTheAnswer()
    {
        var result = await RunAsync("job", "rescale", "--parallelism", "3", "--json");
        AssertSuccess(result, JsonSerializer.Serialize(FakeJobControl.Rescaled(3), s_json.RescaledJobView));
    }

    [Fact]
    public async Task JobRescale_ParallelismZero_Exits2WithTheSilosDetail()
    {
        var result = await RunAsync("job", "rescale", "--parallelism", "0");
        AssertFailure(result, 2, "grainflow: invalid request: A job's parallelism must be at least 1, not 0.");
    }

    [Fact]
    public async Task JobRescale_WithoutParallelism_Exits2BeforeAsking()
    {
        var result = await RunAsync("job", "rescale");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(result.Error, line => line.Contains("--parallelism", StringComparison.Ordinal));
        Assert.Null(_api.Jobs.LastStart);
    }

    [Fact]
    public async Task JobStart_UnknownDefinition_Exits2WithTheSilosDetail()
    {
        var result = await RunAsync("job", "start", "nope");
        AssertFailure(result, 2, "grainflow: invalid request: No job definition named 'nope' can be started on this cluster (startable: wordcount).");
    }

    [Fact]
    public async Task JobStart_OptionWithoutValue_Exits2BeforeAsking()
    {
        var result = await RunAsync("job", "start", "wordcount", "--option", "novalue");
        AssertFailure(result, 2, "grainflow: Option '--option' expects name=value, not 'novalue'.");
        Assert.Null(_api.Jobs.LastStart);
    }

    [Fact]
    public async Task Jobs_AfterAStart_ListsThemAsATableOrJson()
    {
        Assert.Equal(0, (await RunAsync("job", "start", "wordcount", "--job-id", "wc2")).ExitCode);

        var human = await RunAsync("jobs");
        var json = await RunAsync("jobs", "--json");

        Assert.True(human.ExitCode == 0, human.ToString());
        Assert.Contains(human.Output, l => l.Contains("wordcount", StringComparison.Ordinal) && l.Contains("running", StringComparison.Ordinal) && l.Contains("2026-11-21 10:30:00", StringComparison.Ordinal));
        Assert.Contains(human.Output, l => l.Contains("wc2", StringComparison.Ordinal) && l.Contains("2026-11-21 10:35:00", StringComparison.Ordinal));
        AssertSuccess(json, JsonSerializer.Serialize(await _api.Jobs.ListJobsAsync(), s_json.IReadOnlyListJobSummaryView));
    }

    [Fact]
    public async Task CheckpointsList_Json_WritesTheHistory()
    {
        var result = await RunAsync("checkpoints", "list", "--json");
        AssertSuccess(result, JsonSerializer.Serialize(FakeJobControl.Checkpoints, s_json.IReadOnlyListCheckpointView));
    }

    [Fact]
    public async Task CheckpointsList_Human_WritesOneRowPerTask()
    {
        var result = await RunAsync("checkpoints", "list");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(4, result.Output.Count(l => l.Contains("count-", StringComparison.Ordinal)));
        Assert.Contains(result.Output, l => l.Contains("2026-11-21 10:30:00.000", StringComparison.Ordinal) && l.Contains("41.5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckpointsList_UnknownJob_Exits4()
    {
        var result = await RunAsync("checkpoints", "list", "--job", "nope");
        AssertFailure(result, 4, "grainflow: not found: No job 'nope' runs in this silo; its jobs: wordcount.");
    }

    [Fact]
    public async Task CheckpointTrigger_Idle_WritesTheId()
    {
        var result = await RunAsync("checkpoint", "trigger");
        AssertSuccess(result, "triggered checkpoint 13 of job wordcount");
    }

    [Fact]
    public async Task CheckpointTrigger_OneInFlight_Exits5()
    {
        AssertSuccess(await RunAsync("checkpoint", "trigger", "--json"), JsonSerializer.Serialize(new TriggeredCheckpointView(13), s_json.TriggeredCheckpointView));
        var result = await RunAsync("checkpoint", "trigger");
        AssertFailure(result, 5, "grainflow: conflict: Checkpoint 13 is in flight; try again when it completes.");
    }

    [Fact]
    public async Task SavepointCreate_NewName_WritesTheSavepoint()
    {
        var result = await RunAsync("savepoint", "create", "v1");
        AssertSuccess(
            result,
            "savepoint 'v1' taken as checkpoint 13 at 2026-11-21 10:31:00 UTC (format 1)\nlocation: /data/chk/wordcount/savepoints/v1");
    }

    [Fact]
    public async Task SavepointCreate_NameTaken_Exits5()
    {
        AssertSuccess(await RunAsync("savepoint", "create", "v1", "--json"), JsonSerializer.Serialize(FakeJobControl.Savepoint("v1"), s_json.SavepointView));
        var result = await RunAsync("savepoint", "create", "v1");
        AssertFailure(result, 5, "grainflow: conflict: Savepoint 'v1' exists; delete it or choose another name.");
    }

    [Fact]
    public async Task SavepointCreate_BadName_Exits2()
    {
        var result = await RunAsync("savepoint", "create", "a/b");
        AssertFailure(result, 2, "grainflow: invalid request: Savepoint name 'a/b' may hold only letters, digits, '-', '_' and '.'.");
    }

    [Fact]
    public async Task SavepointList_AfterCreate_WritesThem()
    {
        Assert.Equal(0, (await RunAsync("savepoint", "create", "v1")).ExitCode);
        var result = await RunAsync("savepoint", "list", "--json");
        AssertSuccess(result, JsonSerializer.Serialize<IReadOnlyList<SavepointView>>([FakeJobControl.Savepoint("v1")], s_json.IReadOnlyListSavepointView));
        var human = await RunAsync("savepoint", "list");
        Assert.Contains(human.Output, l => l.Contains("v1", StringComparison.Ordinal) && l.Contains("/data/chk/wordcount/savepoints/v1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SavepointList_UnknownJob_Exits4()
    {
        var result = await RunAsync("savepoint", "list", "--job", "nope");
        AssertFailure(result, 4, "grainflow: not found: No job 'nope' runs in this silo; its jobs: wordcount.");
    }

    [Fact]
    public async Task SavepointDelete_Existing_SaysSo()
    {
        Assert.Equal(0, (await RunAsync("savepoint", "create", "v1")).ExitCode);
        AssertSuccess(await RunAsync("savepoint", "delete", "v1"), "deleted savepoint 'v1' of job wordcount");
        AssertSuccess(await RunAsync("savepoint", "list", "--json"), "[]");
    }

    [Fact]
    public async Task SavepointDelete_Unknown_Exits4()
    {
        var result = await RunAsync("savepoint", "delete", "nope");
        AssertFailure(result, 4, "grainflow: not found: Job 'wordcount' has no savepoint 'nope'.");
    }

    [Fact]
    public async Task Stop_WithoutSavepoint_SaysStoppedAfterAFinalCheckpoint()
    {
        AssertSuccess(await RunAsync("stop"), "stopped job wordcount");
        Assert.True(_api.Jobs.LastStopDrained);
    }

    [Fact]
    public async Task Stop_NoDrain_AsksForNoFinalCheckpoint()
    {
        AssertSuccess(await RunAsync("stop", "--no-drain"), "stopped job wordcount");
        Assert.False(_api.Jobs.LastStopDrained);
    }

    [Fact]
    public async Task Stop_SavepointAndNoDrain_Exits2()
    {
        var result = await RunAsync("stop", "--savepoint", "x", "--no-drain");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'--savepoint' and '--no-drain' cannot be combined", result.StandardError, StringComparison.Ordinal);
        Assert.Null(_api.Jobs.LastStopDrained);
    }

    [Fact]
    public async Task Stop_WithSavepoint_WritesTheSavepoint()
    {
        var result = await RunAsync("stop", "--savepoint", "final", "--json");
        AssertSuccess(result, JsonSerializer.Serialize(FakeJobControl.Savepoint("final"), s_json.SavepointView));
    }

    [Fact]
    public async Task Stop_AlreadyStopped_Exits5()
    {
        Assert.Equal(0, (await RunAsync("stop")).ExitCode);
        var result = await RunAsync("stop", "--savepoint", "late");
        AssertFailure(result, 5, "grainflow: conflict: Job 'wordcount' is stopped.");
    }

    [Fact]
    public async Task StateGet_KnownKey_WritesTheValue()
    {
        AssertSuccess(await RunAsync("state", "get", "--operator", "count", "--key", "and/or"), "operator count, key 'and/or', state 'count': 42");
        Assert.Equal("and/or", _api.Jobs.LastKey);
        AssertSuccess(
            await RunAsync("state", "get", "--operator", "count", "--key", "missing", "--state", "count", "--json"),
            JsonSerializer.Serialize(new StateValueView("count", "missing", "count", false, null), s_json.StateValueView));
    }

    [Fact]
    public async Task StateGet_UnknownOperator_Exits4()
    {
        var result = await RunAsync("state", "get", "--operator", "nope", "--key", "the");
        AssertFailure(result, 4, "grainflow: not found: Job 'wordcount' has no keyed operator 'nope'; its keyed operators: count.");
    }

    [Fact]
    public async Task StateGet_MissingKeyOption_Exits2()
    {
        var result = await RunAsync("state", "get", "--operator", "count");
        AssertFailure(result, 2, "grainflow: Option '--key' is required. See 'grainflow --help'.");
    }

    [Theory]
    [InlineData("status")]
    [InlineData("jobs")]
    [InlineData("job", "start", "wordcount")]
    [InlineData("checkpoints", "list")]
    [InlineData("checkpoint", "trigger")]
    [InlineData("savepoint", "create", "v1")]
    [InlineData("savepoint", "list")]
    [InlineData("savepoint", "delete", "v1")]
    [InlineData("stop")]
    [InlineData("state", "get", "--operator", "count", "--key", "the")]
    public async Task AnyCommand_SiloDown_Exits3SayingHowToStartIt(params string[] command)
    {
        var silo = $"http://127.0.0.1:{UnusedPort()}";
        var result = await ChildProcess.RunClientAsync([.. command, "--silo", silo]);
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Empty(result.Output);
        Assert.Equal(
            $"grainflow: cannot reach the silo at {silo}/: is it running? (start it with 'grainflow-silo wordcount --input-log <dir> ...', or pass --silo <url>)",
            result.Error[0]);
        Assert.StartsWith("  reason: ", result.Error[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SiloOption_NotAnAddress_Exits2()
    {
        var result = await ChildProcess.RunClientAsync("status", "--silo", "nowhere");
        AssertFailure(result, 2, "grainflow: Option '--silo' expects an http:// or https:// address such as http://127.0.0.1:5180, not 'nowhere'. See 'grainflow --help'.");
    }

    [Fact]
    public async Task Help_ListsTheExitCodes()
    {
        var result = await ChildProcess.RunAsync(ChildProcess.Client, new Dictionary<string, string?> { ["GRAINFLOW_CONTROL_TOKEN"] = "env-secret" }, "--help");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Exit codes:", result.Output);
        Assert.Contains("  3  the silo cannot be reached", result.Output);
        Assert.Contains("  6  unauthorized (missing or wrong --token)", result.Output);
        Assert.DoesNotContain("env-secret", result.StandardOutput, StringComparison.Ordinal);
    }

    internal static void AssertSuccess(ProcessResult result, string expectedOutput)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expectedOutput, result.StandardOutput);
        Assert.Empty(result.Error);
    }

    internal static void AssertFailure(ProcessResult result, int exitCode, string expectedError)
    {
        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Equal(expectedError, result.StandardError);
        Assert.Empty(result.Output);
    }

    internal static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task<ProcessResult> RunAsync(params string[] args) => ChildProcess.RunClientAsync([.. args, "--silo", _api.Url.ToString()]);
}
