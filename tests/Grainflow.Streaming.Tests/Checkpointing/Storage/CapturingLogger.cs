using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.Tests.Checkpointing.Storage;

/// <summary>Keeps every log entry, formatted, for assertions.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<CapturedLogEntry> _entries = new();

    public IReadOnlyList<CapturedLogEntry> Entries => [.. _entries];

    public IReadOnlyList<CapturedLogEntry> Warnings => [.. _entries.Where(e => e.Level == LogLevel.Warning)];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel,
        EventId eventId,
        TState state,
        Exception? exception,
        Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue(new CapturedLogEntry(logLevel, eventId, formatter(state, exception), exception));
}
