using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grainflow.Interfaces.Control;

namespace Grainflow.Silo.Tests.Control;

/// <summary>
/// POST /jobs and GET /jobs of a real silo (in this process): the wordcount definition started from its options,
/// run to its end exactly once, started again over its checkpoints (it resumes), refused with a one-line problem
/// for every bad request; a running job started again is a conflict, and a stopped one is listed as stopped.
/// </summary>
public sealed class JobsEndpointTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private static readonly ControlJsonContext s_json = ControlJsonContext.Default;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PostJobs_WordCountOverAFile_RunsToTheEndExactlyOnceAndAgainResumesFromItsCheckpoints()
    {
        using var dir = new TempDirectory();
        var lines = Enumerable.Range(0, 2_000).Select(i => $"Alpha beta{i % 13} gamma{i % 5}").ToList();
        var input = dir.Sub("input.txt");
        await File.WriteAllLinesAsync(input, lines);
        var options = new Dictionary<string, string>
        {
            ["input"] = input,
            ["output"] = dir.Sub("out"),
            ["checkpoint-dir"] = dir.Sub("chk"),
            ["checkpoint-interval"] = "50ms",
            ["parallelism"] = "3",
        };
        using var http = silo.CreateClient();

        var first = await StartAsync(http, new StartJobRequest("wordcount", "wc-file", options), HttpStatusCode.Created);
        var finished = await WaitForJobAsync(http, "wc-file", j => j.State != JobStates.Running);
        var again = await StartAsync(http, new StartJobRequest("wordcount", "wc-file", options), HttpStatusCode.Created);
        var finishedAgain = await WaitForJobAsync(http, "wc-file", j => j.State != JobStates.Running && j.StartedAt > finished.StartedAt);

        Assert.Equal(("wc-file", "wordcount", null), (first.JobId, first.Definition, first.ResumedFrom));
        Assert.Equal(JobStates.Finished, finished.State);
        Assert.StartsWith("All input consumed; final checkpoint ", finished.Message, StringComparison.Ordinal);
        Assert.NotNull(finished.EndedAt);
        Assert.StartsWith("checkpoint ", again.ResumedFrom, StringComparison.Ordinal);
        Assert.Equal(JobStates.Finished, finishedAgain.State);
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(lines), await ReadOutputAsync(dir.Sub("out"))));
    }

    [Fact]
    public async Task PostJobs_RunningJobAgain_Returns409AndAStoppedJobIsListedStopped()
    {
        using var dir = new TempDirectory();
        var options = new Dictionary<string, string> { ["input-log"] = dir.Sub("log"), ["output"] = dir.Sub("out"), ["checkpoint-dir"] = dir.Sub("chk") };
        using var http = silo.CreateClient();

        var started = await StartAsync(http, new StartJobRequest("wordcount", "wc-log", options), HttpStatusCode.Created);
        using var again = await http.PostAsJsonAsync("/jobs", new StartJobRequest("wordcount", "wc-log", options), s_json.StartJobRequest);
        var conflict = await DetailAsync(again);
        using var stop = await http.PostAsync("/jobs/wc-log/stop", null);
        var stopped = await WaitForJobAsync(http, "wc-log", j => j.State != JobStates.Running);

        Assert.Null(started.ResumedFrom);
        Assert.Equal((HttpStatusCode.Conflict, "Job 'wc-log' is already running; stop it first."), (again.StatusCode, conflict));
        Assert.Equal(HttpStatusCode.NoContent, stop.StatusCode);
        Assert.Equal((JobStates.Stopped, "Stopped on request after a final checkpoint."), (stopped.State, stopped.Message));
    }

    [Fact]
    public async Task PostJobs_BadRequests_Return400SayingWhatToFix()
    {
        using var dir = new TempDirectory();
        var missing = dir.Sub("missing.txt");
        Dictionary<string, string> Options(params (string Name, string Value)[] more)
        {
            var options = new Dictionary<string, string> { ["input"] = missing, ["output"] = dir.Sub("out"), ["checkpoint-dir"] = dir.Sub("chk") };
            foreach (var (name, value) in more)
            {
                options[name] = value;
            }

            return options;
        }

        (StartJobRequest Request, string Detail)[] cases =
        [
            (new("wordcount", "bad", Options()), $"--input '{missing}' does not exist; pass an existing, readable UTF-8 text file."),
            (new("wordcount", "bad", Options(("colour", "red"))),
                "The wordcount job has no option 'colour'; its options: input, input-log, input-stream, output, output-stream, output-store, output-store-url, output-container, " +
                "checkpoint-dir, checkpoint-store, checkpoint-store-url, " +
                "checkpoint-container, checkpoint-interval, parallelism, from-savepoint, allow-non-restored-state, allow-duplicate-output."),
            (new("wordcount", "bad", new Dictionary<string, string> { ["input"] = missing, ["checkpoint-dir"] = dir.Sub("chk") }), "Pass where the committed output goes: '--output <dir>', '--output-stream <provider>/<namespace>', '--output-store <connection-string>' or '--output-store-url <url>'."),
            (new("wordcount", "bad", Options(("output-store", "UseDevelopmentStorage=true"))), "Options '--output' and '--output-store' exclude each other; pass one of them."),
            (new("wordcount", "bad", Options(("output-container", "mine"))), "Option '--output-container' applies only with '--output-store' or '--output-store-url'."),
            (new("wordcount", "bad", Options(("parallelism", "0"))), "Option '--parallelism' expects a whole number from 1 to 128, not '0'."),
            (new("wordcount", "bad", Options(("input-log", dir.Sub("log")))), "Options '--input' and '--input-log' exclude each other; pass one of them."),
            (new("wordcount", "bad", Options(("allow-duplicate-output", "yes"))), "Option '--allow-duplicate-output' is a switch: 'true' or 'false', not 'yes'."),
            (new("wordcount", "bad", new Dictionary<string, string> { ["input"] = missing, ["output"] = dir.Sub("out") }),
                "Pass where checkpoints go: '--checkpoint-dir <dir>', '--checkpoint-store <connection-string>' or '--checkpoint-store-url <url>'."),
            (new("nope"), "No job definition named 'nope' can be started on this cluster (startable: wordcount)."),
        ];
        using var http = silo.CreateClient();

        foreach (var (request, detail) in cases)
        {
            using var response = await http.PostAsJsonAsync("/jobs", request, s_json.StartJobRequest);
            Assert.Equal((HttpStatusCode.BadRequest, detail), (response.StatusCode, await DetailAsync(response)));
        }

        Assert.DoesNotContain(await ListAsync(http), j => j.JobId == "bad");
    }

    private static async Task<StartedJobView> StartAsync(HttpClient http, StartJobRequest request, HttpStatusCode expected)
    {
        using var response = await http.PostAsJsonAsync("/jobs", request, s_json.StartJobRequest);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonSerializer.Deserialize(body, s_json.StartedJobView)!;
    }

    private static async Task<IReadOnlyList<JobSummaryView>> ListAsync(HttpClient http) =>
        (await http.GetFromJsonAsync("/jobs", s_json.IReadOnlyListJobSummaryView))!;

    private static async Task<JobSummaryView> WaitForJobAsync(HttpClient http, string jobId, Func<JobSummaryView, bool> condition)
    {
        using var deadline = new CancellationTokenSource(s_deadline);
        while (true)
        {
            var job = (await ListAsync(http)).SingleOrDefault(j => j.JobId == jobId);
            if (job is not null && condition(job))
            {
                return job;
            }

            Assert.False(deadline.IsCancellationRequested, $"Job {jobId} did not get there within {s_deadline}; last listed: {job}.");
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("detail").GetString();
    }

    private static async Task<List<string>> ReadOutputAsync(string directory)
    {
        var lines = new List<string>();
        await foreach (var line in Grainflow.Streaming.Sinks.CommittedOutputReader.ReadLinesAsync(directory))
        {
            lines.Add(line);
        }

        return lines;
    }
}
