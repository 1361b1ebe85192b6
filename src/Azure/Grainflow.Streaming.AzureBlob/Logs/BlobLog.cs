using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Grainflow.Streaming.Sources;

namespace Grainflow.Streaming.AzureBlob.Logs;

/// <summary>
/// An <see cref="IReplayableLog"/> in an Azure Blob Storage container: each partition a sequence of append blobs
/// (segments) named by the offset of their first record, each record a frame with its length and a CRC-32C
/// (<see cref="BlobLogFormat"/>). For logs that every silo of a cluster, on any machine, reads and writes.
/// </summary>
/// <remarks>
/// <para><b>Durability.</b> A flush is one Append Block per up to <see cref="BlobLogOptions.MaxBlockBytes"/> of whole
/// frames; the service has made a block durable when the call returns, so a record is visible exactly when it is
/// durable, and a segment never ends in a torn frame.</para>
/// <para><b>One writer.</b> Every Append Block carries <c>If-Append-Position-Equal</c> (the length the writer knows),
/// a roll seals the segment with <c>If-Match</c> on the ETag of the writer's last append and creates the next one
/// with <c>If-None-Match: *</c>. So two writers of a partition, in any processes, can never both append: the
/// second to try fails with <see cref="BlobLogFencedException"/> and must reopen, which finds the other's records.
/// A response lost after the service applied an append makes the SDK's retry fail the same way: the append may then
/// be stored, as the <see cref="ILogWriter"/> contract allows for a failed flush.</para>
/// <para><b>Costs.</b> There is no offset index: positioning a reader, <see cref="GetBoundsAsync"/> and opening a
/// writer list the partition's segments and download the segment that holds the offset (the last one, for bounds
/// and writers) from its start, so they cost one listing and up to <see cref="BlobLogOptions.SegmentSize"/> bytes
/// of download. A reader then downloads only new bytes: one ranged GET per read; a read that finds nothing new also
/// checks whether the next segment exists, so each poll of an idle partition costs two requests (pollers: a job's
/// source tasks and Orleans' pulling agents).</para>
/// <para>Members are thread-safe. Failures other than the ones named surface as the SDK's
/// <see cref="RequestFailedException"/>; damaged stored data as <see cref="LogCorruptedException"/>.</para>
/// </remarks>
public sealed class BlobLog : IReplayableLog
{
    private readonly BlobContainerClient _container;
    private readonly BlobLogNames _names;
    private readonly BlobLogOptions _options;
    private readonly Lock _writersLock = new();
    private readonly bool[] _writerOpen;
    private Task? _preparing;

    /// <summary>Opens the log in <paramref name="container"/>; makes no request (the container is created by the first writer).</summary>
    /// <param name="container">The container, a client built any way (<see cref="BlobCheckpointContainer"/> helps).</param>
    /// <param name="options">Options; defaults when null. The log keeps this instance: do not change it afterwards.</param>
    public BlobLog(BlobContainerClient container, BlobLogOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        options ??= new BlobLogOptions();
        options.Validate();
        _container = container;
        _options = options;
        _names = new BlobLogNames(options.Prefix);
        PartitionCount = options.PartitionCount ?? 1;
        _writerOpen = new bool[PartitionCount];
    }

    /// <inheritdoc/>
    public int PartitionCount { get; }

    /// <summary>Gets the log's address for messages: the container's URL and the prefix. Carries no secret.</summary>
    public string Description => $"{_container.Uri.GetLeftPart(UriPartial.Path)}/{_names.Prefix}";

    /// <inheritdoc/>
    public async ValueTask<LogPartitionBounds> GetBoundsAsync(int partition, CancellationToken cancellationToken = default)
    {
        var blobs = Partition(partition);
        var segments = await blobs.ListSegmentsAsync(cancellationToken).ConfigureAwait(false);
        return await blobs.GetBoundsAsync(segments, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <exception cref="BlobLogFencedException">Not thrown here: a writer of another process is only found out when
    /// one of the two appends (see the remarks of <see cref="BlobLog"/>).</exception>
    public async ValueTask<ILogWriter> OpenWriterAsync(int partition, CancellationToken cancellationToken = default)
    {
        var blobs = Partition(partition);
        lock (_writersLock)
        {
            if (_writerOpen[partition])
            {
                throw new InvalidOperationException($"Partition {partition} of blob log '{Description}' already has an open writer.");
            }

            _writerOpen[partition] = true;
        }

        try
        {
            await PrepareAsync(cancellationToken).ConfigureAwait(false);
            return await BlobLogWriter.OpenAsync(blobs, _options, () => ReleaseWriter(partition), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            ReleaseWriter(partition);
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask<ILogReader> OpenReaderAsync(int partition, long offset, CancellationToken cancellationToken = default)
    {
        var reader = new BlobLogReader(Partition(partition));
        await reader.SeekAsync(offset, cancellationToken).ConfigureAwait(false);
        return reader;
    }

    /// <summary>Creates the container if missing and records the partition count, or checks the one recorded; once, unless it fails.</summary>
    private Task PrepareAsync(CancellationToken cancellationToken)
    {
        lock (_writersLock)
        {
            if (_preparing is null || _preparing.IsFaulted || _preparing.IsCanceled)
            {
                // Shared by every writer, so no one caller's cancellation may cancel it.
                _preparing = PrepareCoreAsync();
            }

            return _preparing.WaitAsync(cancellationToken);
        }
    }

    private async Task PrepareCoreAsync()
    {
        await _container.CreateIfNotExistsAsync().ConfigureAwait(false);
        var blob = _container.GetBlobClient(_names.PartitionCountBlob);
        var text = PartitionCount.ToString(CultureInfo.InvariantCulture);
        try
        {
            await blob.UploadAsync(
                BinaryData.FromString(text),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }).ConfigureAwait(false);
        }
        catch (RequestFailedException failure) when (failure.Status is 409 or 412)
        {
            var recorded = (await blob.DownloadContentAsync().ConfigureAwait(false)).Value.Content.ToString();
            if (recorded != text)
            {
                throw new InvalidOperationException(
                    $"Blob log '{Description}' has {recorded} partitions, but {PartitionCount} were configured.");
            }
        }
    }

    private void ReleaseWriter(int partition)
    {
        lock (_writersLock)
        {
            _writerOpen[partition] = false;
        }
    }

    private BlobLogPartition Partition(int partition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, PartitionCount);
        return new BlobLogPartition(_container, _names, partition);
    }
}
