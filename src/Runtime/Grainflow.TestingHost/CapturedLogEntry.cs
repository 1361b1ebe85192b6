using Microsoft.Extensions.Logging;

namespace Grainflow.TestingHost;

/// <summary>One captured log entry.</summary>
public sealed record CapturedLogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);
