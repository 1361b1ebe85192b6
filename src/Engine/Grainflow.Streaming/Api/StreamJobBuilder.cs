using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Graph;
using Grainflow.Streaming.KeyGroups;
using Grainflow.Streaming.Sources;
using Grainflow.Streaming.Sources.Readers;

namespace Grainflow.Streaming.Api;

/// <summary>Defines a job: sources, operators and sinks, in C#. Build it once per run; ids must be stable across runs.</summary>
public sealed class StreamJobBuilder
{
    private readonly List<SourceVertex> _sources = [];
    private readonly List<KeyedVertex> _keyed = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    /// <summary>Starts a job named <paramref name="jobId"/> (letters, digits, '-', '_', '.').</summary>
    public StreamJobBuilder(string jobId)
    {
        CheckpointStorageLayout.ValidateName(jobId, nameof(jobId), "job id");
        JobId = jobId;
    }

    /// <summary>The job id: checkpoints of another job id are refused.</summary>
    public string JobId { get; }

    /// <summary>The number of key groups of every keyed operator; fixed for the life of the job's state. Default 128.</summary>
    public int MaxParallelism { get; init; } = KeyGroupAssignment.DefaultMaxParallelism;

    /// <summary>The default number of tasks of a keyed operator. Default: the number of cores.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Reads a UTF-8 text file line by line (bounded; invalid UTF-8 becomes U+FFFD and is counted).</summary>
    public DataStream<string> ReadTextFile(string sourceId, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return AddSource(sourceId, new TextFileSourceFactory(Path.GetFullPath(path)));
    }

    /// <summary>
    /// Reads every partition of a replayable log, one task per partition, decoding each record with
    /// <paramref name="decode"/>. A <paramref name="bounded"/> source ends at the log's end as of the start of the
    /// job; an unbounded one keeps polling for new records.
    /// </summary>
    public DataStream<T> ReadLog<T>(string sourceId, IReplayableLog log, Func<ReadOnlyMemory<byte>, T> decode, bool bounded)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(decode);
        return AddSource(sourceId, new LogSourceFactory<T>(log, decode, bounded));
    }

    /// <summary>
    /// Reads every partition of a replayable log whose records are lines of UTF-8 text, one task per partition. As with
    /// <see cref="ReadTextFile"/>, invalid UTF-8 becomes U+FFFD and is counted (<see cref="Execution.JobOutcome.InvalidInputCount"/>).
    /// A <paramref name="bounded"/> source ends at the log's end as of the start of the job; an unbounded one keeps polling.
    /// </summary>
    public DataStream<string> ReadLogLines(string sourceId, IReplayableLog log, bool bounded)
    {
        ArgumentNullException.ThrowIfNull(log);
        // The same description as ReadLog's: a job that switches to this keeps its topology, and with it its checkpoints.
        return AddSource(sourceId, new LogSourceFactory<string>(log, new Utf8LineRecordDecoder(), bounded, bounded ? "log-bounded" : "log"));
    }

    /// <summary>Validates the job and returns its graph.</summary>
    /// <exception cref="InvalidOperationException">The job has no source, or a stream that goes nowhere.</exception>
    public JobGraph Build()
    {
        if (_sources.Count == 0)
        {
            throw new InvalidOperationException($"Job '{JobId}' has no source.");
        }

        var dangling = _sources.Cast<JobVertex>().Concat(_keyed).Where(v => v.Terminal is null).Select(v => v.Id).ToList();
        if (dangling.Count > 0)
        {
            throw new InvalidOperationException($"The output of {string.Join(", ", dangling)} goes nowhere; end every stream in a keyed operator or a sink.");
        }

        return new JobGraph(JobId, _sources, _keyed);
    }

    internal string ValidateId(string id)
    {
        CheckpointStorageLayout.ValidateName(id, nameof(id), "operator id");
        if (!_ids.Add(id))
        {
            throw new ArgumentException($"Operator id '{id}' is used twice in job '{JobId}'; ids must be unique.", nameof(id));
        }

        return id;
    }

    internal void Add(KeyedVertex vertex) => _keyed.Add(vertex);

    /// <summary>Adds a source whose partitions <paramref name="factory"/> reads (sources defined outside the engine, such as Orleans streams).</summary>
    internal DataStream<T> AddSource<T>(string sourceId, ISourceFactory<T> factory)
    {
        var vertex = new SourceVertex<T>(ValidateId(sourceId), factory);
        _sources.Add(vertex);
        return new DataStream<T>(this, vertex, next => next);
    }
}
