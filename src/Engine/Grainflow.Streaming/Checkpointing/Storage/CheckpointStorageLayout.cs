using System.Globalization;

namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// Owns every storage path of one job: checkpoint directories, state files, manifests, the latest pointer,
/// savepoints and the names of temporary files. Paths are relative to the storage root, use <c>/</c> as the
/// separator, and map one-to-one onto blob names.
/// </summary>
/// <remarks>
/// <code>
/// &lt;jobId&gt;/_latest                         the published pointer (conditionally updated)
/// &lt;jobId&gt;/chk-&lt;N&gt;/_metadata              manifest of checkpoint N (written last, create-only)
/// &lt;jobId&gt;/chk-&lt;N&gt;/&lt;operator&gt;_kg-&lt;a&gt;-&lt;b&gt;  state file of one task
/// &lt;jobId&gt;/savepoints/&lt;name&gt;/...           savepoints, never touched by retention
/// </code>
/// Instances are immutable and thread-safe.
/// </remarks>
public sealed class CheckpointStorageLayout
{
    /// <summary>File name of a checkpoint's manifest.</summary>
    public const string ManifestFileName = "_metadata";

    /// <summary>File name of the job's latest-checkpoint pointer.</summary>
    public const string LatestPointerFileName = "_latest";

    /// <summary>Prefix of a checkpoint directory's name; the checkpoint id follows, in decimal.</summary>
    public const string CheckpointDirectoryPrefix = "chk-";

    /// <summary>
    /// Name of a storage implementation's private lock file at the root; private (starts with <c>.</c>), so
    /// never listed.
    /// </summary>
    public const string LockFileName = ".lock";

    /// <summary>Name of the directory that holds a job's savepoints.</summary>
    public const string SavepointsDirectoryName = "savepoints";

    // Blob names may be 1024 characters; keeping each segment short leaves room for the root prefix.
    private const int MaxNameLength = 128;

    private const string KeyGroupSeparator = "_kg-";

    /// <summary>Creates the layout of the job <paramref name="jobId"/>.</summary>
    /// <exception cref="ArgumentException">The job id is empty, too long or contains characters other than
    /// ASCII letters, digits, <c>-</c>, <c>_</c> and <c>.</c>, or does not start with a letter or digit.</exception>
    public CheckpointStorageLayout(string jobId)
    {
        ValidateName(jobId, nameof(jobId), "job id");
        JobId = jobId;
    }

    /// <summary>The job whose paths this layout produces.</summary>
    public string JobId { get; }

    /// <summary>The path of the latest-checkpoint pointer.</summary>
    public string LatestPointerPath => $"{JobId}/{LatestPointerFileName}";

    /// <summary>The listing prefix that matches every object of every checkpoint directory of the job.</summary>
    public string CheckpointsPrefix => $"{JobId}/{CheckpointDirectoryPrefix}";

    /// <summary>The directory (with a trailing <c>/</c>) of checkpoint <paramref name="checkpointId"/>.</summary>
    public string CheckpointDirectory(long checkpointId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(checkpointId);
        return string.Create(CultureInfo.InvariantCulture, $"{JobId}/{CheckpointDirectoryPrefix}{checkpointId}/");
    }

    /// <summary>The manifest path of checkpoint <paramref name="checkpointId"/>.</summary>
    public string ManifestPath(long checkpointId) => CheckpointDirectory(checkpointId) + ManifestFileName;

    /// <summary>The state file path of <paramref name="task"/> in checkpoint <paramref name="checkpointId"/>.</summary>
    public string StateFilePath(long checkpointId, TaskStateKey task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return CheckpointDirectory(checkpointId) + TaskFileName(task);
    }

    /// <summary>The prefix of every savepoint of the job.</summary>
    public string SavepointsPrefix => $"{JobId}/{SavepointsDirectoryName}/";

