namespace Grainflow.Streaming.State;

/// <summary>One named state of a task: a value per key, read and written at the backend's current key.</summary>
internal interface IKeyedStateTable<T>
{
    bool TryGet(out T value);

    void Set(T value);

    T Apply(Func<T?, T> update);

    void Remove();
}
