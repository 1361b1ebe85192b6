namespace Grainflow.Storage.AzureBlob.Tests.Azurite;

/// <summary>All Azurite test classes share one emulator process.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
