namespace Grainflow.Tests.Shared.Azurite;

// Linked into the xunit test projects only, so that the benchmarks can start Azurite without referencing xunit.
public partial class AzuriteFixture : IAsyncLifetime;
