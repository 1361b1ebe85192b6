namespace Grainflow.Storage.AzureBlob.Tests.Azurite;

/// <summary>The contract over Shared Key, configured through a path-style account-key connection string.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SharedKeyAzuriteTests(AzuriteFixture azurite) : BlobOperationsContractTests(azurite)
{
    protected override BlobServiceClient CreateServiceClient(BlobClientOptions options) => new(Azurite.ConnectionString, options);
}
