using Grainflow.Streaming.Api;
using Grainflow.Streaming.Sources;
using Grainflow.Streaming.Sources.Readers;

namespace Grainflow.Streaming.Tests.Sources;

/// <summary>The text file reader pushes its records on the caller's scheduler, whatever thread a file read completes on.</summary>
public sealed class TextFileSourceReaderTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ReadAsync_BufferRefilledOnEveryFewLines_PushesEveryRecordOnTheCallersScheduler()
    {
        // A 4 KiB buffer over 300 KiB: almost every read refills it, and a file read completes on the thread pool.
        var path = _directory.Combine("input.txt");
        await File.WriteAllTextAsync(path, string.Concat(Enumerable.Repeat("a b c\n", 50_000)));
        var turns = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        var collector = new SchedulerRecordingCollector(turns);

        await Task.Factory.StartNew(
            async () =>
            {
                using var reader = new TextFileSourceReader(TextFileSource.Open(path, bufferSize: 4096));
                while (await reader.ReadAsync(collector, CancellationToken.None) > 0)
                {
                }
            },
            CancellationToken.None,
            TaskCreationOptions.None,
            turns).Unwrap();

        Assert.Equal(50_000, collector.Records);
        Assert.Equal(0, collector.OffScheduler);
    }

    private sealed class SchedulerRecordingCollector(TaskScheduler expected) : ICollector<string>
    {
        public int Records { get; private set; }

        public int OffScheduler { get; private set; }

        public void Collect(string record)
        {
            Records++;
            if (TaskScheduler.Current != expected)
            {
                OffScheduler++;
            }
        }
    }
}
