using Grainflow.Streaming.Api;

namespace Grainflow.Grains.Tests.Protocol;

/// <summary>Emits every record as it came: a second keyed stage, so that keyed tasks send to keyed tasks.</summary>
internal sealed class RelayFunction : KeyedProcessFunction<string, string, string>
{
    public override void ProcessElement(string value, KeyedContext<string, string> context) => context.Emit(value);
}
