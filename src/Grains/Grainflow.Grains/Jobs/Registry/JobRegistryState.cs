namespace Grainflow.Grains.Jobs.Registry;

/// <summary>What the job registry keeps in grain storage: every job by id.</summary>
[GenerateSerializer]
public sealed class JobRegistryState
{
    /// <summary>The jobs, by job id.</summary>
    [Id(0)]
    public Dictionary<string, JobRecord> Jobs { get; set; } = new(StringComparer.Ordinal);
}
