using Grainflow.Storage.AzureBlob.Sas;

namespace Grainflow.Storage.AzureBlob.Tests.Azurite;

/// <summary>The contract over an account SAS (generated with the account key) carried in the service URI.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AccountSasAzuriteTests(AzuriteFixture azurite) : BlobOperationsContractTests(azurite)
{
    protected override BlobServiceClient CreateServiceClient(BlobClientOptions options)
    {
        var sas = new AccountSasBuilder
        {
            Permissions = SasPermissions.All,
            ResourceTypes = AccountSasResourceTypes.All,
            ExpiresOn = DateTimeOffset.UtcNow.AddHours(1),
            Protocol = SasProtocol.HttpsAndHttp,
        }.ToSasQuery(Azurite.Credential);
        return new BlobServiceClient(new Uri(Azurite.ServiceUri + "?" + sas), options);
    }
}
