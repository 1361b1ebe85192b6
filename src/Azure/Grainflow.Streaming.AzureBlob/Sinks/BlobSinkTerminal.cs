using Grainflow.Streaming.Api;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Tasks;

namespace Grainflow.Streaming.AzureBlob.Sinks;

/// <summary>One task's part of a blob sink: formats each record as a line, without allocating, into the epoch's blocks.</summary>
internal sealed class BlobSinkTerminal<T>(BlobSinkWriter writer, LineFormatter<T> formatter) : TaskTerminal, ICollector<T>
{
    private char[] _line = new char[256];

    public override object Collector => this;

    public void Collect(T record)
    {
        if (DropsReplayedOutput)
        {
            return;
        }

        Emitted++;
        int length;
        while ((length = formatter(record, _line)) < 0)
        {
            _line = new char[_line.Length * 2];
        }

        writer.Write(_line.AsSpan(0, length));
    }

    public override ValueTask<IReadOnlyList<SinkCommitRecord>> OnBarrierAsync(long checkpointId) =>
        ValueTask.FromResult<IReadOnlyList<SinkCommitRecord>>([writer.PreCommit(checkpointId)]);

    public override Task MakeDurableAsync() => writer.MakeDurableAsync();

    public override ValueTask OnCheckpointCompleteAsync(long checkpointId) => writer.CommitAsync(checkpointId);
}
