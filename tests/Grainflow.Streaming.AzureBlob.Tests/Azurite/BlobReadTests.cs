using Grainflow.Streaming.AzureBlob.Tests.Fakes;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Tests.Shared.Azurite;

namespace Grainflow.Streaming.AzureBlob.Tests.Azurite;

/// <summary>
/// A download whose connection drops mid-body is resumed by the SDK from where it stopped, on the condition that the
/// blob is still the one it started reading: the bytes read are one version's, or the read fails as damaged.
/// </summary>
[Collection(AzuriteCheckpointCollection.Name)]
public sealed class BlobReadTests(AzuriteFixture azurite) : AzuriteContainerTests(azurite)
{
    private const string StatePath = "job-1/chk-1/op-a_kg-0-0";
    private const int BreakAfter = 1_000;

    private readonly byte[] _content = Enumerable.Range(0, 5_000).Select(i => (byte)(i * 13)).ToArray();

    [Fact]
    public async Task TryOpenReadAsync_ConnectionDropsMidBody_ResumesAndReadsTheWholeBlob()
    {
        var breaking = new BodyBreakingPolicy(BreakAfter);
        var storage = TestStorage.Create(Azurite, ContainerName, TestStorage.ClientOptions(faults: breaking));
        await storage.CreateAsync(StatePath, (stream, token) => stream.WriteAsync(_content, token));

        var read = await BlobCheckpointStorageTests.ReadAllAsync(storage, StatePath);

        Assert.Equal(_content, read);
        Assert.Equal(2, breaking.Downloads);
    }

    [Fact]
    public async Task TryOpenReadAsync_BlobReplacedBeforeTheReadResumes_ThrowsIntegrityException()
    {
        var breaking = new BodyBreakingPolicy(BreakAfter);
        var storage = TestStorage.Create(Azurite, ContainerName, TestStorage.ClientOptions(faults: breaking));
        var writer = TestStorage.Create(Azurite, ContainerName);
        await writer.CreateAsync(StatePath, (stream, token) => stream.WriteAsync(_content, token));
        await using var stream = await storage.TryOpenReadAsync(StatePath);
        var head = new byte[BreakAfter];
        await stream!.ReadExactlyAsync(head);

        Assert.True(await writer.DeleteAsync(StatePath));
        await writer.CreateAsync(StatePath, (s, token) => s.WriteAsync(new byte[_content.Length], token));
        var error = await Assert.ThrowsAsync<CheckpointIntegrityException>(() => stream.CopyToAsync(Stream.Null));

        Assert.Equal(_content.AsSpan(0, BreakAfter).ToArray(), head);
        Assert.Equal(StatePath, error.Path);
        Assert.Equal(2, breaking.Downloads);
    }
}
