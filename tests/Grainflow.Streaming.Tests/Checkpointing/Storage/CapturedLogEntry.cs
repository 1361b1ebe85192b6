using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.Tests.Checkpointing.Storage;

internal sealed record CapturedLogEntry(LogLevel Level, EventId EventId, string Message, Exception? Exception);
