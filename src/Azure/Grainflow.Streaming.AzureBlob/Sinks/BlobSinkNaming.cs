using System.Globalization;
using System.Text;
using Grainflow.Streaming.Sinks;

namespace Grainflow.Streaming.AzureBlob.Sinks;

/// <summary>
/// Owns every name of one blob sink in its container: the blobs (<c>&lt;prefix&gt;part-&lt;sink&gt;-&lt;task&gt;-&lt;epoch&gt;.txt</c>,
/// the file sink's part-file names under a prefix) and the ids of the blocks staged on them.
/// </summary>
/// <remarks>
/// A block id is the Base64 of 48 ASCII characters, <c>&lt;epoch:19&gt;-&lt;task:5&gt;-&lt;attempt:16 hex&gt;-&lt;block:5&gt;</c>, so
/// every id has the same length (the service requires it within a blob) and two attempts of a task never stage a block
/// under the same id: a commit names exactly the blocks of one attempt, and another attempt's blocks are never
/// included. The epoch is the checkpoint id whose barrier closed the records, so a blob's name is the same on every
/// retry of its commit.
/// </remarks>
internal sealed class BlobSinkNaming
{
    /// <summary>The most blocks a committed blob may have (the service's limit).</summary>
    public const int MaxBlocksPerBlob = 50_000;

    /// <summary>The highest task index a block id can carry.</summary>
    public const int MaxTaskIndex = 99_999;

    public BlobSinkNaming(string prefix, string sinkId)
    {
        SinkFileNaming.ValidateSinkId(sinkId);
        Prefix = NormalizePrefix(prefix);
        SinkId = sinkId;
        SinkPrefix = $"{Prefix}part-{sinkId}-";
    }

    /// <summary>The blob-name prefix: empty, or ending with <c>/</c>.</summary>
    public string Prefix { get; }

    public string SinkId { get; }

    /// <summary>What every blob name of this sink starts with, for listings.</summary>
    public string SinkPrefix { get; }

    /// <summary>The blob of task <paramref name="task"/>'s epoch <paramref name="epoch"/>.</summary>
    public string BlobName(int task, long epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(task);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epoch);
        return string.Create(CultureInfo.InvariantCulture, $"{SinkPrefix}{task}-{epoch}.txt");
    }

    /// <summary>Parses a blob name of this sink, of any task: <c>&lt;prefix&gt;part-&lt;sink&gt;-&lt;task&gt;-&lt;epoch&gt;.txt</c>.</summary>
    public bool TryParseBlobName(string blobName, out int task, out long epoch)
    {
        task = 0;
        epoch = 0;
        if (!blobName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var name = blobName[Prefix.Length..];
        // The file sink's own parser: canonical digits, and a sink whose id extends this one's never matches.
        if (!SinkFileNaming.TryParseAnySubtask(name, SinkId, out epoch, out var committed) || !committed)
        {
            epoch = 0;
            return false;
        }

        var taskText = name.AsSpan($"part-{SinkId}-".Length);
        taskText = taskText[..taskText.IndexOf('-')];
        return int.TryParse(taskText, NumberStyles.None, CultureInfo.InvariantCulture, out task);
    }

    /// <summary>The id of block <paramref name="block"/> of a task's epoch, staged by attempt <paramref name="attempt"/>.</summary>
    public static string BlockId(long epoch, int task, long attempt, int block)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epoch);
        ArgumentOutOfRangeException.ThrowIfNegative(task);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(task, MaxTaskIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(block);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(block, MaxBlocksPerBlob);
        var raw = string.Create(CultureInfo.InvariantCulture, $"{epoch:D19}-{task:D5}-{attempt:x16}-{block:D5}");
        return Convert.ToBase64String(Encoding.ASCII.GetBytes(raw));
    }

    /// <summary>The block ids of a staged blob, in the order its content goes.</summary>
    public static string[] BlockIds(StagedBlob staged, int task, long epoch)
    {
        var ids = new string[staged.BlockCount];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = BlockId(epoch, task, staged.Attempt, i);
        }

        return ids;
    }

    /// <summary>Parses a block id made by <see cref="BlockId"/>.</summary>
    public static bool TryParseBlockId(string blockId, out long epoch, out int task, out long attempt, out int block)
    {
        (epoch, task, attempt, block) = (0, 0, 0, 0);
        Span<byte> raw = stackalloc byte[48];
        if (!Convert.TryFromBase64String(blockId, raw, out var length) || length != 48)
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(raw);
        var parts = text.Split('-');
        return parts is [{ Length: 19 } e, { Length: 5 } t, { Length: 16 } a, { Length: 5 } b]
            && long.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out epoch) && epoch > 0
            && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out task)
            && long.TryParse(a, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out attempt)
            && int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out block);
    }

    private static string NormalizePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var trimmed = prefix.Trim('/');
        if (trimmed.Contains('\\', StringComparison.Ordinal) || trimmed.Contains("//", StringComparison.Ordinal)
            || trimmed.Split('/').Any(s => s is "." or ".."))
        {
            throw new ArgumentException($"The blob prefix '{prefix}' must be '/'-separated names without '.', '..' or '\\'.", nameof(prefix));
        }

        return trimmed.Length == 0 ? string.Empty : trimmed + "/";
    }
}
