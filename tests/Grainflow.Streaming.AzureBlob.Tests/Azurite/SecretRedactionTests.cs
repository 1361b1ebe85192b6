using Azure;
using Azure.Storage.Sas;
using Grainflow.Streaming.AzureBlob.Faults;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Tests.Shared.Azurite;

namespace Grainflow.Streaming.AzureBlob.Tests.Azurite;

/// <summary>Account keys and SAS signatures never reach an exception message or a log line, whatever fails.</summary>
[Collection(AzuriteCheckpointCollection.Name)]
public sealed class SecretRedactionTests(AzuriteFixture azurite) : AzuriteContainerTests(azurite)
{
    private const string StatePath = "job-1/chk-1/op-a_kg-0-0";

    [Fact]
    public async Task CreateAsync_WrongAccountKey_ForbiddenErrorAndLogsNeverContainTheKey()
    {
        var key = Convert.ToBase64String(Enumerable.Range(0, 64).Select(i => (byte)(i * 7)).ToArray());
        var connectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={key};BlobEndpoint={Azurite.ServiceUri};";
        var storage = CreateStorage(connectionString);

        var error = await Assert.ThrowsAsync<RequestFailedException>(async () => await WriteAsync(storage));

        Assert.Equal(403, error.Status);
        AssertNowhere(key, error);
        Assert.DoesNotContain(key, storage.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operations_SasWithForgedSignature_ForbiddenErrorAndLogsNeverContainTheSignature()
    {
        var sas = ValidSas();
        var forged = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray());
        var forgedSas = sas[..(sas.IndexOf("sig=", StringComparison.Ordinal) + 4)] + Uri.EscapeDataString(forged);
        var storage = CreateStorage($"BlobEndpoint={Azurite.ServiceUri};SharedAccessSignature={forgedSas}");

        var error = await Assert.ThrowsAsync<RequestFailedException>(async () => await WriteAsync(storage));

        Assert.Equal(403, error.Status);
        AssertNowhere(forged, error);
        AssertNowhere(Uri.EscapeDataString(forged), error);
        Assert.Equal(new Uri($"{Azurite.ServiceUri}/{ContainerName}"), storage.ContainerUri);
    }

    [Fact]
    public async Task Operations_ValidSasWithRetriesAndConflicts_MessagesAndLogsNeverContainTheSignature()
    {
        var sas = ValidSas();
        var signature = Uri.UnescapeDataString(sas[(sas.IndexOf("sig=", StringComparison.Ordinal) + 4)..].Split('&')[0]);
        var flaky = new FlakyBlobPolicy(seed: 3);
        var storage = CreateStorage($"BlobEndpoint={Azurite.ServiceUri};SharedAccessSignature={sas}", flaky);
        await WriteAsync(storage);
        var conflict = await Assert.ThrowsAsync<CheckpointConflictException>(async () => await WriteAsync(storage));
        flaky.FailureRate = 1;

        var unavailable = await Assert.ThrowsAsync<RequestFailedException>(async () => await storage.TryReadVersionedAsync("job-1/_latest"));

        Assert.Contains(Log.Entries, e => e.Text.Contains(ContainerName, StringComparison.Ordinal));
        Assert.Equal(new Uri($"{Azurite.ServiceUri}/{ContainerName}"), storage.ContainerUri);
        foreach (var form in new[] { signature, Uri.EscapeDataString(signature) })
        {
            AssertNowhere(form, conflict);
            AssertNowhere(form, unavailable);
        }
    }

    private BlobCheckpointStorage CreateStorage(string connectionString, FlakyBlobPolicy? faults = null)
    {
        var logger = Log.CreateLogger<BlobCheckpointStorage>();
        return new BlobCheckpointStorage(
            new BlobCheckpointStorageOptions
            {
                ConnectionString = connectionString,
                ContainerName = ContainerName,
                ClientOptions = TestStorage.ClientOptions(faults: faults, maxRetries: 2, retryLogger: logger),
            },
            logger);
    }

    private static ValueTask WriteAsync(BlobCheckpointStorage storage) =>
        storage.CreateAsync(StatePath, (stream, token) => stream.WriteAsync("state"u8.ToArray(), token));

    private string ValidSas() => new AccountSasBuilder(
        AccountSasPermissions.All,
        DateTimeOffset.UtcNow.AddHours(1),
        AccountSasServices.Blobs,
        AccountSasResourceTypes.All)
    {
        Protocol = SasProtocol.HttpsAndHttp,
    }.ToSasQueryParameters(Azurite.Credential).ToString();

    private void AssertNowhere(string secret, Exception error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            Assert.DoesNotContain(secret, current.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(Log.Entries);
        Assert.All(Log.Entries, e => Assert.DoesNotContain(secret, e.Text, StringComparison.Ordinal));
    }
}
