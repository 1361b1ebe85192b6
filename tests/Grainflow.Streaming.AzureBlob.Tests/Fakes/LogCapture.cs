using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.AzureBlob.Tests.Fakes;

/// <summary>Collects every log line (all levels, with event id and exception) of every category it hands out.</summary>
internal sealed class LogCapture : ILoggerFactory
{
    private readonly Lock _lock = new();
    private readonly List<(int EventId, string Text)> _entries = [];

    public IReadOnlyList<(int EventId, string Text)> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public ILogger<T> CreateLogger<T>() => new Logger<T>(this);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private void Add(int eventId, string text)
    {
        lock (_lock)
        {
            _entries.Add((eventId, text));
        }
    }

    private sealed class Logger(LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Add(eventId.Id, $"{logLevel} {eventId.Id} {formatter(state, exception)} {exception}");
    }
}
