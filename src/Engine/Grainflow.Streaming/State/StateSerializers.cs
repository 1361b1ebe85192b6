using System.Text.Json;

namespace Grainflow.Streaming.State;

/// <summary>
/// Built-in snapshot serializers: compact binary for primitives, strings and Guids; JSON for anything else
/// (public properties, as System.Text.Json writes them).
/// </summary>
public static class StateSerializers
{
    /// <summary>The serializer for <typeparamref name="T"/>.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> needs JSON, and JSON would not round-trip it
    /// (a field, a private member, a get-only property without a constructor parameter): its data would restore as
    /// defaults. The message names the member.</exception>
    public static IStateSerializer<T> For<T>() =>
        (IStateSerializer<T>?)(typeof(T) == typeof(string) ? (object)new StringSerializer()
            : typeof(T) == typeof(long) ? (object)new LongSerializer()
            : typeof(T) == typeof(int) ? (object)new IntSerializer()
            : typeof(T) == typeof(double) ? (object)new DoubleSerializer()
            : typeof(T) == typeof(bool) ? (object)new BoolSerializer()
            : typeof(T) == typeof(Guid) ? (object)new GuidSerializer()
            : null)
        ?? new JsonSerializer<T>();

    /// <summary>Writes <paramref name="value"/> with <paramref name="serializer"/>, directly into the buffer when it can.</summary>
    internal static void WriteTo<T>(this IStateSerializer<T> serializer, SnapshotOutput output, T value)
    {
        if (serializer is ISnapshotWriter<T> direct)
        {
            direct.Write(output, value);
        }
        else
        {
            serializer.Write(output.Writer, value);
        }
    }

    private sealed class StringSerializer : IStateSerializer<string>, ISnapshotWriter<string>
    {
        public void Write(BinaryWriter writer, string value) => writer.Write(value);

        public void Write(SnapshotOutput output, string value) => output.WriteString(value);

        public string Read(BinaryReader reader) => reader.ReadString();
    }

    private sealed class LongSerializer : IStateSerializer<long>, ISnapshotWriter<long>
    {
        public void Write(BinaryWriter writer, long value) => writer.Write(value);

        public void Write(SnapshotOutput output, long value) => output.WriteInt64(value);

        public long Read(BinaryReader reader) => reader.ReadInt64();
    }

    private sealed class IntSerializer : IStateSerializer<int>, ISnapshotWriter<int>
    {
        public void Write(BinaryWriter writer, int value) => writer.Write(value);

        public void Write(SnapshotOutput output, int value) => output.WriteInt32(value);

        public int Read(BinaryReader reader) => reader.ReadInt32();
    }

    private sealed class DoubleSerializer : IStateSerializer<double>, ISnapshotWriter<double>
    {
        public void Write(BinaryWriter writer, double value) => writer.Write(value);

        public void Write(SnapshotOutput output, double value) => output.WriteInt64(BitConverter.DoubleToInt64Bits(value));

        public double Read(BinaryReader reader) => reader.ReadDouble();
    }

    private sealed class BoolSerializer : IStateSerializer<bool>
    {
        public void Write(BinaryWriter writer, bool value) => writer.Write(value);

        public bool Read(BinaryReader reader) => reader.ReadBoolean();
    }

    private sealed class GuidSerializer : IStateSerializer<Guid>
    {
        public void Write(BinaryWriter writer, Guid value) => writer.Write(value.ToByteArray());

        public Guid Read(BinaryReader reader) => new(reader.ReadBytes(16));
    }

    private sealed class JsonSerializer<T> : IStateSerializer<T>
    {
        public JsonSerializer() => JsonStateTypeValidator.Validate(typeof(T));

        public void Write(BinaryWriter writer, T value) => writer.Write(JsonSerializer.Serialize(value));

        public T Read(BinaryReader reader) =>
            JsonSerializer.Deserialize<T>(reader.ReadString())
            ?? throw new InvalidDataException($"A null {typeof(T).Name} was read from a state snapshot.");
    }
}
