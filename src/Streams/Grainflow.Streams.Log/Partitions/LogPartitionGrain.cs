using System.Globalization;
using Grainflow.Streams.Log.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Grainflow.Streams.Log.Partitions;

/// <summary>
/// Hosts a <see cref="PartitionAppender"/>. Reentrant so that appends from many producers queue up together and share
/// a sync (group commit); the appender, not the grain turn, orders them.
/// </summary>
[Reentrant]
internal sealed partial class LogPartitionGrain(IServiceProvider services, TimeProvider timeProvider, ILogger<LogPartitionGrain> logger)
    : Grain, ILogPartitionGrain
{
    private LogStreamStore? _store;
    private int _partition;
    private PartitionAppender? _appender;
    private Task? _reopening;

    /// <summary>The grain key of a provider's partition.</summary>
    public static string Key(string providerName, int partition) =>
        providerName + "/" + partition.ToString(CultureInfo.InvariantCulture);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.LastIndexOf('/');
        var providerName = key[..slash];
        _partition = int.Parse(key.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture);
        _store = services.GetKeyedService<LogStreamStore>(providerName) ?? throw new InvalidOperationException(
            $"This silo has no Grainflow log stream provider named '{providerName}': register it on every silo with AddGrainflowLogStreams(\"{providerName}\", ...).");
        _appender = await OpenAppenderAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_appender is { } appender)
        {
            _appender = null;
            await appender.DisposeAsync();
        }
    }

    public async Task<LogAppendResult> AppendAsync(LogAppend append)
    {
        if (_appender is null || _appender.IsFaulted)
        {
            // Interleaved callers share one reopening: the partition has a single writer.
            var reopening = _reopening ??= ReopenAsync();
            try
            {
                await reopening;
            }
            finally
            {
                if (ReferenceEquals(_reopening, reopening))
                {
                    _reopening = null;
                }
            }
        }

        return await _appender!.AppendAsync(append);
    }

    private async Task ReopenAsync()
    {
        var faulted = _appender;
        _appender = null;
        if (faulted is not null)
        {
            await faulted.DisposeAsync();
        }

        _appender = await OpenAppenderAsync(CancellationToken.None);
        LogReopened(logger, _store!.ProviderName, _partition);
    }

    private Task<PartitionAppender> OpenAppenderAsync(CancellationToken cancellationToken) =>
        PartitionAppender.OpenAsync(_store!.Log, _partition, _store.Options, timeProvider, logger, cancellationToken);

    [LoggerMessage(EventId = LogStreamEventIds.PartitionReopened, Level = LogLevel.Warning,
        Message = "Log stream provider {Provider} reopened partition {Partition} after a failed sync")]
    private static partial void LogReopened(ILogger logger, string provider, int partition);
}
