using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.AzureBlob;

/// <summary>Maps checkpoint storage paths to blob names under an optional prefix, and back.</summary>
internal sealed class BlobNameMapper
{
    // The service's limit on a blob name.
    private const int MaxBlobNameLength = 1024;

    public BlobNameMapper(string? prefix)
    {
        var trimmed = prefix?.Trim('/') ?? string.Empty;
        if (trimmed.Length > 0)
        {
            Validate(trimmed, nameof(prefix));
        }

        Prefix = trimmed.Length == 0 ? string.Empty : trimmed + "/";
    }

    /// <summary>The blob-name prefix: empty, or ending with <c>/</c>.</summary>
    public string Prefix { get; }

    /// <exception cref="ArgumentException">The path has an empty segment, a segment starting with <c>.</c> (reserved
    /// for private objects), a backslash, or makes a blob name longer than the service allows.</exception>
    public string ToBlobName(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Validate(path, nameof(path));
        var name = Prefix + path;
        if (name.Length > MaxBlobNameLength)
        {
            throw new ArgumentException($"'{path}' makes a blob name longer than {MaxBlobNameLength} characters.", nameof(path));
        }

        return name;
    }

    /// <summary>The listing prefix for a path prefix; any string is a valid path prefix.</summary>
    public string ToBlobPrefix(string pathPrefix) => Prefix + pathPrefix;

    /// <summary>The path of a listed blob, or <see langword="null"/> for a private or foreign blob.</summary>
    public string? ToPath(string blobName)
    {
        if (!blobName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var path = blobName[Prefix.Length..];
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || CheckpointStorageLayout.IsPrivateName(segment))
            {
                return null;
            }
        }

        return path;
    }

    private static void Validate(string path, string parameterName)
    {
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || CheckpointStorageLayout.IsPrivateName(segment) || segment.Contains('\\', StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"'{path}' is not a storage path: segments must be non-empty, must not start with '.', and use '/' as the separator.",
                    parameterName);
            }
        }
    }
}
