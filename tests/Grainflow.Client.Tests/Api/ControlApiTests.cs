using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Grainflow.Interfaces.Control;

namespace Grainflow.Client.Tests.Api;

/// <summary>Every endpoint of the control API, over a fake job control: the answer's status and exact JSON.</summary>
public sealed class ControlApiTests : IAsyncLifetime
{
    private static readonly ControlJsonContext s_json = ControlJsonContext.Default;

    private InProcessControlApi _api = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _api = await InProcessControlApi.StartAsync();
        _http = _api.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public void Start_FreePort_AnnouncesTheBoundAddress() =>
        Assert.Equal($"control API listening on http://127.0.0.1:{_api.Url.Port}{Environment.NewLine}", _api.Console.ToString());

    [Fact]
    public async Task StartJob_NewJobId_Returns201WithWhatItResumedFrom()
    {
        var request = new StartJobRequest("wordcount", "wc2", new Dictionary<string, string> { ["input"] = "/data/in.txt", ["parallelism"] = "4" });
        using var response = await _http.PostAsJsonAsync("/jobs", request, s_json.StartJobRequest);
        await AssertJsonAsync(response, HttpStatusCode.Created, JsonSerializer.Serialize(FakeJobControl.Started("wc2"), s_json.StartedJobView));
        Assert.Equal(request.Options, _api.Jobs.LastStart!.Options);
    }

    [Fact]
    public async Task StartJob_Running_Returns409Problem()
    {
        using var response = await _http.PostAsJsonAsync("/jobs", new StartJobRequest("wordcount"), s_json.StartJobRequest);
        await AssertProblemAsync(response, HttpStatusCode.Conflict, "Job 'wordcount' is already running; stop it first.");
    }

