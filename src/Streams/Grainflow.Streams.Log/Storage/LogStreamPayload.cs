namespace Grainflow.Streams.Log.Storage;

/// <summary>
/// What one append stores after its <see cref="LogStreamRecord"/> header, serialized with the Orleans serializer:
/// the stream, its events in order, and the producer's request context (without Grainflow's producer keys).
/// </summary>
[GenerateSerializer]
internal sealed record LogStreamPayload(
    [property: Id(0)] StreamId StreamId,
    [property: Id(1)] List<object> Events,
    [property: Id(2)] Dictionary<string, object>? RequestContext);
