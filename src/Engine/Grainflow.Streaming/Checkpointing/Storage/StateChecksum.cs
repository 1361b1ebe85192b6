using System.Security.Cryptography;

namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>The <c>&lt;algorithm&gt;:&lt;hex&gt;</c> checksum strings of <see cref="StateHandle.Checksum"/>.</summary>
internal static class StateChecksum
{
    private const string Sha256Prefix = "sha256:";

    public static IncrementalHash CreateHash() => IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public static string Format(ReadOnlySpan<byte> sha256) => Sha256Prefix + Convert.ToHexStringLower(sha256);

    /// <summary>Whether a recorded checksum names an algorithm this build can verify.</summary>
    public static bool IsSupported(string checksum) =>
        checksum.StartsWith(Sha256Prefix, StringComparison.Ordinal)
        && checksum.Length == Sha256Prefix.Length + (SHA256.HashSizeInBytes * 2);

    public static bool Matches(string expected, ReadOnlySpan<byte> actualSha256) =>
        string.Equals(expected, Format(actualSha256), StringComparison.OrdinalIgnoreCase);
}
