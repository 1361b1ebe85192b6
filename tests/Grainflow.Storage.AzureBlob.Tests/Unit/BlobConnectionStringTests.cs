using Grainflow.Storage.AzureBlob.Internal;

namespace Grainflow.Storage.AzureBlob.Tests.Unit;

public sealed class BlobConnectionStringTests
{
    [Fact]
    public void Parse_UseDevelopmentStorage_AzuriteWellKnownAccount()
    {
        var parsed = BlobConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), parsed.ServiceUri);
        Assert.Equal("devstoreaccount1", parsed.Credential?.AccountName);
        Assert.Null(parsed.SharedAccessSignature);
    }

    [Fact]
    public void Parse_AccountKeyWithPathStyleBlobEndpoint_UsesEndpoint()
    {
        var parsed = BlobConnectionString.Parse(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + BlobConnectionString.DevelopmentAccountKey +
            ";BlobEndpoint=http://127.0.0.1:10123/devstoreaccount1;");

        Assert.Equal(new Uri("http://127.0.0.1:10123/devstoreaccount1"), parsed.ServiceUri);
        Assert.Equal("devstoreaccount1", parsed.Credential?.AccountName);
    }

    [Fact]
    public void Parse_AccountKeyWithoutEndpoint_BuildsAzureEndpointFromSuffix()
    {
        var parsed = BlobConnectionString.Parse(
            "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + BlobConnectionString.DevelopmentAccountKey + ";EndpointSuffix=core.usgovcloudapi.net");

        Assert.Equal(new Uri("https://acct.blob.core.usgovcloudapi.net"), parsed.ServiceUri);
    }

    [Fact]
    public void Parse_BlobEndpointWithSas_KeepsSasOutOfServiceUri()
    {
        var parsed = BlobConnectionString.Parse("BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=?sv=2025-05-05&sig=a%2Bb%3D");

        Assert.Equal(new Uri("https://acct.blob.core.windows.net/"), parsed.ServiceUri);
        Assert.Equal("sv=2025-05-05&sig=a%2Bb%3D", parsed.SharedAccessSignature);
        Assert.Null(parsed.Credential);
    }

    [Theory]
    [InlineData("AccountName=acct")]
    [InlineData("AccountKey=secretvalue;BlobEndpoint=https://a/")]
    [InlineData("BlobEndpoint=not a uri;SharedAccessSignature=sig=secretvalue")]
    [InlineData("garbage-without-equals-secretvalue")]
    public void Parse_Malformed_ThrowsFormatExceptionWithoutValues(string connectionString)
    {
        var error = Assert.Throws<FormatException>(() => BlobConnectionString.Parse(connectionString));

        Assert.DoesNotContain("secretvalue", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UseDevelopmentStorage_ClientTargetsWellKnownEndpoint()
    {
        var service = new BlobServiceClient("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), service.Uri);
        Assert.Equal("devstoreaccount1", service.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1/c/x/y"), service.GetBlobContainerClient("c").GetBlobClient("x/y").Uri);
    }
}
