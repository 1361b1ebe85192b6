using System.Buffers;

namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>Checks that a state file exists with the length and checksum its handle records.</summary>
internal static class StateFileVerifier
{
    private const int BufferSize = 81920;

    /// <summary>Returns <see langword="null"/> if the file verifies, otherwise why it does not (naming the file).</summary>
    public static async ValueTask<string?> VerifyAsync(
        ICheckpointStorage storage,
        StateHandle handle,
        CheckpointStorageLayout layout,
        long checkpointId,
        CancellationToken cancellationToken)
    {
        // Retention deletes whole checkpoint directories, so a handle outside its own directory could point at
        // state that is about to disappear (or, from a tampered manifest, anywhere in the store).
        if (!layout.IsStateFileOf(handle.Path, checkpointId))
        {
            return $"The state file '{handle.Path}' is not a state file of the checkpoint directory '{layout.CheckpointDirectory(checkpointId)}'.";
        }

        if (!StateChecksum.IsSupported(handle.Checksum))
        {
            return $"The state file '{handle.Path}' has a checksum this build cannot verify: '{handle.Checksum}'.";
        }

        var stream = await storage.TryOpenReadAsync(handle.Path, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return $"The state file '{handle.Path}' is missing.";
        }

        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var verifying = new VerifyingReadStream(stream, handle);
        await using (verifying.ConfigureAwait(false))
        {
            try
            {
                while (await verifying.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
                {
                }

                return null;
            }
            catch (CheckpointIntegrityException ex)
            {
                return ex.Message;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
