using Grainflow.Streaming.Graph;
using Grainflow.Streaming.KeyGroups;

namespace Grainflow.Streaming.Api;

/// <summary>A stream partitioned by key, ready for a keyed operator.</summary>
public sealed class KeyedStream<TKey, T>
    where TKey : notnull
{
    private readonly DataStream<T> _input;
    private readonly Func<T, TKey> _keySelector;
    private readonly IKeyHasher<TKey> _hasher;

    internal KeyedStream(DataStream<T> input, Func<T, TKey> keySelector, IKeyHasher<TKey> hasher)
    {
        _input = input;
        _keySelector = keySelector;
        _hasher = hasher;
    }

    /// <summary>
    /// Runs <paramref name="functionFactory"/>'s function per key in the operator <paramref name="operatorId"/>
    /// (a stable id: it names the operator's state in checkpoints), with <paramref name="parallelism"/> tasks.
    /// </summary>
    public DataStream<TOut> Process<TOut>(string operatorId, Func<KeyedProcessFunction<TKey, T, TOut>> functionFactory, int? parallelism = null)
    {
        ArgumentNullException.ThrowIfNull(functionFactory);
        var job = _input.Job;
        var vertex = new KeyedVertex<TKey, T, TOut>(
            job.ValidateId(operatorId), parallelism ?? job.Parallelism, job.MaxParallelism, _keySelector, _hasher, functionFactory);
        if (vertex.Parallelism < 1 || vertex.Parallelism > job.MaxParallelism)
        {
            throw new ArgumentOutOfRangeException(nameof(parallelism), vertex.Parallelism, $"Parallelism must be between 1 and the job's MaxParallelism ({job.MaxParallelism}).");
        }

        vertex.Input = _input.Vertex;
        _input.End(new ExchangeDefinition<T, TKey>(vertex, _keySelector, _hasher));
        job.Add(vertex);
        return new DataStream<TOut>(job, vertex, next => next);
    }
}
