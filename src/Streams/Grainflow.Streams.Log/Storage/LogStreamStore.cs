using Azure.Storage.Blobs;
using Grainflow.Streaming.AzureBlob;
using Grainflow.Streaming.AzureBlob.Logs;
using Grainflow.Streaming.Sources;
using Grainflow.Streams.Log.Jobs;
using Microsoft.Extensions.Logging;

namespace Grainflow.Streams.Log.Storage;

/// <summary>
/// Where one provider keeps what must outlive a silo: its partitions (a segment log in
/// <see cref="GrainflowLogStreamOptions.Directory"/>, or a <see cref="BlobLog"/> in the blob container), the pulling
/// agents' delivery marks, and its stream sinks' staged epochs and committed marks. Thread-safe; registered as a keyed
/// singleton under the provider's name.
/// </summary>
/// <remarks>
/// In a blob container every name starts with the provider's name: <c>&lt;provider&gt;/log/…</c> (the partitions),
/// <c>&lt;provider&gt;/delivered/…</c> and <c>&lt;provider&gt;/sink-staging/…</c>, so several providers may share a container.
/// A sink's epoch being written is a local scratch file of the silo (<see cref="ISinkStaging"/>).
/// </remarks>
internal sealed class LogStreamStore
{
    private const string DeliveryMarksDirectoryName = "delivered";
    private readonly Lazy<IReplayableLog> _log;
    private readonly Func<string, string, ISinkStaging> _sinkStaging;

    public LogStreamStore(string providerName, GrainflowLogStreamOptions options, ILoggerFactory loggerFactory)
    {
        ProviderName = providerName;
        Options = options;
        if (options.UsesBlobStorage)
        {
            var container = OpenContainer(providerName, options, loggerFactory);
            var objects = new BlobCheckpointStorage(container, new BlobCheckpointStorageOptions { Prefix = providerName }, loggerFactory.CreateLogger<BlobCheckpointStorage>());
            Location = $"blob container {container.Uri.GetLeftPart(UriPartial.Path)}";
            var objectLocation = $"{container.Uri.GetLeftPart(UriPartial.Path)}/{providerName}/";

            // Per silo and per run: what it holds is never needed after the silo stops (see ISinkStaging).
            var scratch = Path.Combine(Path.GetTempPath(), "grainflow-stream-scratch", Guid.NewGuid().ToString("N"));
            _log = new Lazy<IReplayableLog>(() => new BlobLog(container, new BlobLogOptions
            {
                PartitionCount = options.Partitions,
                SegmentSize = options.SegmentSize,
                Prefix = providerName + "/log",
            }));
            DeliveryMarks = new ObjectDeliveryMarks(objects);
            _sinkStaging = (jobId, sinkId) => new ObjectSinkStaging(objects, objectLocation, scratch, jobId, sinkId);
            return;
        }

        var directory = Path.GetFullPath(options.Directory ?? throw new InvalidOperationException(
            $"Grainflow log stream provider '{providerName}' has no storage: set {nameof(GrainflowLogStreamOptions)}.{nameof(GrainflowLogStreamOptions.Directory)} "
            + $"or {nameof(GrainflowLogStreamOptions.BlobConnectionString)}."));
        Directory = directory;
        Location = directory;
        _log = new Lazy<IReplayableLog>(
            () => SegmentLog.Open(directory, new SegmentLogOptions { PartitionCount = options.Partitions, SegmentSize = options.SegmentSize },
                loggerFactory.CreateLogger<SegmentLog>()),
            LazyThreadSafetyMode.ExecutionAndPublication);
        DeliveryMarks = new FileDeliveryMarks(Path.Combine(directory, DeliveryMarksDirectoryName));
        _sinkStaging = (jobId, sinkId) => new SinkStagingLayout(directory, jobId, sinkId);
    }

    public string ProviderName { get; }

    public GrainflowLogStreamOptions Options { get; }

    /// <summary>Gets the full path of the provider's directory; null when it keeps everything in a blob container.</summary>
    public string? Directory { get; }

    /// <summary>Gets where the provider keeps its data, for messages: a directory, or a container's URL (never a secret).</summary>
    public string Location { get; }

    /// <summary>
    /// Gets the partitions. A segment log is opened on first use, created when missing, and refuses a directory with
    /// another partition count; a blob log records or checks its partition count when its first writer opens.
    /// </summary>
    public IReplayableLog Log => _log.Value;

    public IDeliveryMarks DeliveryMarks { get; }

    /// <summary>The staging of the stream sink <paramref name="sinkId"/> of job <paramref name="jobId"/>.</summary>
    /// <exception cref="ArgumentException">The sink id is invalid.</exception>
    public ISinkStaging CreateSinkStaging(string jobId, string sinkId) => _sinkStaging(jobId, sinkId);

    private static BlobContainerClient OpenContainer(string providerName, GrainflowLogStreamOptions options, ILoggerFactory loggerFactory)
    {
        var clientOptions = options.BlobClientOptions
            ?? BlobCheckpointContainer.CreateClientOptions(loggerFactory.CreateLogger($"Grainflow.Streams.Log.Blob.{providerName}"));
        return options.BlobServiceUri is { } uri
            ? BlobCheckpointContainer.FromUri(uri, NamesContainer(uri) ? null : options.BlobContainerName, options.BlobCredential, clientOptions)
            : BlobCheckpointContainer.FromConnectionString(options.BlobConnectionString!, options.BlobContainerName, clientOptions);
    }

    private static bool NamesContainer(Uri uri) => !string.IsNullOrEmpty(new BlobUriBuilder(uri).BlobContainerName);
}
