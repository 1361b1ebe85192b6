using Grainflow.Streaming.Graph;
using Grainflow.Streaming.KeyGroups;
using Grainflow.Streaming.Tasks;

namespace Grainflow.Streaming.Api;

/// <summary>
/// A stream of records of type <typeparamref name="T"/> in a job being defined. Stateless operators are
/// chained into the tasks of the vertex that produces the stream; <see cref="KeyBy{TKey}(Func{T, TKey}, IKeyHasher{TKey}?)"/>
/// starts a keyed operator in tasks of its own.
/// </summary>
public sealed class DataStream<T>
{
    private readonly StreamJobBuilder _job;
    private readonly JobVertex _vertex;
    private readonly Func<ICollector<T>, object> _chain;

    internal DataStream(StreamJobBuilder job, JobVertex vertex, Func<ICollector<T>, object> chain)
    {
        _job = job;
        _vertex = vertex;
        _chain = chain;
    }

    /// <summary>Transforms each record.</summary>
    public DataStream<TOut> Map<TOut>(Func<T, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Then<TOut>(next => new MapCollector<T, TOut>(map, next));
    }

    /// <summary>Keeps the records that satisfy <paramref name="predicate"/>.</summary>
    public DataStream<T> Filter(Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Then<T>(next => new FilterCollector<T>(predicate, next));
    }

    /// <summary>Emits any number of records per record.</summary>
    public DataStream<TOut> FlatMap<TOut>(Action<T, ICollector<TOut>> flatMap)
    {
        ArgumentNullException.ThrowIfNull(flatMap);
        return Then<TOut>(next => new FlatMapCollector<T, TOut>(flatMap, next));
    }

    /// <summary>Partitions the stream by key; <paramref name="hasher"/> is needed for key types other than string, int, long and Guid.</summary>
    public KeyedStream<TKey, T> KeyBy<TKey>(Func<T, TKey> keySelector, IKeyHasher<TKey>? hasher = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(keySelector);
        return new KeyedStream<TKey, T>(this, keySelector, hasher ?? KeyHashers.For<TKey>());
    }

    /// <summary>Writes each record as a line to the exactly-once file sink <paramref name="sinkId"/> in <paramref name="directory"/>.</summary>
    public void SinkToTextFiles(string sinkId, string directory, LineFormatter<T> formatter)
    {
        ArgumentException.ThrowIfNullOrEmpty(sinkId);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(formatter);
        End(new FileSinkDefinition<T>(sinkId, Path.GetFullPath(directory), formatter));
    }

    internal StreamJobBuilder Job => _job;

    internal JobVertex Vertex => _vertex;

    /// <summary>Ends this stream's chain in <paramref name="terminal"/>.</summary>
    internal void End(TerminalDefinition terminal)
    {
        if (_vertex.Terminal is not null)
        {
            throw new InvalidOperationException(
                $"The output of '{_vertex.Id}' is already used; a stream can feed one keyed operator or sink (fan-out is not supported yet).");
        }

        _vertex.Terminal = terminal;
        _vertex.Chain = collector => _chain((ICollector<T>)collector);
    }

    private DataStream<TOut> Then<TOut>(Func<ICollector<TOut>, ICollector<T>> wrap) =>
        new(_job, _vertex, next => _chain(wrap(next)));
}
