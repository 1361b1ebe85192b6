using Grainflow.Streaming.Api;

namespace Grainflow.Grains.Tests.Protocol;

/// <summary>Registers one processing-time timer per record (key "a" one minute ahead, "b" two, "c" three) and emits "key@time" when it fires.</summary>
internal sealed class DelayedEchoFunction(TimerProbe probe) : KeyedProcessFunction<string, string, string>
{
    public static TimeSpan DelayOf(string key) => TimeSpan.FromMinutes(key[0] - 'a' + 1);

    public override void ProcessElement(string value, KeyedContext<string, string> context)
    {
        context.RegisterProcessingTimeTimer(context.CurrentProcessingTime + DelayOf(value));
        probe.OnProcessed();
    }

    public override void OnTimer(DateTimeOffset timestamp, KeyedContext<string, string> context)
    {
        context.Emit($"{context.CurrentKey}@{timestamp:O}");
        probe.OnFired(context.CurrentKey);
    }
}
