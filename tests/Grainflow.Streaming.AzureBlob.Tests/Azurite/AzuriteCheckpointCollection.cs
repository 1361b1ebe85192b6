using Grainflow.Tests.Shared.Azurite;

namespace Grainflow.Streaming.AzureBlob.Tests.Azurite;

/// <summary>The checkpoint tests of this assembly share one Azurite process; each test uses its own container.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCheckpointCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite checkpoints";
}
