using System.Buffers;
using System.Text.Unicode;

namespace Grainflow.Streaming.AzureBlob.Sinks;

/// <summary>
/// The UTF-8 lines of the epoch being written, in chunks of up to one block each. A chunk starts small and doubles up
/// to the block size, so a sink task that writes little holds little.
/// </summary>
internal sealed class EpochBuffer(int blockSize)
{
    private const int FirstChunkSize = 16 * 1024;

    private readonly List<ReadOnlyMemory<byte>> _full = [];
    private byte[] _chunk = [];
    private int _used;

    /// <summary>Whether the epoch holds no byte.</summary>
    public bool IsEmpty => _full.Count == 0 && _used == 0;

    /// <summary>Appends <paramref name="line"/> and a '\n'. Invalid UTF-16 becomes U+FFFD.</summary>
    public void AppendLine(ReadOnlySpan<char> line)
    {
        while (true)
        {
            var status = Utf8.FromUtf16(line, _chunk.AsSpan(_used), out var read, out var written);
            _used += written;
            line = line[read..];
            if (status == OperationStatus.Done)
            {
                break;
            }

            MakeRoom();
        }

        if (_used == _chunk.Length)
        {
            MakeRoom();
        }

        _chunk[_used++] = (byte)'\n';
    }

    /// <summary>Hands out the epoch's bytes, one block each, and starts the next epoch empty.</summary>
    public List<ReadOnlyMemory<byte>> TakeBlocks()
    {
        var blocks = new List<ReadOnlyMemory<byte>>(_full);
        if (_used > 0)
        {
            blocks.Add(_chunk.AsMemory(0, _used));
        }

        _full.Clear();
        _chunk = [];
        _used = 0;
        return blocks;
    }

    // Grows the chunk while it is below a block, else closes it as a full block and starts another.
    private void MakeRoom()
    {
        if (_chunk.Length < blockSize)
        {
            var grown = new byte[Math.Min(Math.Max(_chunk.Length * 2, FirstChunkSize), blockSize)];
            _chunk.AsSpan(0, _used).CopyTo(grown);
            _chunk = grown;
            return;
        }

        _full.Add(_chunk.AsMemory(0, _used));
        _chunk = new byte[blockSize];
        _used = 0;
    }
}
