using System.Text;
using Grainflow.Grains.Hosting;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.Tests.Protocol;
using Grainflow.Grains.WordCount;
using Grainflow.Streaming.Api;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Sources;

namespace Grainflow.Grains.Tests.Cluster;

/// <summary>The job definitions and storage kinds every test silo registers, and the specs that start them.</summary>
internal static class TestJobs
{
    public const string ProtocolDefinition = "protocol";
    public const string TwoStageDefinition = "protocol-two-stage";
    public const string TimersDefinition = "timers";
    public const string WordCountLogDefinition = "wordcount-memory-log";
    public const string TestStorageKind = "test";

    public static void Register(GrainflowOptions options)
    {
        options.AddJob(WordCountJob.DefinitionName, WordCountJob.Define);
        options.AddJob(ProtocolDefinition, context => ProtocolJob.BuildWordCount(
            context.JobId,
            TestObjects.Get<IReplayableLog>(context.Required("log")),
            context.Required("output"),
            context.Count("parallelism", 2),
            bounded: context.Optional("bounded") != "false"));
        options.AddJob(TwoStageDefinition, context => ProtocolJob.BuildTwoStageWordCount(
            context.JobId, TestObjects.Get<IReplayableLog>(context.Required("log")), context.Required("output"), context.Count("parallelism", 2)));
        options.AddJob(WordCountLogDefinition, context => WordCountJob.BuildFromLog(
            TestObjects.Get<IReplayableLog>(context.Required("log")), context.Required("output"), context.Count("parallelism", 2), context.JobId));
        options.AddJob(TimersDefinition, context =>
        {
            var probe = TestObjects.Get<TimerProbe>(context.Required("probe"));
            var builder = new StreamJobBuilder(context.JobId) { Parallelism = 2 };
            builder.ReadLog("keys", TestObjects.Get<IReplayableLog>(context.Required("log")), static bytes => Encoding.UTF8.GetString(bytes.Span), bounded: false)
                .KeyBy(static key => key)
                .Process("echo", () => new DelayedEchoFunction(probe))
                .SinkToTextFiles("timers", context.Required("output"), static (line, destination) => line.TryCopyTo(destination) ? line.Length : -1);
            return builder.Build();
        });
        options.AddCheckpointStorage(TestStorageKind, (_, location) => TestObjects.Get<ICheckpointStorage>(location.Address));
    }

    /// <summary>A location the test silos open as <paramref name="storage"/> itself.</summary>
    public static CheckpointLocation Location(ICheckpointStorage storage) => new(TestStorageKind, TestObjects.Add(storage));

    public static JobSpec WordCount(string input, string output, CheckpointLocation checkpoints, JobOptions options, int parallelism = 2) => new(
        WordCountJob.DefinitionName,
        WordCountJob.JobId,
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [WordCountJob.InputParameter] = input,
            [WordCountJob.OutputParameter] = output,
            [WordCountJob.ParallelismParameter] = parallelism.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        checkpoints,
        options);

    /// <summary>The wordcount job (id "wordcount") over an in-memory log, unbounded.</summary>
    public static JobSpec WordCountOverLog(
        IReplayableLog log, string output, CheckpointLocation checkpoints, JobOptions options, SavepointSource? savepoint = null, string jobId = WordCountJob.JobId) => new(
        WordCountLogDefinition,
        jobId,
        new Dictionary<string, string>(StringComparer.Ordinal) { ["log"] = TestObjects.Add(log), ["output"] = output },
        checkpoints,
        options,
        savepoint);

    public static JobSpec Timers(string jobId, IReplayableLog log, TimerProbe probe, string output, CheckpointLocation checkpoints, JobOptions options) => new(
        TimersDefinition,
        jobId,
        new Dictionary<string, string>(StringComparer.Ordinal) { ["log"] = TestObjects.Add(log), ["probe"] = TestObjects.Add(probe), ["output"] = output },
        checkpoints,
        options);

    public static JobSpec TwoStage(string jobId, IReplayableLog log, string output, CheckpointLocation checkpoints, JobOptions options) => new(
        TwoStageDefinition,
        jobId,
        new Dictionary<string, string>(StringComparer.Ordinal) { ["log"] = TestObjects.Add(log), ["output"] = output },
        checkpoints,
        options);

    public static JobSpec Protocol(
        string jobId, IReplayableLog log, string output, CheckpointLocation checkpoints, JobOptions options, int parallelism = 2, bool bounded = true) => new(
        ProtocolDefinition,
        jobId,
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["log"] = TestObjects.Add(log),
            ["output"] = output,
            ["parallelism"] = parallelism.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["bounded"] = bounded ? "true" : "false",
        },
        checkpoints,
        options);
}
