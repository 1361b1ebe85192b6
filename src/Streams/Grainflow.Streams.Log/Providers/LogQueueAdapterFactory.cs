using Grainflow.Streams.Log.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;

namespace Grainflow.Streams.Log.Providers;

/// <summary>
/// The Orleans entry point of a log stream provider: one queue per partition (mapped with Orleans'
/// <see cref="HashRingBasedStreamQueueMapper"/>, queue <c>i</c> being partition <c>i</c>), Orleans' simple queue cache,
/// and the <see cref="LogStreamDeliveryFailureHandler"/>.
/// </summary>
internal sealed class LogQueueAdapterFactory : IQueueAdapterFactory
{
    private readonly string _name;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly HashRingBasedStreamQueueMapper _mapper;
    private readonly SimpleQueueAdapterCache _cache;
    private readonly LogStreamDeliveryFailureHandler _failureHandler;

    private LogQueueAdapterFactory(string name, GrainflowLogStreamOptions options, IServiceProvider services)
    {
        _name = name;
        _services = services;
        _loggerFactory = services.GetRequiredService<ILoggerFactory>();
        _mapper = CreateMapper(name, options);
        _cache = new SimpleQueueAdapterCache(services.GetOptionsByName<SimpleQueueCacheOptions>(name), name, _loggerFactory);
        _failureHandler = new LogStreamDeliveryFailureHandler(_loggerFactory.CreateLogger<LogStreamDeliveryFailureHandler>());
    }

    /// <summary>
    /// The mapping of streams to partitions: every producer of the provider (its adapters, a job's stream sink) must
    /// use this one, or a stream's events would be spread over partitions and lose their order.
    /// </summary>
    public static HashRingBasedStreamQueueMapper CreateMapper(string name, GrainflowLogStreamOptions options) =>
        new(new HashRingStreamQueueMapperOptions { TotalQueueCount = options.Partitions }, name);

    /// <summary>Creates the factory of the provider <paramref name="name"/> (Orleans calls this by name).</summary>
    public static IQueueAdapterFactory Create(IServiceProvider services, string name) =>
        new LogQueueAdapterFactory(name, services.GetOptionsByName<GrainflowLogStreamOptions>(name), services);

    public Task<IQueueAdapter> CreateAdapter() =>
        Task.FromResult<IQueueAdapter>(new LogQueueAdapter(
            _name, _mapper, _services.GetRequiredService<IGrainFactory>(), _services.GetRequiredService<Serializer<LogStreamPayload>>(), CreateReceiver));

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => Task.FromResult<IStreamFailureHandler>(_failureHandler);

    private LogQueueAdapterReceiver CreateReceiver(QueueId queueId)
    {
        // Receivers run on silos only, where the provider's store is registered.
        var store = _services.GetRequiredKeyedService<LogStreamStore>(_name);
        return new LogQueueAdapterReceiver(
            store, checked((int)queueId.GetNumericId()), _services.GetRequiredService<Serializer<LogStreamPayload>>(),
            _loggerFactory.CreateLogger<LogQueueAdapterReceiver>());
    }
}
