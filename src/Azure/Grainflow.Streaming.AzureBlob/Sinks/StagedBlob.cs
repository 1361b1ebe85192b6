using System.Globalization;

namespace Grainflow.Streaming.AzureBlob.Sinks;

/// <summary>
/// What a blob sink task staged for one epoch and records in the checkpoint (one entry of
/// <c>SinkCommitRecord.PendingFiles</c>): the blob, the attempt whose blocks it commits and how many there are. From
/// it recovery rebuilds the exact block list (<see cref="BlobSinkNaming.BlockIds"/>), so a commit never includes a
/// block of another attempt.
/// </summary>
/// <param name="BlobName">The blob's name in the container, prefix included.</param>
/// <param name="Attempt">The job attempt that staged the blocks.</param>
/// <param name="BlockCount">The number of blocks, 1 or more.</param>
internal readonly record struct StagedBlob(string BlobName, long Attempt, int BlockCount)
{
    private const string AttemptField = ";attempt=";
    private const string BlocksField = ";blocks=";

    /// <summary>The manifest entry: <c>&lt;blob&gt;;attempt=&lt;16 hex&gt;;blocks=&lt;n&gt;</c>.</summary>
    public string Format() => string.Create(CultureInfo.InvariantCulture, $"{BlobName}{AttemptField}{Attempt:x16}{BlocksField}{BlockCount}");

    /// <summary>Parses a manifest entry made by <see cref="Format"/>.</summary>
    public static bool TryParse(string entry, out StagedBlob staged)
    {
        staged = default;
        var attemptAt = entry.LastIndexOf(AttemptField, StringComparison.Ordinal);
        var blocksAt = entry.LastIndexOf(BlocksField, StringComparison.Ordinal);
        if (attemptAt <= 0 || blocksAt != attemptAt + AttemptField.Length + 16)
        {
            return false;
        }

        var attemptText = entry.AsSpan(attemptAt + AttemptField.Length, 16);
        var blocksText = entry.AsSpan(blocksAt + BlocksField.Length);
        if (!long.TryParse(attemptText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var attempt)
            || !int.TryParse(blocksText, NumberStyles.None, CultureInfo.InvariantCulture, out var blocks)
            || blocks is < 1 or > BlobSinkNaming.MaxBlocksPerBlob
            || blocksText[0] == '0')
        {
            return false;
        }

        staged = new StagedBlob(entry[..attemptAt], attempt, blocks);
        return true;
    }
}
