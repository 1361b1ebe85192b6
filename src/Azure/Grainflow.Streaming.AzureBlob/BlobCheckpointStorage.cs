using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Grainflow.Streaming.Checkpointing.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grainflow.Streaming.AzureBlob;

/// <summary>
/// Checkpoint storage in an Azure Blob Storage container (or Azurite), over the Azure SDK: each path is a block blob
/// named <c>&lt;prefix&gt;/&lt;path&gt;</c>. Create-only writes carry <c>If-None-Match: *</c>; the conditional pointer
/// update carries <c>If-Match</c> with the version, which is the blob's ETag: every write that could race is
/// conditional. Thread-safe; any number of instances, in any number of processes, may share a container and prefix.
/// One process per job writes there: <see cref="AcquireJobLockAsync"/> holds a lease on the job's lock blob.
/// </summary>
/// <remarks>
/// <para>Nothing is visible half-written: a state file is streamed as uncommitted blocks and committed by one
/// Put Block List (one Put Blob when small), which the service applies atomically; blocks of a write that failed
/// are never listed and are discarded by the service after a week.</para>
/// <para>Every write carries a random id in its metadata (<c>x-ms-meta-grainflowwriteid</c>). The SDK retries
/// transient failures, so a write whose first attempt committed but whose response was lost is retried and answers
/// 409 or 412 against its own result; and a write that ran out of retries may still have committed. In both cases
/// the blob's properties are read back: if they carry this write's id the write succeeded and is reported as such
/// (a success, with the ETag read back); otherwise a condition failure is a
/// <see cref="CheckpointConflictException"/> and any other failure is thrown. If another writer replaced the blob
/// between the lost response and the read-back, the write is reported as a conflict although it did apply once:
/// correct for the protocol, since the other writer's value is current.</para>
/// <para>The container is created at the first write if missing (a credential that may not create containers is
/// assumed to point at an existing one). Reads and listings of a missing container find nothing.</para>
/// <para>Failures other than conflicts surface, after the SDK's retries, as <see cref="RequestFailedException"/>
/// (status 0 when no response arrived) whose message names the operation and the blob and never an account key, SAS
/// signature or token; a blob replaced while it is read is a <see cref="CheckpointIntegrityException"/>. A retried
/// delete whose first attempt succeeded returns <see langword="false"/>; the checkpoint protocol ignores the result.</para>
/// </remarks>
public sealed partial class BlobCheckpointStorage : ICheckpointStorage
{
    private const string WriteIdMetadataName = "grainflowwriteid";

    private readonly BlobContainerClient _container;
    private readonly BlobNameMapper _names;
    private readonly StorageTransferOptions _transferOptions;
    private readonly int? _listPageSize;
    private readonly TimeSpan _leaseDuration;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile bool _containerReady;

    /// <summary>
    /// Connects with <see cref="BlobCheckpointStorageOptions.ConnectionString"/>, or with
    /// <see cref="BlobCheckpointStorageOptions.ServiceUri"/> and a Microsoft Entra credential; makes no request. Unless
    /// the options carry client options, the SDK's transient failures are logged to <paramref name="logger"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Neither or both of a connection string and a URL, an empty container name,
    /// an invalid prefix, a lease duration outside Azure's limits, or a URL that is not HTTPS or carries a query.</exception>
    /// <exception cref="FormatException">The connection string is malformed; the message names no value of it.</exception>
    public BlobCheckpointStorage(BlobCheckpointStorageOptions options, ILogger<BlobCheckpointStorage>? logger = null)
        : this(BlobCheckpointContainer.FromOptions(options, logger), options, logger)
    {
    }

