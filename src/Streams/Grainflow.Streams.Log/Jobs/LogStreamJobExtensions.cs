using Grainflow.Streaming.Api;
using Grainflow.Streaming.Sources.Readers;

namespace Grainflow.Streams.Log.Jobs;

/// <summary>
/// Connects stream jobs to the Grainflow log stream provider: a source that reads the events Orleans code appended
/// with <c>IAsyncStream&lt;T&gt;.OnNextAsync</c>, exactly once, and a sink whose output Orleans consumers receive
/// only once the checkpoint that covers it has completed. Every silo that runs the job must host the provider.
/// </summary>
public static class LogStreamJobExtensions
{
    /// <summary>
    /// Reads the events of every stream in <paramref name="streamNamespace"/> of the log stream provider
    /// <paramref name="providerName"/> hosted by this silo: one source task per partition, reading the partition's
    /// durable records directly (not through Orleans' pulling agents). Unbounded: the job runs until stopped.
    /// </summary>
    /// <remarks>
    /// <para>A partition's offsets count its records (appends) from 0; a read takes whole records, so a checkpoint's
    /// barrier always falls between two records, and the checkpoint records each partition's offset. Recovery reopens
    /// each partition at that offset: every event of the namespace reaches the job's state and committed output exactly
    /// once, whatever fails in between. The events of one stream keep their order (a stream lives in one partition);
    /// records of other namespaces are read and skipped.</para>
    /// <para>A record that cannot be processed (an event that is not a <typeparamref name="T"/>, a function that throws)
    /// fails the job's attempt, which rolls back to its last checkpoint and retries within its restart strategy: it is
    /// never skipped, and Orleans' <c>MaxEventDeliveryTime</c> does not apply.</para>
    /// </remarks>
    /// <param name="job">The job being defined.</param>
    /// <param name="sourceId">The source's operator id: stable, unique in the job.</param>
    /// <param name="services">The hosting silo's services (<c>JobDefinitionContext.Services</c>).</param>
    /// <param name="providerName">The provider's name, as registered with <c>AddGrainflowLogStreams</c>.</param>
    /// <param name="streamNamespace">The namespace whose streams the job reads.</param>
    /// <exception cref="ArgumentException">This silo hosts no log stream provider of that name.</exception>
    public static DataStream<T> ReadOrleansStream<T>(
        this StreamJobBuilder job, string sourceId, IServiceProvider services, string providerName, string streamNamespace)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrEmpty(streamNamespace);
        var provider = LogStreamProviderServices.Resolve(services, providerName);
        var factory = new LogSourceFactory<T>(
            provider.Store.Log,
            new LogStreamEventDecoder<T>(provider.Serializer, streamNamespace),
            bounded: false,
            description: $"orleans-stream:{provider.ProviderName}/{streamNamespace}");
        return job.AddSource(sourceId, factory);
    }

    /// <summary>
    /// Appends every record to a stream of <paramref name="streamNamespace"/> of the log stream provider
    /// <paramref name="providerName"/>, read-committed: records that came before the barrier of checkpoint N are
    /// appended only once checkpoint N has completed, so the provider's consumers (grains subscribed to the namespace)
    /// receive each record exactly once and never one that a failure could still take back.
    /// </summary>
    /// <remarks>
    /// <para>Each sink task stages its epoch in a file under the provider's directory and, when the checkpoint
    /// completes, appends it as an idempotent producer (id <c>&lt;job&gt;/&lt;sink&gt;/&lt;task&gt;</c>, numbered by
    /// epoch): a commit repeated after a crash or a failed append (recovery commits the staged epochs the restored
    /// checkpoint covers) stores nothing twice. Epochs reach consumers in order, each as one or more appends of up to
    /// <see cref="GrainflowLogStreamOptions.MaxEventsPerContainer"/> events per stream.</para>
    /// <para>Output therefore lags by up to one checkpoint interval.</para>
    /// </remarks>
    /// <param name="stream">The records to write; each one must be serializable by Orleans.</param>
    /// <param name="sinkId">The sink's id: ASCII letters, digits, '-', '_' and '.'; stable across runs.</param>
    /// <param name="services">The hosting silo's services (<c>JobDefinitionContext.Services</c>).</param>
    /// <param name="providerName">The provider's name, as registered with <c>AddGrainflowLogStreams</c>.</param>
    /// <param name="streamNamespace">The namespace of the streams the records go to.</param>
    /// <param name="streamKey">
    /// The key of each record's stream (its order is kept per stream); null puts each sink task's records in one
    /// stream, keyed <c>&lt;sinkId&gt;-&lt;task index&gt;</c>.
    /// </param>
    /// <exception cref="ArgumentException">This silo hosts no log stream provider of that name, or the sink id is invalid.</exception>
    public static void SinkToOrleansStream<T>(
        this DataStream<T> stream, string sinkId, IServiceProvider services, string providerName, string streamNamespace, Func<T, string>? streamKey = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(streamNamespace);
        var provider = LogStreamProviderServices.Resolve(services, providerName);
        stream.End(new LogStreamSinkDefinition<T>(stream.Job.JobId, sinkId, provider, streamNamespace, streamKey));
    }
}
