using System.Runtime.CompilerServices;
using Grainflow.Storage.AzureBlob;
using Grainflow.Storage.AzureBlob.Models;
using Grainflow.Streaming.Checkpointing.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grainflow.Streaming.AzureBlob;

/// <summary>
/// Checkpoint storage in an Azure Blob Storage container (or Azurite): each path is a block blob named
/// <c>&lt;prefix&gt;/&lt;path&gt;</c>. Create-only writes send <c>If-None-Match: *</c>; the conditional pointer update
/// sends <c>If-Match</c> with the version, which is the blob's ETag. Thread-safe; any number of instances, in any
/// number of processes, may share a container and prefix.
/// </summary>
/// <remarks>
/// <para>Nothing is visible half-written: a state file is streamed as uncommitted blocks and committed by one
/// Put Block List (one Put Blob when small), which the service applies atomically; blocks of a write that failed
/// are never listed and are discarded by the service after a week.</para>
/// <para>Every write carries a random id in its metadata (<c>x-ms-meta-grainflowwriteid</c>). The blob client retries
/// transient failures, so a write whose first attempt committed but whose response was lost is retried and answers
/// 409 or 412 against its own result; and a write that ran out of retries may still have committed. In both cases
/// the blob's properties are read back: if they carry this write's id the write succeeded and is reported as such
/// (a success, with the ETag read back); otherwise a condition failure is a
/// <see cref="CheckpointConflictException"/> and any other failure is rethrown. If another writer replaced the blob
/// between the lost response and the read-back, the write is reported as a conflict although it did apply once:
/// correct for the protocol, since the other writer's value is current.</para>
/// <para>The container is created at the first write if missing (a credential that may not create containers is
/// assumed to point at an existing one). Reads and listings of a missing container find nothing.</para>
/// <para>Failures other than conflicts surface as <see cref="BlobStorageException"/> after the client's retries,
/// with messages free of account keys and SAS signatures. A retried delete whose first attempt succeeded returns
/// <see langword="false"/>; the checkpoint protocol ignores the result.</para>
/// </remarks>
public sealed partial class BlobCheckpointStorage : ICheckpointStorage
{
    private const string WriteIdMetadataName = "grainflowwriteid";

    private readonly BlobContainerClient _container;
    private readonly BlobNameMapper _names;
    private readonly BlobTransferOptions? _transferOptions;
    private readonly int? _listPageSize;
    private readonly ILogger _logger;
    private volatile bool _containerReady;

    /// <summary>Connects with <see cref="BlobCheckpointStorageOptions.ConnectionString"/>; makes no request.</summary>
    /// <exception cref="ArgumentException">No connection string, an empty container name, or an invalid prefix.</exception>
    /// <exception cref="FormatException">The connection string is malformed; the message names keys, never values.</exception>
    public BlobCheckpointStorage(BlobCheckpointStorageOptions options, ILogger<BlobCheckpointStorage>? logger = null)
        : this(CreateContainerClient(options), options, logger)
    {
    }

    /// <summary>
    /// Stores checkpoints in <paramref name="container"/>, for clients built another way (e.g. Microsoft Entra tokens).
    /// <see cref="BlobCheckpointStorageOptions.ConnectionString"/> and <see cref="BlobCheckpointStorageOptions.ContainerName"/>
    /// of <paramref name="options"/> are ignored; its prefix, transfer options and page size apply.
    /// </summary>
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

        _container = container;
        _names = new BlobNameMapper(options?.Prefix);
        _transferOptions = options?.TransferOptions;
        _listPageSize = options?.ListPageSize;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The container's address, without credentials.</summary>
    public Uri ContainerUri => _container.Uri;

    /// <summary>The blob-name prefix every path is stored under: empty, or ending with <c>/</c>.</summary>
    public string Prefix => _names.Prefix;

    /// <inheritdoc/>
    public async ValueTask<Stream?> TryOpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var blob = _container.GetBlobClient(_names.ToBlobName(path));
        try
        {
            var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new BlobReadStream(download);
        }
        catch (BlobStorageException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public async ValueTask<VersionedContent?> TryReadVersionedAsync(string path, CancellationToken cancellationToken = default)
    {
        var blob = _container.GetBlobClient(_names.ToBlobName(path));
        try
        {
            var download = await blob.DownloadContentAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new VersionedContent(download.Content.ToMemory(), new StorageVersion(download.Details.ETag.ToString()));
        }
        catch (BlobStorageException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> ListAsync(
        string prefix,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var options = new BlobListOptions { Prefix = _names.ToBlobPrefix(prefix), PageSizeHint = _listPageSize };
        do
        {
            var page = await TryGetPageAsync(options, cancellationToken).ConfigureAwait(false);
            if (page is null)
            {
                yield break;
            }

            foreach (var item in page.Items)
            {
                if (_names.ToPath(item.Name) is { } path)
                {
                    yield return path;
                }
            }

            options = new BlobListOptions { Prefix = options.Prefix, PageSizeHint = _listPageSize, ContinuationToken = page.ContinuationToken };
        }
        while (options.ContinuationToken is not null);
    }

    /// <inheritdoc/>
    public async ValueTask<bool> DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        var blob = _container.GetBlobClient(_names.ToBlobName(path));
        return await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override string ToString() => $"BlobCheckpointStorage {{ Container = {_container.Name}, Prefix = {_names.Prefix} }}";

    private static BlobContainerClient CreateContainerClient(BlobCheckpointStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException("BlobCheckpointStorageOptions.ConnectionString is required.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.ContainerName))
        {
            throw new ArgumentException("BlobCheckpointStorageOptions.ContainerName is required.", nameof(options));
        }

        var service = new BlobServiceClient(options.ConnectionString, options.ClientOptions);
        return service.GetBlobContainerClient(options.ContainerName);
    }

    private async Task<BlobPage?> TryGetPageAsync(BlobListOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await _container.GetBlobsPageAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (BlobStorageException e) when (e.IsNotFound)
        {
            return null; // no container yet: nothing was ever written
        }
    }

    private async ValueTask EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerReady)
        {
            return;
        }

        try
        {
            // Concurrent first writes may both get here; creating is idempotent.
            if (await _container.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                LogContainerCreated(_logger, _container.Name);
            }
        }
        catch (BlobStorageException e) when (BlobCheckpointErrors.IsForbidden(e))
        {
            // A container SAS cannot create containers; if the container is missing, the write itself says so.
            LogContainerCreateForbidden(_logger, _container.Name, e.Status);
        }

        _containerReady = true;
    }
}
