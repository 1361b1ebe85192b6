using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.Sinks;

/// <summary>The file sinks' log messages (event ids 3300-3399).</summary>
internal static partial class SinkLog
{
    // Information, not a warning: moving committed files away is what a consumer of the output directory is expected to do.
    [LoggerMessage(3300, LogLevel.Information,
        "Sink {SinkId} subtask {Subtask}: committed output {Files} is gone from '{Directory}' (moved or deleted by a consumer); counted as committed, not written again.")]
    public static partial void CommittedOutputConsumed(ILogger logger, string sinkId, int subtask, string files, string directory);
}