    [Fact]
    public async Task StartJob_UnknownDefinition_Returns400Problem()
    {
        using var response = await _http.PostAsJsonAsync("/jobs", new StartJobRequest("nope"), s_json.StartJobRequest);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "No job definition named 'nope' can be started on this cluster (startable: wordcount).");
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"jobId": "x"}""")]
    public async Task StartJob_NoDefinition_Returns400Problem(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("/jobs", content);
        await AssertProblemAsync(
            response,
            HttpStatusCode.BadRequest,
            """The request body must name the job definition to start: {"definition": "<name>", "jobId": "<id>" (optional), "options": {"<option>": "<value>", ...}}.""");
        Assert.Null(_api.Jobs.LastStart);
    }

    [Fact]
    public async Task ListJobs_AfterAStart_ListsBoth()
    {
        (await _http.PostAsJsonAsync("/jobs", new StartJobRequest("wordcount", "wc2"), s_json.StartJobRequest)).Dispose();
        using var response = await _http.GetAsync("/jobs");
        IReadOnlyList<JobSummaryView> expected =
            [FakeJobControl.RunningJob, new("wc2", "wordcount", JobStates.Running, new DateTimeOffset(2026, 11, 21, 10, 35, 0, TimeSpan.Zero), null, null)];
        await AssertJsonAsync(response, HttpStatusCode.OK, JsonSerializer.Serialize(expected, s_json.IReadOnlyListJobSummaryView));
    }

    [Fact]
    public async Task GetStatus_RunningJob_ReturnsTheStatus()
    {
        using var response = await _http.GetAsync("/jobs/wordcount/status");
        await AssertJsonAsync(response, HttpStatusCode.OK, JsonSerializer.Serialize(FakeJobControl.Status, s_json.JobStatusView));
    }

    [Fact]
    public async Task GetStatus_UnknownJob_Returns404Problem()
    {
        using var response = await _http.GetAsync("/jobs/nope/status");
        await AssertProblemAsync(response, HttpStatusCode.NotFound, "No job 'nope' runs in this silo; its jobs: wordcount.");
    }

    [Fact]
    public async Task ListCheckpoints_RunningJob_ReturnsTheHistory()
    {
        using var response = await _http.GetAsync("/jobs/wordcount/checkpoints");
        await AssertJsonAsync(response, HttpStatusCode.OK, JsonSerializer.Serialize(FakeJobControl.Checkpoints, s_json.IReadOnlyListCheckpointView));
    }

    [Fact]
    public async Task ListCheckpoints_UnknownJob_Returns404Problem()
    {
        using var response = await _http.GetAsync("/jobs/nope/checkpoints");
        await AssertProblemAsync(response, HttpStatusCode.NotFound, "No job 'nope' runs in this silo; its jobs: wordcount.");
    }

    [Fact]
    public async Task TriggerCheckpoint_Idle_Returns202WithTheId()
    {
        using var response = await _http.PostAsync("/jobs/wordcount/checkpoints", null);
        await AssertJsonAsync(response, HttpStatusCode.Accepted, JsonSerializer.Serialize(new TriggeredCheckpointView(13), s_json.TriggeredCheckpointView));
    }

    [Fact]
    public async Task TriggerCheckpoint_OneInFlight_Returns409Problem()
    {
        (await _http.PostAsync("/jobs/wordcount/checkpoints", null)).Dispose();
        using var response = await _http.PostAsync("/jobs/wordcount/checkpoints", null);
        await AssertProblemAsync(response, HttpStatusCode.Conflict, "Checkpoint 13 is in flight; try again when it completes.");
    }

    [Fact]
    public async Task TriggerCheckpoint_UnknownJob_Returns404Problem()
    {
        using var response = await _http.PostAsync("/jobs/nope/checkpoints", null);
        await AssertProblemAsync(response, HttpStatusCode.NotFound, "No job 'nope' runs in this silo; its jobs: wordcount.");
    }

    [Fact]
    public async Task CreateSavepoint_NewName_Returns201WithTheSavepoint()
    {
        using var response = await _http.PostAsJsonAsync("/jobs/wordcount/savepoints", new CreateSavepointRequest("v1"), s_json.CreateSavepointRequest);
        await AssertJsonAsync(response, HttpStatusCode.Created, JsonSerializer.Serialize(FakeJobControl.Savepoint("v1"), s_json.SavepointView));
    }

    [Fact]
    public async Task CreateSavepoint_NameTaken_Returns409Problem()
    {
        (await _http.PostAsJsonAsync("/jobs/wordcount/savepoints", new CreateSavepointRequest("v1"), s_json.CreateSavepointRequest)).Dispose();
        using var response = await _http.PostAsJsonAsync("/jobs/wordcount/savepoints", new CreateSavepointRequest("v1"), s_json.CreateSavepointRequest);
        await AssertProblemAsync(response, HttpStatusCode.Conflict, "Savepoint 'v1' exists; delete it or choose another name.");
    }

    [Fact]
    public async Task CreateSavepoint_UnknownJob_Returns404Problem()
    {
        using var response = await _http.PostAsJsonAsync("/jobs/nope/savepoints", new CreateSavepointRequest("v1"), s_json.CreateSavepointRequest);
        await AssertProblemAsync(response, HttpStatusCode.NotFound, "No job 'nope' runs in this silo; its jobs: wordcount.");
    }

    [Fact]
    public async Task CreateSavepoint_BadName_Returns400Problem()
    {
        using var response = await _http.PostAsJsonAsync("/jobs/wordcount/savepoints", new CreateSavepointRequest("a/b"), s_json.CreateSavepointRequest);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Savepoint name 'a/b' may hold only letters, digits, '-', '_' and '.'.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"name": "  "}""")]
    public async Task CreateSavepoint_NoName_Returns400Problem(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("/jobs/wordcount/savepoints", content);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, """The request body must name the savepoint: {"name": "<savepoint name>"}.""");
    }

    [Fact]
    public async Task CreateSavepoint_NotJson_Returns400ProblemSayingWhatIsExpected()
    {
        using var content = new StringContent("name=v1", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("/jobs/wordcount/savepoints", content);
        var detail = await AssertProblemAsync(response, HttpStatusCode.BadRequest, expectedDetail: null);
        Assert.StartsWith("""The request body is not valid JSON of the form {"name": "<savepoint name>"}: """, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListSavepoints_AfterCreate_ReturnsThem()
    {
        (await _http.PostAsJsonAsync("/jobs/wordcount/savepoints", new CreateSavepointRequest("v2"), s_json.CreateSavepointRequest)).Dispose();
        (await _http.PostAsJsonAsync("/jobs/wordcount/savepoints", new CreateSavepointRequest("v1"), s_json.CreateSavepointRequest)).Dispose();
        using var response = await _http.GetAsync("/jobs/wordcount/savepoints");
        IReadOnlyList<SavepointView> expected = [FakeJobControl.Savepoint("v1"), FakeJobControl.Savepoint("v2")];
        await AssertJsonAsync(response, HttpStatusCode.OK, JsonSerializer.Serialize(expected, s_json.IReadOnlyListSavepointView));
    }

    [Fact]
    public async Task ListSavepoints_UnknownJob_Returns404Problem()
    {
        using var response = await _http.GetAsync("/jobs/nope/savepoints");
        await AssertProblemAsync(response, HttpStatusCode.NotFound, "No job 'nope' runs in this silo; its jobs: wordcount.");
    }

    [Fact]
    public async Task DeleteSavepoint_Existing_Returns204AndItIsGone()
    {
        (await _http.PostAsJsonAsync("/jobs/wordcount/savepoints", new CreateSavepointRequest("v1"), s_json.CreateSavepointRequest)).Dispose();
        using var response = await _http.DeleteAsync("/jobs/wordcount/savepoints/v1");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("[]", await _http.GetStringAsync("/jobs/wordcount/savepoints"));
    }

    [Fact]
    public async Task DeleteSavepoint_Unknown_Returns404Problem()
    {
        using var response = await _http.DeleteAsync("/jobs/wordcount/savepoints/nope");
        await AssertProblemAsync(response, HttpStatusCode.NotFound, "Job 'wordcount' has no savepoint 'nope'.");
    }

    [Fact]
    public async Task Stop_NoBody_Returns204()
    {
        using var response = await _http.PostAsync("/jobs/wordcount/stop", null);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Stop_WithSavepoint_Returns200WithTheSavepoint()
    {
        using var response = await _http.PostAsJsonAsync("/jobs/wordcount/stop", new StopJobRequest("final"), s_json.StopJobRequest);
        await AssertJsonAsync(response, HttpStatusCode.OK, JsonSerializer.Serialize(FakeJobControl.Savepoint("final"), s_json.SavepointView));
    }

    [Fact]
    public async Task Stop_AlreadyStopped_Returns409Problem()
    {
        (await _http.PostAsync("/jobs/wordcount/stop", null)).Dispose();
        using var response = await _http.PostAsync("/jobs/wordcount/stop", null);
        await AssertProblemAsync(response, HttpStatusCode.Conflict, "Job 'wordcount' is stopped.");
    }

    [Fact]
    public async Task Stop_UnknownJob_Returns404Problem()
    {
        using var response = await _http.PostAsync("/jobs/nope/stop", null);
        await AssertProblemAsync(response, HttpStatusCode.NotFound, "No job 'nope' runs in this silo; its jobs: wordcount.");
    }

    [Theory]
    [InlineData("the", true)]
    [InlineData("missing", false)]
    public async Task GetState_KnownOperator_ReturnsTheValue(string key, bool found)
    {
        using var response = await _http.GetAsync($"/jobs/wordcount/operators/count/state/{key}");
        var expected = new StateValueView("count", key, "count", found, found ? "42" : null);
        await AssertJsonAsync(response, HttpStatusCode.OK, JsonSerializer.Serialize(expected, s_json.StateValueView));
    }

    [Theory]
    [InlineData("and/or")]
    [InlineData("100%")]
    [InlineData("a%2Fb")]
    [InlineData("naïve?#")]
    public async Task GetState_KeyWithReservedCharacters_ReachesTheJobUnchanged(string key)
    {
        using var response = await _http.GetAsync($"/jobs/wordcount/operators/count/state/{Uri.EscapeDataString(key)}?state=count");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(key, _api.Jobs.LastKey);
    }

    [Fact]
    public async Task GetState_UnknownOperator_Returns404Problem()
    {
        using var response = await _http.GetAsync("/jobs/wordcount/operators/nope/state/the");
        await AssertProblemAsync(response, HttpStatusCode.NotFound, "Job 'wordcount' has no keyed operator 'nope'; its keyed operators: count.");
    }

    [Fact]
    public async Task GetState_UnknownStateName_Returns404Problem()
    {
        using var response = await _http.GetAsync("/jobs/wordcount/operators/count/state/the?state=sum");
        await AssertProblemAsync(response, HttpStatusCode.NotFound, "Operator 'count' has no state 'sum'; its states: count.");
    }

    [Fact]
    public async Task GetState_StoppedJob_Returns409Problem()
    {
        (await _http.PostAsync("/jobs/wordcount/stop", null)).Dispose();
        using var response = await _http.GetAsync("/jobs/wordcount/operators/count/state/the");
        await AssertProblemAsync(response, HttpStatusCode.Conflict, "Job 'wordcount' is stopped.");
    }

    [Fact]
    public async Task UnknownPath_Returns404ProblemListingTheEndpoints()
    {
        using var response = await _http.GetAsync("/jobs/wordcount/nothing");
        await AssertProblemAsync(
            response,
            HttpStatusCode.NotFound,
            "No control API endpoint answers GET /jobs/wordcount/nothing; the endpoints are /jobs (GET lists, POST starts) and under /jobs/{jobId}/ (status, checkpoints, savepoints, stop, operators/{operatorId}/state/{key}).");
    }

    [Fact]
    public async Task WrongMethod_Returns405Problem()
    {
        using var response = await _http.DeleteAsync("/jobs/wordcount/status");
        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed, "The endpoint exists, but not for DELETE /jobs/wordcount/status.");
    }

    internal static async Task AssertJsonAsync(HttpResponseMessage response, HttpStatusCode status, string expectedJson)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expectedJson, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Asserts an RFC 7807 problem with the status and, unless null, the exact detail; returns the detail.</summary>
    internal static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? expectedDetail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        if (expectedDetail is not null)
        {
            Assert.Equal(expectedDetail, detail);
        }

        return detail;
    }
}
