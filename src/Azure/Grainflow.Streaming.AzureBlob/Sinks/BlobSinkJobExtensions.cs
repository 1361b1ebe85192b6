using Azure.Storage.Blobs;
using Grainflow.Streaming.Api;

namespace Grainflow.Streaming.AzureBlob.Sinks;

/// <summary>Ends a job's stream in Azure Blob Storage, exactly once.</summary>
public static class BlobSinkJobExtensions
{
    /// <summary>
    /// Writes each record as a UTF-8 line to block blobs of <paramref name="container"/>, exactly once: each sink task's
    /// records of epoch N (those before the barrier of checkpoint N) become the blob
    /// <c>&lt;prefix&gt;/part-&lt;sinkId&gt;-&lt;task&gt;-&lt;N&gt;.txt</c>, visible only once checkpoint N completed.
    /// </summary>
    /// <remarks>
    /// <para>Two-phase commit on blocks: at the barrier the epoch's lines are staged as blocks (Put Block, uncommitted,
    /// invisible to readers) and the checkpoint records the blob, the job attempt and the block count; once the checkpoint
    /// completes the blob is committed with Put Block List, create-only (<c>If-None-Match: *</c>), so a committed blob is
    /// never replaced. Block ids carry the epoch, the task and the attempt: a task left over from an earlier attempt can
    /// stage blocks, but no commit ever names them. Recovery commits the blobs the restored checkpoint lists (the service
    /// keeps uncommitted blocks for a week) and leaves the rest uncommitted, never to be committed.</para>
    /// <para>A start is refused (<see cref="Grainflow.Streaming.Sinks.CommittedOutputConflictException"/>) when the container holds committed
    /// blobs of this sink newer than the checkpoint being restored, unless the job allows duplicate output; and new
    /// checkpoint ids continue past every epoch the container holds. Readers list blobs under the prefix: uncommitted
    /// blobs are not listed. An epoch's lines are held in memory until its barrier. The container must exist, or the
    /// credential must be allowed to create it (it is created at start if missing).</para>
    /// </remarks>
    /// <param name="stream">The records to write.</param>
    /// <param name="sinkId">The sink's id: ASCII letters, digits, '-', '_' and '.'; stable across runs.</param>
    /// <param name="container">The container (see <see cref="BlobCheckpointContainer"/> to build one from a connection string or a URL).</param>
    /// <param name="prefix">A virtual directory for the blobs, such as the job id; empty for the container's root.</param>
    /// <param name="formatter">Formats a record as a line, without '\n'.</param>
    /// <param name="options">Block size and upload concurrency; null for the defaults.</param>
    /// <exception cref="ArgumentException">An invalid sink id or prefix, or bad options.</exception>
    public static void SinkToBlobs<T>(
        this DataStream<T> stream, string sinkId, BlobContainerClient container, string prefix, LineFormatter<T> formatter, BlobSinkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(formatter);
        options ??= new BlobSinkOptions();
        options.Validate();
        stream.End(new BlobSinkDefinition<T>(new BlobSinkOutput(container, new BlobSinkNaming(prefix, sinkId)), formatter, options));
    }
}