    /// <summary>The directory (with a trailing <c>/</c>) of the savepoint <paramref name="savepointName"/>.</summary>
    /// <exception cref="ArgumentException">The name breaks the same rules as a job id.</exception>
    public string SavepointDirectory(string savepointName)
    {
        ValidateName(savepointName, nameof(savepointName), "savepoint name");
        return $"{JobId}/{SavepointsDirectoryName}/{savepointName}/";
    }

    /// <summary>The manifest path of the savepoint <paramref name="savepointName"/>.</summary>
    public string SavepointManifestPath(string savepointName) => SavepointDirectory(savepointName) + ManifestFileName;

    /// <summary>The state file path of <paramref name="task"/> in the savepoint <paramref name="savepointName"/>.</summary>
    public string SavepointStateFilePath(string savepointName, TaskStateKey task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return SavepointDirectory(savepointName) + TaskFileName(task);
    }

    /// <summary>
    /// Splits a path inside one of this job's checkpoint directories into the checkpoint id and the file name.
    /// Returns <see langword="false"/> for any other path, including nested ones.
    /// </summary>
    public bool TryParseCheckpointPath(string path, out long checkpointId, out string fileName)
    {
        ArgumentNullException.ThrowIfNull(path);
        checkpointId = 0;
        fileName = string.Empty;
        var prefix = CheckpointsPrefix;
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = path.AsSpan(prefix.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0 || rest[(slash + 1)..].IndexOf('/') >= 0 || slash == rest.Length - 1)
        {
            return false;
        }

        var idText = rest[..slash];
        // Reject "chk-007" and "chk-+7": the id must round-trip, or two directories could claim one checkpoint.
        if (idText[0] is < '1' or > '9'
            || !long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out checkpointId))
        {
            checkpointId = 0;
            return false;
        }

        fileName = rest[(slash + 1)..].ToString();
        return true;
    }

    /// <summary>
    /// Whether <paramref name="path"/> can be a state file of checkpoint <paramref name="checkpointId"/>: directly
    /// inside its directory, and neither its manifest nor a private name.
    /// </summary>
    public bool IsStateFileOf(string path, long checkpointId) =>
        TryParseCheckpointPath(path, out var id, out var fileName)
        && id == checkpointId
        && fileName != ManifestFileName
        && !IsPrivateName(fileName);

    /// <summary>The file name of a task's state: <c>&lt;operatorId&gt;_kg-&lt;start&gt;-&lt;end&gt;</c>.</summary>
    public static string TaskFileName(TaskStateKey task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{task.OperatorId}{KeyGroupSeparator}{task.KeyGroupStart}-{task.KeyGroupEnd}");
    }

    /// <summary>
    /// Whether a file name is a temporary or private file of a storage implementation. Such names start with
    /// <c>.</c>, which no validated name can, so listings can hide them without ambiguity.
    /// </summary>
    public static bool IsPrivateName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return fileName.StartsWith('.');
    }

    /// <summary>A unique temporary name for a file that will be renamed to <paramref name="finalName"/>.</summary>
    public static string TemporaryFileName(string finalName) => $".{finalName}.{Guid.NewGuid():N}.tmp";

    /// <summary>
    /// Validates a job id, savepoint name or operator id: 1 to 128 ASCII letters, digits, <c>-</c>, <c>_</c> or
    /// <c>.</c>, starting with a letter or digit (so it can never be mistaken for a temporary or reserved name).
    /// </summary>
    /// <exception cref="ArgumentException">The name breaks the rules; the message says which.</exception>
    public static void ValidateName(string value, string paramName, string what)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.Length is 0 or > MaxNameLength)
        {
            throw new ArgumentException(
                $"The {what} must have 1 to {MaxNameLength} characters; '{value}' has {value.Length}.", paramName);
        }

        if (!char.IsAsciiLetterOrDigit(value[0]))
        {
            throw new ArgumentException(
                $"The {what} '{value}' must start with an ASCII letter or digit.", paramName);
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                throw new ArgumentException(
                    $"The {what} '{value}' contains '{c}'; only ASCII letters, digits, '-', '_' and '.' are allowed.",
                    paramName);
            }
        }
    }
}
