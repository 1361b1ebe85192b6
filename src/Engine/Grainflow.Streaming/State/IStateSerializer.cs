namespace Grainflow.Streaming.State;

/// <summary>Writes and reads values of <typeparamref name="T"/> in state snapshots. Must be deterministic and versionless-stable.</summary>
public interface IStateSerializer<T>
{
    /// <summary>Writes <paramref name="value"/>.</summary>
    void Write(BinaryWriter writer, T value);

    /// <summary>Reads a value written by <see cref="Write"/>.</summary>
    T Read(BinaryReader reader);
}
