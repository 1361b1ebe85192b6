using Grainflow.Tests.Shared.Azurite;

namespace Grainflow.Streaming.AzureBlob.Tests.Azurite;

/// <summary>
/// The contract again under a prefix, next to a neighbour's objects with the same paths at the container's root and
/// under a longer prefix: every listing and read must stay inside the prefix.
/// </summary>
[Collection(AzuriteCheckpointCollection.Name)]
public sealed class PrefixedBlobCheckpointStorageContractTests(AzuriteFixture azurite) : BlobCheckpointStorageContractTests(azurite)
{
    protected override string? Prefix => "tenants/a";

    public override async Task InitializeAsync()
    {
        var container = TestStorage.Container(Azurite, ContainerName);
        await container.CreateIfNotExistsAsync();
        foreach (var name in new[] { "job-1/chk-1/op-a_kg-0-0", "job-1/_latest", "tenants/ab/job-1/chk-1/_metadata", "tenants/a/.private" })
        {
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString("a neighbour's object"));
        }
    }
}
