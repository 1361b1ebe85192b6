namespace Grainflow.Streaming.State;

/// <summary>What the backend needs of every state table, whatever its value type.</summary>
internal interface IStateTable
{
    string Name { get; }

    int Count { get; }

    IStateTableSnapshot Capture();

    /// <summary>
    /// The value of the key given (typed as object to keep this interface non-generic) as text: strings as they
    /// are, numbers and other formattable values in the invariant culture, anything else as JSON; null when none.
    /// </summary>
    string? ReadAsText(object key);
}
