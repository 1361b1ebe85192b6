namespace Grainflow.Storage.AzureBlob.Tests.Fakes;

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset SentAt);
