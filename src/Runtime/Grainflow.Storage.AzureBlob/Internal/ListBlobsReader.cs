using System.Globalization;
using System.Xml.Linq;
using Grainflow.Storage.AzureBlob.Models;

namespace Grainflow.Storage.AzureBlob.Internal;

/// <summary>Parses the <c>EnumerationResults</c> document of List Blobs.</summary>
internal static class ListBlobsReader
{
    public static async Task<BlobPage> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var document = await XDocument.LoadAsync(stream, LoadOptions.None, cancellationToken).ConfigureAwait(false);
            return Parse(document);
        }
    }

    internal static BlobPage Parse(XDocument document)
    {
        var root = document.Root ?? throw new FormatException("List Blobs answered with an empty document.");
        var items = new List<BlobItem>();
        foreach (var blob in root.Element("Blobs")?.Elements("Blob") ?? [])
        {
            var properties = blob.Element("Properties");
            items.Add(new BlobItem
            {
                Name = blob.Element("Name")?.Value ?? throw new FormatException("A listed blob has no Name."),
                ContentLength = long.TryParse(properties?.Element("Content-Length")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var length) ? length : 0,
                ContentType = properties?.Element("Content-Type")?.Value,
                ETag = BlobResponseReader.ParseETag(properties?.Element("Etag")?.Value),
                LastModified = DateTimeOffset.TryParse(properties?.Element("Last-Modified")?.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var modified) ? modified : default,
            });
        }

        var next = root.Element("NextMarker")?.Value;
        return new BlobPage { Items = items, ContinuationToken = string.IsNullOrEmpty(next) ? null : next };
    }
}
