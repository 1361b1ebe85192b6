namespace Grainflow.Tests.Shared.Azurite;

/// <summary>
/// Azurite with the table service beside the blob service (Azure Table membership of silo processes, table grain
/// storage); its <see cref="AzuriteFixture.ConnectionString"/> carries both endpoints.
/// </summary>
public sealed class AzuriteTableFixture : AzuriteFixture
{
    public AzuriteTableFixture()
        : base(withTables: true)
    {
    }
}
