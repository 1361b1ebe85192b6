using System.Text;
using Grainflow.Grains.Jobs;
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

    /// <summary>The name the definition is registered under.</summary>
    public const string DefinitionName = "wordcount";

    /// <summary>Parameter: the UTF-8 text file to read (bounded).</summary>
    public const string InputParameter = "input";

    /// <summary>Parameter: the segment log directory to read (unbounded), instead of <see cref="InputParameter"/>.</summary>
    public const string InputLogParameter = "input-log";

    /// <summary>Parameter: the directory committed output files go to.</summary>
    public const string OutputParameter = "output";

    /// <summary>Parameter: the number of counting tasks (default 2).</summary>
    public const string ParallelismParameter = "parallelism";

    /// <summary>The id of the counting operator (names its state in checkpoints).</summary>
    public const string CountOperatorId = "count";

    /// <summary>The name of the per-word count state.</summary>
    public const string CountStateName = "count";

    /// <summary>
    /// The job definition registered on every silo: builds the graph from the parameters <see cref="InputParameter"/>
    /// or <see cref="InputLogParameter"/>, <see cref="OutputParameter"/> and <see cref="ParallelismParameter"/>.
    /// </summary>
    public static JobGraph Define(JobDefinitionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = context.Required(OutputParameter);
        var parallelism = context.Count(ParallelismParameter, 2);
        if (context.Optional(InputLogParameter) is { } logDirectory)
        {
            var log = SegmentLog.Open(logDirectory, new SegmentLogOptions { CreateIfMissing = true });
            return BuildFromLog(log, output, parallelism, context.JobId);
        }

        return Build(context.Required(InputParameter), output, parallelism, context.JobId);
    }

    /// <summary>Defines the job reading the text file <paramref name="inputPath"/> (bounded) and writing to <paramref name="outputDirectory"/>.</summary>
    public static JobGraph Build(string inputPath, string outputDirectory, int parallelism, string jobId = JobId)
    {
        var job = new StreamJobBuilder(jobId) { Parallelism = parallelism };
        return Count(job, job.ReadTextFile("lines", inputPath), outputDirectory);
    }

    /// <summary>
    /// Defines the job reading UTF-8 lines from the records of <paramref name="log"/> (unbounded: it runs until
    /// stopped) and writing to <paramref name="outputDirectory"/>.
    /// </summary>
    public static JobGraph BuildFromLog(IReplayableLog log, string outputDirectory, int parallelism, string jobId = JobId)
    {
        var job = new StreamJobBuilder(jobId) { Parallelism = parallelism };
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
