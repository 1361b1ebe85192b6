using Grainflow.Storage.AzureBlob.Sas;

namespace Grainflow.Storage.AzureBlob.Tests.Azurite;

/// <summary>Container and blob SAS: what they allow, what they refuse, and SAS connection strings.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ServiceSasAzuriteTests : IDisposable
{
    private readonly AzuriteFixture _azurite;
    private readonly CountingHandler _transport = new();
    private readonly BlobClientOptions _options;
    private readonly BlobContainerClient _container;

    public ServiceSasAzuriteTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _options = new BlobClientOptions { Transport = _transport };
        var admin = new BlobServiceClient(azurite.ServiceUri, azurite.Credential, _options);
        _container = admin.GetBlobContainerClient($"sas-{Guid.NewGuid():N}");
    }

    public void Dispose() => _transport.Dispose();

    [Fact]
    public async Task ContainerSas_ViaConnectionString_PutGetListDeleteWithinContainer()
    {
        await _container.CreateAsync();
        var sas = ContainerSas(SasPermissions.All);
        var service = new BlobServiceClient($"BlobEndpoint={_azurite.ServiceUri};SharedAccessSignature={sas}", _options);
        var container = service.GetBlobContainerClient(_container.Name);
        var blob = container.GetBlobClient("a/b.bin");

        await blob.UploadAsync(BinaryData.FromString("via sas"));
        var downloaded = await blob.DownloadContentAsync();
        var page = await container.GetBlobsPageAsync();
        var deleted = await blob.DeleteIfExistsAsync();

        Assert.Equal("via sas", downloaded.Content.ToString());
        Assert.Equal("a/b.bin", Assert.Single(page.Items).Name);
        Assert.True(deleted);
    }

    [Fact]
    public async Task ContainerSas_OtherContainer_Forbidden()
    {
        await _container.CreateAsync();
        var service = new BlobServiceClient(new Uri(_azurite.ServiceUri + "?" + ContainerSas(SasPermissions.All)), _options);

        var error = await Assert.ThrowsAsync<BlobStorageException>(() =>
            service.GetBlobContainerClient($"other-{Guid.NewGuid():N}").GetBlobClient("x").UploadAsync(BinaryData.FromString("x")));

        Assert.Equal(403, error.Status);
        Assert.DoesNotContain("sig=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlobSas_ReadOnly_ReadsButCannotWrite()
    {
        await _container.CreateAsync();
        await _container.GetBlobClient("ro").UploadAsync(BinaryData.FromString("read me"));
        var sas = new BlobSasBuilder
        {
            ContainerName = _container.Name,
            BlobName = "ro",
            Permissions = SasPermissions.Read,
            ExpiresOn = DateTimeOffset.UtcNow.AddHours(1),
        }.ToSasQuery(_azurite.Credential);
        var blob = new BlobServiceClient(new Uri(_azurite.ServiceUri + "?" + sas), _options).GetBlobContainerClient(_container.Name).GetBlobClient("ro");

        var content = await blob.DownloadContentAsync();
        var error = await Assert.ThrowsAsync<BlobStorageException>(() => blob.UploadAsync(BinaryData.FromString("overwrite")));

        Assert.Equal("read me", content.Content.ToString());
        Assert.Equal(403, error.Status);
    }

    private string ContainerSas(SasPermissions permissions) => new BlobSasBuilder
    {
        ContainerName = _container.Name,
        Permissions = permissions,
        ExpiresOn = DateTimeOffset.UtcNow.AddHours(1),
    }.ToSasQuery(_azurite.Credential);
}
