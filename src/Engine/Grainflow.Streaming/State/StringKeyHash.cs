using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Grainflow.Streaming.State;

/// <summary>
/// The hash code of a string key in <see cref="KeyGroupEntries{TKey, T}"/>: XxHash3 of its UTF-16 code units, seeded
/// once per process.
/// </summary>
/// <remarks>
/// <see cref="string.GetHashCode()"/> (Marvin) made a state update take twice as long as a Dictionary's, which hashes
/// strings with a faster non-randomized function of its own until a bucket overflows; that function is not public.
/// XxHash3 is as fast, and the random seed keeps the hash codes unpredictable to whoever writes the input, so colliding
/// keys are hard to choose. Hash codes never leave the process: snapshots hold keys, and a restore hashes again.
/// </remarks>
internal static class StringKeyHash
{
    private static readonly long s_seed = Random.Shared.NextInt64();

    public static int Of(string key) => (int)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(key.AsSpan()), s_seed);
}
