namespace Grainflow.Storage.AzureBlob.Internal;

/// <summary>Builds resource addresses: path-style and virtual-host endpoints alike get <c>/container/blob</c> appended.</summary>
internal static class BlobUris
{
    public static Uri AppendContainer(Uri serviceUri, string containerName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(containerName);
        return new Uri(serviceUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + Uri.EscapeDataString(containerName));
    }

    /// <summary>Appends a blob name, escaping each segment but keeping '/' as the virtual directory separator.</summary>
    public static Uri AppendBlob(Uri containerUri, string blobName)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        var escaped = string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString));
        return new Uri(containerUri.GetLeftPart(UriPartial.Path) + "/" + escaped);
    }

    public static Uri WithQuery(Uri uri, string query) =>
        new(uri.GetLeftPart(UriPartial.Path) + "?" + query);

    public static Uri AppendQuery(Uri uri, string query)
    {
        if (query.Length == 0)
        {
            return uri;
        }

        var separator = string.IsNullOrEmpty(uri.Query) ? "?" : "&";
        return new Uri(uri.AbsoluteUri + separator + query);
    }

    /// <summary>The account from <c>account.blob.core.windows.net</c>, or from the first path segment of a path-style (emulator) endpoint.</summary>
    public static string? AccountNameOf(Uri serviceUri)
    {
        if (serviceUri.HostNameType == UriHostNameType.Dns && !serviceUri.IsLoopback)
        {
            var dot = serviceUri.Host.IndexOf('.', StringComparison.Ordinal);
            return dot > 0 ? serviceUri.Host[..dot] : null;
        }

        var segment = serviceUri.AbsolutePath.Trim('/').Split('/')[0];
        return segment.Length == 0 ? null : Uri.UnescapeDataString(segment);
    }
}
