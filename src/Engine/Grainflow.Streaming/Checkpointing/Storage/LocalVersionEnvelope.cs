using System.Text;

namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// How <see cref="LocalCheckpointStorage"/> stores a conditionally updated file: the version token on the first
/// line, the content after it. A file has no ETag, and a content hash would repeat when content does.
/// </summary>
internal static class LocalVersionEnvelope
{
    private const char VersionTerminator = '\n';

    public static byte[] Wrap(StorageVersion version, ReadOnlySpan<byte> content)
    {
        var header = Encoding.ASCII.GetBytes(version.Value + VersionTerminator);
        var envelope = new byte[header.Length + content.Length];
        header.CopyTo(envelope, 0);
        content.CopyTo(envelope.AsSpan(header.Length));
        return envelope;
    }

    public static VersionedContent Unwrap(byte[] envelope)
    {
        var end = Array.IndexOf(envelope, (byte)VersionTerminator);
        if (end <= 0)
        {
            // Not written by this class (or damaged): expose it whole under a version no write of ours produces,
            // so recovery reports it unreadable and a conditional write can still replace it.
            return new VersionedContent(envelope, new StorageVersion("unversioned"));
        }

        return new VersionedContent(
            envelope.AsMemory(end + 1),
            new StorageVersion(Encoding.ASCII.GetString(envelope, 0, end)));
    }
}