    /// <summary>
    /// Stores checkpoints in <paramref name="container"/>, a client built any way (Azurite, a fault-injecting policy,
    /// a credential of your own; <see cref="BlobCheckpointContainer"/> helps). The connection settings of
    /// <paramref name="options"/> are ignored; its prefix, transfer options, page size, lease duration and clock apply.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The page size is below 1, or the lease duration is outside
    /// Azure's limits (15 to 60 s).</exception>
    public BlobCheckpointStorage(
        BlobContainerClient container,
        BlobCheckpointStorageOptions? options = null,
        ILogger<BlobCheckpointStorage>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (options?.ListPageSize is { } pageSize)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1, nameof(options));
        }

        var leaseDuration = options?.LeaseDuration ?? BlobCheckpointStorageOptions.DefaultLeaseDuration;
        if (leaseDuration < BlobCheckpointStorageOptions.MinLeaseDuration || leaseDuration > BlobCheckpointStorageOptions.MaxLeaseDuration)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                $"BlobCheckpointStorageOptions.LeaseDuration is {leaseDuration.TotalSeconds:0.###} s; Azure grants finite leases of 15 to 60 s.");
        }

        _container = container;
        _names = new BlobNameMapper(options?.Prefix);
        _transferOptions = options?.TransferOptions ?? DefaultTransferOptions;
        _listPageSize = options?.ListPageSize;
        _leaseDuration = leaseDuration;
        _time = options?.TimeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// How state files are uploaded unless the options say otherwise: one Put Blob up to 8 MiB, else blocks of 4 MiB,
    /// 4 in flight (the SDK buffers each block so that a retry can replay it: about 16 MiB per upload).
    /// </summary>
    public static StorageTransferOptions DefaultTransferOptions { get; } = new()
    {
        InitialTransferSize = 8 * 1024 * 1024,
        MaximumTransferSize = 4 * 1024 * 1024,
        MaximumConcurrency = 4,
    };

    /// <summary>The container's address, without a query (so without a SAS).</summary>
    public Uri ContainerUri => new(_container.Uri.GetLeftPart(UriPartial.Path));

    /// <summary>The blob-name prefix every path is stored under: empty, or ending with <c>/</c>.</summary>
    public string Prefix => _names.Prefix;

    /// <inheritdoc/>
    public async ValueTask<Stream?> TryOpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var name = _names.ToBlobName(path);
        try
        {
            var download = await _container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new BlobReadStream(download.Value.Content, download.Value.Details.ContentLength, path, Qualified(name));
        }
        catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is { } failure)
        {
            return BlobCheckpointErrors.IsNotFound(failure) ? null : throw BlobCheckpointErrors.Failed("Opening", Qualified(name), failure);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<VersionedContent?> TryReadVersionedAsync(string path, CancellationToken cancellationToken = default)
    {
        var name = _names.ToBlobName(path);
        try
        {
            var download = await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return new VersionedContent(download.Value.Content.ToMemory(), new StorageVersion(download.Value.Details.ETag.ToString()));
        }
        catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is { } failure)
        {
            return BlobCheckpointErrors.IsNotFound(failure) ? null : throw BlobCheckpointErrors.Failed("Reading", Qualified(name), failure);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> ListAsync(
        string prefix,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var blobPrefix = _names.ToBlobPrefix(prefix);
        var pages = _container
            .GetBlobsAsync(new GetBlobsOptions { Prefix = blobPrefix }, cancellationToken)
            .AsPages(continuationToken: null, pageSizeHint: _listPageSize)
            .GetAsyncEnumerator(cancellationToken);
        await using (pages.ConfigureAwait(false))
        {
            while (await NextPageAsync(pages, blobPrefix, cancellationToken).ConfigureAwait(false))
            {
                foreach (var item in pages.Current.Values)
                {
                    if (_names.ToPath(item.Name) is { } path)
                    {
                        yield return path;
                    }
                }
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask<bool> DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        var name = _names.ToBlobName(path);
        try
        {
            var deleted = await _container.GetBlobClient(name)
                .DeleteIfExistsAsync(DeleteSnapshotsOption.None, conditions: null, cancellationToken)
                .ConfigureAwait(false);
            return deleted.Value;
        }
        catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is { } failure)
        {
            return BlobCheckpointErrors.IsNotFound(failure) ? false : throw BlobCheckpointErrors.Failed("Deleting", Qualified(name), failure);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"BlobCheckpointStorage {{ Container = {_container.Name}, Prefix = {_names.Prefix} }}";

    // Listing a container that does not exist yet finds nothing: no checkpoint was ever written there.
    private async ValueTask<bool> NextPageAsync(IAsyncEnumerator<Page<BlobItem>> pages, string blobPrefix, CancellationToken cancellationToken)
    {
        try
        {
            return await pages.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is { } failure)
        {
            return BlobCheckpointErrors.IsContainerMissing(failure)
                ? false
                : throw BlobCheckpointErrors.Failed("Listing", Qualified(blobPrefix + "*"), failure);
        }
    }

    private string Qualified(string blobName) => $"{_container.Name}/{blobName}";

    private async ValueTask EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerReady)
        {
            return;
        }

        try
        {
            // Concurrent first writes may both get here; creating is idempotent.
            if (await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false) is not null)
            {
                LogContainerCreated(_logger, _container.Name);
            }
        }
        catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is { } failure)
        {
            if (!BlobCheckpointErrors.IsForbidden(failure))
            {
                throw BlobCheckpointErrors.Failed("Creating container", _container.Name, failure);
            }

            // A container SAS may not create containers; if the container is missing, the write itself says so.
            LogContainerCreateForbidden(_logger, _container.Name, failure.Status);
        }

        _containerReady = true;
    }
}
