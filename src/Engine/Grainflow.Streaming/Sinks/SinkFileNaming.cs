using System.Globalization;

namespace Grainflow.Streaming.Sinks;

/// <summary>
/// Owns every file name of one sink subtask in its output directory. Names are what make the protocol work:
/// readers skip names starting with <c>_</c> or <c>.</c>, so a file is visible exactly when it has its final name.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>_part-&lt;sink&gt;-&lt;subtask&gt;.&lt;writer&gt;.inprogress</c>: the epoch being written; never in a manifest. Each
/// writer has its own (a random token), so that a writer left over from an earlier attempt of the job (a task on a silo
/// declared dead that still runs for a moment) can never rename the file the current attempt writes.</item>
/// <item><c>_part-&lt;sink&gt;-&lt;subtask&gt;-&lt;epoch&gt;.pending</c>: pre-committed, named in the manifest.</item>
/// <item><c>part-&lt;sink&gt;-&lt;subtask&gt;-&lt;epoch&gt;.txt</c>: committed and visible.</item>
/// </list>
/// The epoch is the checkpoint id that covers the records, so a final name is the same on every retry of an epoch.
/// The sink id is part of the name so that sinks sharing a directory never discard each other's files.
/// </remarks>
internal sealed class SinkFileNaming
{
    private const string InProgressSuffix = ".inprogress";
    private const string PendingSuffix = ".pending";
    private const string FinalSuffix = ".txt";

    private readonly string _inProgressPrefix;
    private readonly string _pendingPrefix;
    private readonly string _finalPrefix;

    public SinkFileNaming(string sinkId, int subtaskIndex)
    {
        ValidateSinkId(sinkId);
        ArgumentOutOfRangeException.ThrowIfNegative(subtaskIndex);
        var stem = string.Create(CultureInfo.InvariantCulture, $"part-{sinkId}-{subtaskIndex}");
        _inProgressPrefix = $"_{stem}.";
        _pendingPrefix = $"_{stem}-";
        _finalPrefix = $"{stem}-";
    }

    /// <summary>A new writer's in-progress file name, unique to it.</summary>
    public string NewInProgressName() => $"{_inProgressPrefix}{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 6))}{InProgressSuffix}";

    /// <summary>Whether <paramref name="fileName"/> is an in-progress file of this subtask, of any writer (recovery deletes them all).</summary>
    public bool IsInProgress(string fileName) =>
        fileName == _inProgressPrefix + InProgressSuffix[1..] // the one name of earlier versions, without a writer token
        || fileName.StartsWith(_inProgressPrefix, StringComparison.Ordinal) && fileName.EndsWith(InProgressSuffix, StringComparison.Ordinal)
        && fileName.Length > _inProgressPrefix.Length + InProgressSuffix.Length
        && !fileName.AsSpan(_inProgressPrefix.Length, fileName.Length - _inProgressPrefix.Length - InProgressSuffix.Length).Contains('.');

    /// <summary>Whether readers take a file of this name: only names not starting with <c>_</c> or <c>.</c>.</summary>
    public static bool IsVisible(string fileName) =>
        fileName.Length > 0 && fileName[0] is not ('_' or '.');

    /// <summary>Sink ids become part of file names, so only characters safe on every file system are allowed.</summary>
    public static void ValidateSinkId(string sinkId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sinkId);
        foreach (var c in sinkId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                throw new ArgumentException(
                    $"The sink id '{sinkId}' contains '{c}'; sink ids may contain only ASCII letters, digits, '-', '_' and '.'.",
                    nameof(sinkId));
            }
        }
    }

    public string PendingName(long epoch) => Format(_pendingPrefix, epoch, PendingSuffix);

    public string FinalName(long epoch) => Format(_finalPrefix, epoch, FinalSuffix);

    public bool TryParsePending(string fileName, out long epoch) =>
        TryParse(fileName, _pendingPrefix, PendingSuffix, out epoch);

    public bool TryParseFinal(string fileName, out long epoch) =>
        TryParse(fileName, _finalPrefix, FinalSuffix, out epoch);

    /// <summary>
    /// Parses a committed or staged file of any subtask of <paramref name="sinkId"/>. The part after the sink id must
    /// be exactly <c>&lt;subtask&gt;-&lt;epoch&gt;</c>, so a sink whose id extends this one's ("a" and "a-1") never
    /// matches.
    /// </summary>
    public static bool TryParseAnySubtask(string fileName, string sinkId, out long epoch, out bool committed)
    {
        committed = fileName.StartsWith("part-", StringComparison.Ordinal);
        var (prefix, suffix) = committed ? ($"part-{sinkId}-", FinalSuffix) : ($"_part-{sinkId}-", PendingSuffix);
        epoch = 0;
        if (!fileName.StartsWith(prefix, StringComparison.Ordinal) || !fileName.EndsWith(suffix, StringComparison.Ordinal)
            || fileName.Length <= prefix.Length + suffix.Length)
        {
            return false;
        }

        var rest = fileName[prefix.Length..^suffix.Length];
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
            && int.TryParse(rest.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && TryParse(rest[(dash + 1)..], string.Empty, string.Empty, out epoch);
    }

    private static string Format(string prefix, long epoch, string suffix) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{epoch}{suffix}");

    private static bool TryParse(string fileName, string prefix, string suffix, out long epoch)
    {
        epoch = 0;
        if (!fileName.StartsWith(prefix, StringComparison.Ordinal) || !fileName.EndsWith(suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = fileName.AsSpan(prefix.Length, fileName.Length - prefix.Length - suffix.Length);
        // Canonical digits only, so that one epoch has exactly one name ("05" is nobody's file).
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out epoch)
            && epoch > 0
            && digits[0] != '0';
    }
}
