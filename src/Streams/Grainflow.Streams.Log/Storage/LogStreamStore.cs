using Grainflow.Streaming.Sources;
using Microsoft.Extensions.Logging;

namespace Grainflow.Streams.Log.Storage;

/// <summary>
/// One provider's files on one silo: the segment log of its partitions (opened on first use) and the directory of
/// the pulling agents' delivery marks. Thread-safe; registered as a keyed singleton under the provider's name.
/// </summary>
internal sealed class LogStreamStore
{
    private const string DeliveryMarksDirectoryName = "delivered";
    private readonly Lazy<SegmentLog> _log;

    public LogStreamStore(string providerName, GrainflowLogStreamOptions options, ILoggerFactory loggerFactory)
    {
        ProviderName = providerName;
        Options = options;
        var directory = Path.GetFullPath(options.Directory ?? throw new InvalidOperationException(
            $"Grainflow log stream provider '{providerName}' has no directory: set {nameof(GrainflowLogStreamOptions)}.{nameof(GrainflowLogStreamOptions.Directory)}."));
        Directory = directory;
        DeliveryMarksDirectory = Path.Combine(directory, DeliveryMarksDirectoryName);
        _log = new Lazy<SegmentLog>(
            () => SegmentLog.Open(directory, new SegmentLogOptions { PartitionCount = options.Partitions, SegmentSize = options.SegmentSize },
                loggerFactory.CreateLogger<SegmentLog>()),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string ProviderName { get; }

    public GrainflowLogStreamOptions Options { get; }

    /// <summary>Gets the full path of the provider's directory.</summary>
    public string Directory { get; }

    /// <summary>Gets the partitions; opening creates them when missing and refuses a directory with another partition count.</summary>
    public SegmentLog Log => _log.Value;

    public string DeliveryMarksDirectory { get; }
}
