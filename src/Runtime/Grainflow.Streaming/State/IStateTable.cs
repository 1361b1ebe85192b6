namespace Grainflow.Streaming.State;

/// <summary>What the backend needs of every state table, whatever its value type.</summary>
internal interface IStateTable
{
    string Name { get; }

    int Count { get; }

    IStateTableSnapshot Capture();
}
