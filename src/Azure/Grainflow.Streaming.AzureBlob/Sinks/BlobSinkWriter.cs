using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.AzureBlob.Sinks;

/// <summary>
/// The exactly-once blob sink of one sink task: the lines of an epoch are staged as blocks of the epoch's blob at the
/// barrier that closes it (pre-commit), and the blob is committed with Put Block List once the checkpoint completes
/// (commit). Until then readers of the container do not see it: a blob with only uncommitted blocks is not listed.
/// </summary>
/// <remarks>
/// <para>An epoch's lines are held in memory until its barrier: a block's id carries the epoch, which is the checkpoint
/// id only the barrier tells. Its blocks are then uploaded off the task's turn; <see cref="MakeDurableAsync"/> waits
/// for them, and the checkpoint is acknowledged only after. An epoch whose upload failed keeps its bytes and is
/// uploaded again at the next barrier (same block ids), so a later checkpoint never covers an epoch with missing
/// blocks. An epoch without lines stages nothing.</para>
/// <para>Not thread-safe: the sink task calls it, one call at a time.</para>
/// </remarks>
internal sealed class BlobSinkWriter
{
    private readonly BlobContainerClient _container;
    private readonly BlobSinkNaming _naming;
    private readonly int _task;
    private readonly long _attempt;
    private readonly int _maxConcurrentUploads;
    private readonly EpochBuffer _buffer;
    private readonly List<PendingEpoch> _pending = [];
    private long _lastPreCommitted;

    public BlobSinkWriter(BlobContainerClient container, BlobSinkNaming naming, int task, long attempt, BlobSinkOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(task, BlobSinkNaming.MaxTaskIndex);
        options.Validate();
        _container = container;
        _naming = naming;
        _task = task;
        // Attempt 0 means the host has none: a random one still keeps two writers' blocks apart.
        _attempt = attempt != 0 ? attempt : Random.Shared.NextInt64(1, long.MaxValue);
        _maxConcurrentUploads = options.MaxConcurrentUploads;
        _buffer = new EpochBuffer(options.BlockSize);
    }

    /// <summary>Appends <paramref name="line"/> and a '\n' to the current epoch.</summary>
    /// <exception cref="ArgumentException"><paramref name="line"/> contains '\n', which would split the record.</exception>
    public void Write(ReadOnlySpan<char> line)
    {
        if (line.Contains('\n'))
        {
            throw new ArgumentException("A line written to a blob sink cannot contain '\\n'.", nameof(line));
        }

        _buffer.AppendLine(line);
    }

    /// <summary>
    /// Pre-commit at the barrier of <paramref name="checkpointId"/>: closes the epoch and starts uploading its blocks
    /// (and again those of an earlier epoch whose upload failed). Put the returned record in the checkpoint.
    /// </summary>
    /// <returns>Every epoch of this task not committed yet, the one just closed included (unless it had no lines).</returns>
    public SinkCommitRecord PreCommit(long checkpointId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(checkpointId, _lastPreCommitted);
        if (!_buffer.IsEmpty)
        {
            var blocks = _buffer.TakeBlocks();
            if (blocks.Count > BlobSinkNaming.MaxBlocksPerBlob)
            {
                throw new IOException(
                    $"Epoch {checkpointId} of blob sink '{_naming.SinkId}' task {_task} needs {blocks.Count} blocks, more than a blob takes " +
                    $"({BlobSinkNaming.MaxBlocksPerBlob}): take checkpoints more often, or raise the block size.");
            }

            _pending.Add(new PendingEpoch(checkpointId, new StagedBlob(_naming.BlobName(_task, checkpointId), _attempt, blocks.Count), blocks));
        }

        _lastPreCommitted = checkpointId;
        foreach (var epoch in _pending)
        {
            if (epoch.Upload is null || epoch.Upload.IsFaulted || epoch.Upload.IsCanceled)
            {
                epoch.Upload = StageAsync(epoch);
            }
        }

        return new SinkCommitRecord(_naming.SinkId, checkpointId, [.. _pending.Select(p => p.Staged.Format())]);
    }

    /// <summary>Completes once every block <see cref="PreCommit"/> started is staged; throws when one failed.</summary>
    public Task MakeDurableAsync()
    {
        var uploads = _pending.Select(p => p.Upload!).Where(u => !u.IsCompletedSuccessfully).ToArray();
        return uploads.Length == 0 ? Task.CompletedTask : Task.WhenAll(uploads);
    }

    /// <summary>
    /// Commit, once <paramref name="checkpointId"/> completed: commits every staged epoch up to it, in order. Idempotent.
    /// An epoch whose commit fails stays pending, retried by the next commit or by recovery.
    /// </summary>
    public async ValueTask CommitAsync(long checkpointId, CancellationToken cancellationToken = default)
    {
        while (_pending.Count > 0 && _pending[0].Epoch <= checkpointId)
        {
            var epoch = _pending[0];
            // Staged before the checkpoint was acknowledged; awaited in case a restaged upload is still running.
            await epoch.Upload!.ConfigureAwait(true);
            await BlobSinkCommitter.CommitAsync(_container, epoch.Staged, _task, epoch.Epoch, cancellationToken).ConfigureAwait(true);
            _pending.RemoveAt(0);
        }
    }

    private Task StageAsync(PendingEpoch epoch)
    {
        var blob = _container.GetBlockBlobClient(epoch.Staged.BlobName);
        var ids = BlobSinkNaming.BlockIds(epoch.Staged, _task, epoch.Epoch);
        var blocks = epoch.Blocks!;
        return Task.Run(async () =>
        {
            await Parallel.ForAsync(
                0,
                blocks.Count,
                new ParallelOptions { MaxDegreeOfParallelism = _maxConcurrentUploads },
                async (i, cancellationToken) => await StageBlockAsync(blob, ids[i], blocks[i], cancellationToken).ConfigureAwait(false))
                .ConfigureAwait(false);
            // Staged: the service holds the bytes now, and a restage is never needed.
            epoch.Blocks = null;
        });
    }

    private async ValueTask StageBlockAsync(BlockBlobClient blob, string blockId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        try
        {
            await blob.StageBlockAsync(blockId, BinaryData.FromBytes(content).ToStream(), options: null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is { } failure)
        {
            throw BlobCheckpointErrors.Failed("Staging a block of", BlobSinkCommitter.Qualified(_container, blob.Name), failure);
        }
    }

    private sealed class PendingEpoch(long epoch, StagedBlob staged, List<ReadOnlyMemory<byte>> blocks)
    {
        public long Epoch { get; } = epoch;

        public StagedBlob Staged { get; } = staged;

        public List<ReadOnlyMemory<byte>>? Blocks { get; set; } = blocks;

        public Task? Upload { get; set; }
    }
}
