using Azure.Storage.Blobs;
using Grainflow.Grains.Jobs;
using Grainflow.Streaming.Api;
using Grainflow.Streaming.AzureBlob;
using Grainflow.Streaming.AzureBlob.Sinks;
using Grainflow.Streaming.Graph;
using Grainflow.Streaming.Sources;
using Grainflow.Streams.Log.Jobs;

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

    /// <summary>
    /// Parameter: the Orleans stream namespace to read (unbounded), as <c>&lt;provider&gt;/&lt;namespace&gt;</c> of a
    /// Grainflow log stream provider the silos host (<see cref="LogStreamAddress"/>), instead of
    /// <see cref="InputParameter"/>. Its events are lines (strings).
    /// </summary>
    public const string InputStreamParameter = "input-stream";

    /// <summary>Parameter: the directory committed output files go to.</summary>
    public const string OutputParameter = "output";

    /// <summary>
    /// Parameter: the Orleans stream namespace the output lines go to, read-committed, as
    /// <c>&lt;provider&gt;/&lt;namespace&gt;</c>, instead of <see cref="OutputParameter"/>. Each counting task writes one
    /// stream, keyed <c>counts-stream-&lt;task index&gt;</c>.
    /// </summary>
    public const string OutputStreamParameter = "output-stream";

    /// <summary>
    /// Parameter: an Azure Storage connection string whose container receives the output as committed blobs
    /// (<c>&lt;job id&gt;/part-counts-&lt;task&gt;-&lt;epoch&gt;.txt</c>), instead of <see cref="OutputParameter"/>. A secret.
    /// </summary>
    public const string OutputStoreParameter = "output-store";

    /// <summary>
    /// Parameter: the account's blob endpoint or a container's URL, reached with Microsoft Entra (<c>DefaultAzureCredential</c>),
    /// instead of <see cref="OutputStoreParameter"/>.
    /// </summary>
    public const string OutputStoreUrlParameter = "output-store-url";

    /// <summary>Parameter: the container of <see cref="OutputStoreParameter"/> or of an account's <see cref="OutputStoreUrlParameter"/>.</summary>
    public const string OutputContainerParameter = "output-container";

    /// <summary>The container the output blobs go to unless <see cref="OutputContainerParameter"/> names another.</summary>
    public const string DefaultOutputContainer = "grainflow-output";

    /// <summary>Parameter: the number of counting tasks (default 2).</summary>
    public const string ParallelismParameter = JobSpec.ParallelismParameter;

    /// <summary>The id of the counting operator (names its state in checkpoints).</summary>
    public const string CountOperatorId = "count";

    /// <summary>The name of the per-word count state.</summary>
    public const string CountStateName = "count";

    /// <summary>
    /// The job definition registered on every silo: builds the graph from the parameters <see cref="InputParameter"/>,
    /// <see cref="InputLogParameter"/> or <see cref="InputStreamParameter"/>; <see cref="OutputParameter"/>,
    /// <see cref="OutputStreamParameter"/>, <see cref="OutputStoreParameter"/> or <see cref="OutputStoreUrlParameter"/>
    /// (with <see cref="OutputContainerParameter"/>); and <see cref="ParallelismParameter"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter is missing or malformed, or a stream provider is not hosted.</exception>
    public static JobGraph Define(JobDefinitionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = new StreamJobBuilder(context.JobId) { Parallelism = context.Count(ParallelismParameter, 2) };
        DataStream<string> lines;
        if (context.Optional(InputStreamParameter) is { } inputStream)
        {
            var input = LogStreamAddress.Parse(inputStream);
            lines = job.ReadOrleansStream<string>("stream-lines", context.Services, input.Provider, input.Namespace);
        }
        else if (context.Optional(InputLogParameter) is { } logDirectory)
        {
            lines = ReadLogLines(job, SegmentLog.Open(logDirectory, new SegmentLogOptions { CreateIfMissing = true }));
        }
        else
        {
            lines = job.ReadTextFile("lines", context.Required(InputParameter));
        }

        var counts = CountWords(lines);
        if (context.Optional(OutputStreamParameter) is { } outputStream)
        {
            var output = LogStreamAddress.Parse(outputStream);
            counts.Map(static line => line.ToLine()).SinkToOrleansStream("counts-stream", context.Services, output.Provider, output.Namespace);
        }
        else if (OutputContainer(context) is { } container)
        {
            // The job id is the prefix, so that several jobs can share a container.
            counts.SinkToBlobs("counts", container, context.JobId, WordCountLine.Format);
        }
        else
        {
            counts.SinkToTextFiles("counts", context.Required(OutputParameter), WordCountLine.Format);
        }

        return job.Build();
    }

    /// <summary>Defines the job reading the text file <paramref name="inputPath"/> (bounded) and writing to <paramref name="outputDirectory"/>.</summary>
    public static JobGraph Build(string inputPath, string outputDirectory, int parallelism, string jobId = JobId)
    {
        var job = new StreamJobBuilder(jobId) { Parallelism = parallelism };
        CountWords(job.ReadTextFile("lines", inputPath)).SinkToTextFiles("counts", outputDirectory, WordCountLine.Format);
        return job.Build();
    }

    /// <summary>
    /// Defines the job reading UTF-8 lines from the records of <paramref name="log"/> (unbounded: it runs until
    /// stopped) and writing to <paramref name="outputDirectory"/>.
    /// </summary>
    public static JobGraph BuildFromLog(IReplayableLog log, string outputDirectory, int parallelism, string jobId = JobId)
    {
        var job = new StreamJobBuilder(jobId) { Parallelism = parallelism };
        CountWords(ReadLogLines(job, log)).SinkToTextFiles("counts", outputDirectory, WordCountLine.Format);
        return job.Build();
    }

    /// <summary>The output container <see cref="OutputStoreParameter"/> or <see cref="OutputStoreUrlParameter"/> names, or null. Makes no request.</summary>
    private static BlobContainerClient? OutputContainer(JobDefinitionContext context)
    {
        var containerName = context.Optional(OutputContainerParameter) ?? DefaultOutputContainer;
        if (context.Optional(OutputStoreParameter) is { } connectionString)
        {
            return BlobCheckpointContainer.FromConnectionString(connectionString, containerName);
        }

        if (context.Optional(OutputStoreUrlParameter) is not { } url)
        {
            return null;
        }

        var uri = new Uri(url);
        var namesContainer = !string.IsNullOrEmpty(new BlobUriBuilder(uri).BlobContainerName);
        return BlobCheckpointContainer.FromUri(uri, namesContainer ? null : containerName);
    }

    private static DataStream<string> ReadLogLines(StreamJobBuilder job, IReplayableLog log) =>
        job.ReadLogLines("log-lines", log, bounded: false);

    private static DataStream<WordCountLine> CountWords(DataStream<string> lines) =>
        lines
            .FlatMap<string>(WordSplitter.Split)
            .KeyBy(static word => word)
            .Process(CountOperatorId, static () => new RunningCountFunction());
}
