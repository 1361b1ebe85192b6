using System.Globalization;
using System.Security.Cryptography;
using Grainflow.Streaming.Checksums;

namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// A running checksum of a state file, in one of the algorithms a <see cref="StateHandle.Checksum"/> can name
/// (<c>&lt;algorithm&gt;:&lt;lowercase hex&gt;</c>). New files get CRC-32C; SHA-256 is still verified, for checkpoints
/// written by earlier versions.
/// </summary>
/// <remarks>
/// The checksum guards against bit rot and bad copies, not against tampering: the manifest that records it sits in the
/// same store. CRC-32C (the checksum of Kafka's record batches and of ext4's metadata) does that job with the CPU's
/// CRC32 instruction; SHA-256 cost 25 ms of every 16 MB snapshot, each second, on the cores the job runs on.
/// </remarks>
internal abstract class StateChecksum : IDisposable
{
    private const string Crc32CPrefix = "crc32c:";
    private const string Sha256Prefix = "sha256:";

    /// <summary>The checksum new state files are written with.</summary>
    public static StateChecksum ForNewFile() => new Crc32CChecksum();

    /// <summary>The checksum to verify <paramref name="recorded"/> with; null when this build knows no such algorithm.</summary>
    public static StateChecksum? ToVerify(string recorded) => Recognize(recorded) switch
    {
        Algorithm.Crc32C => new Crc32CChecksum(),
        Algorithm.Sha256 => new Sha256Checksum(),
        _ => null,
    };

    /// <summary>Whether a recorded checksum names an algorithm this build can verify.</summary>
    /// <remarks>Looks at the prefix and length only: it runs for every state handle of a manifest, so it builds no checksum.</remarks>
    public static bool IsSupported(string checksum) => Recognize(checksum) != Algorithm.Unknown;

    private static Algorithm Recognize(string recorded) =>
        HasPrefixAndLength(recorded, Crc32CPrefix, sizeof(uint))
            ? Algorithm.Crc32C
            : HasPrefixAndLength(recorded, Sha256Prefix, SHA256.HashSizeInBytes)
                ? Algorithm.Sha256
                : Algorithm.Unknown;

    private static bool HasPrefixAndLength(string recorded, string prefix, int checksumBytes) =>
        recorded.Length == prefix.Length + (checksumBytes * 2) && recorded.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>Takes the next bytes of the file into the checksum.</summary>
    public abstract void Append(ReadOnlySpan<byte> bytes);

    /// <summary>The checksum of everything appended, as a handle records it.</summary>
    public abstract string Complete();

    /// <summary>Whether <paramref name="recorded"/> is the checksum of everything appended.</summary>
    public bool Matches(string recorded, out string actual)
    {
        actual = Complete();
        return string.Equals(recorded, actual, StringComparison.OrdinalIgnoreCase);
    }

    public virtual void Dispose()
    {
    }

    private sealed class Crc32CChecksum : StateChecksum
    {
        private uint _crc;

        public override void Append(ReadOnlySpan<byte> bytes) => _crc = Crc32C.Append(_crc, bytes);

        public override string Complete() => Crc32CPrefix + _crc.ToString("x8", CultureInfo.InvariantCulture);
    }

    private sealed class Sha256Checksum : StateChecksum
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public override void Append(ReadOnlySpan<byte> bytes) => _hash.AppendData(bytes);

        public override string Complete() => Sha256Prefix + Convert.ToHexStringLower(_hash.GetHashAndReset());

        public override void Dispose()
        {
            _hash.Dispose();
            base.Dispose();
        }
    }

    private enum Algorithm
    {
        Unknown,
        Crc32C,
        Sha256,
    }
}
