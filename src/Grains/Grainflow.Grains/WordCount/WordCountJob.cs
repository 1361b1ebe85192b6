using System.Text;
using Grainflow.Streaming.Api;
using Grainflow.Streaming.Graph;
using Grainflow.Streaming.Sources;

namespace Grainflow.Grains.WordCount;

/// <summary>
/// The sample job behind <c>grainflow-silo wordcount</c>. Words are the maximal runs of non-whitespace
/// characters of each line, lower-cased with the invariant culture; for every occurrence the job emits
/// "word&lt;TAB&gt;running count". An exactly-once run's committed output therefore holds, for each word, the
/// counts 1..n once each.
/// </summary>
public static class WordCountJob
{
    /// <summary>The job id: a checkpoint directory of another job is refused.</summary>
    public const string JobId = "wordcount";

    /// <summary>The id of the counting operator (names its state in checkpoints).</summary>
    public const string CountOperatorId = "count";

    /// <summary>The name of the per-word count state.</summary>
    public const string CountStateName = "count";

    /// <summary>Defines the job reading the text file <paramref name="inputPath"/> (bounded) and writing to <paramref name="outputDirectory"/>.</summary>
    public static JobGraph Build(string inputPath, string outputDirectory, int parallelism)
    {
        var job = new StreamJobBuilder(JobId) { Parallelism = parallelism };
        return Count(job, job.ReadTextFile("lines", inputPath), outputDirectory);
    }

    /// <summary>
    /// Defines the job reading UTF-8 lines from the records of <paramref name="log"/> (unbounded: it runs until
    /// stopped) and writing to <paramref name="outputDirectory"/>.
    /// </summary>
    public static JobGraph BuildFromLog(IReplayableLog log, string outputDirectory, int parallelism)
    {
        var job = new StreamJobBuilder(JobId) { Parallelism = parallelism };
        return Count(job, job.ReadLog("log-lines", log, static record => Encoding.UTF8.GetString(record.Span), bounded: false), outputDirectory);
    }

    private static JobGraph Count(StreamJobBuilder job, DataStream<string> lines, string outputDirectory)
    {
        lines
            .FlatMap<string>(WordSplitter.Split)
            .KeyBy(static word => word)
            .Process(CountOperatorId, static () => new RunningCountFunction())
            .SinkToTextFiles("counts", outputDirectory, WordCountLine.Format);
        return job.Build();
    }
}
