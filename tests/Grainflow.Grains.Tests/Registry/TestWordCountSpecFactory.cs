using Grainflow.Grains.Control;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.Tests.Cluster;
using Grainflow.Streaming.Execution;

namespace Grainflow.Grains.Tests.Registry;

/// <summary>
/// Starts the wordcount over an in-memory log from control options, as the silo's wordcount factory does from a
/// client's: "log" and "storage" are <see cref="TestObjects"/> keys, "output" a directory. Checkpoints are taken on
/// request only, so that the tests say which checkpoint a restart resumes from.
/// </summary>
internal sealed class TestWordCountSpecFactory : IJobSpecFactory
{
    public string Definition => TestJobs.WordCountLogDefinition;

    public Task<JobSpec> CreateAsync(string jobId, IReadOnlyDictionary<string, string> options, CancellationToken cancellationToken = default)
    {
        string Required(string name) => options.TryGetValue(name, out var value) ? value
            : throw new JobControlException(JobControlError.Invalid, $"The job needs the option '{name}'.");

        return Task.FromResult(new JobSpec(
            Definition,
            jobId,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["log"] = Required("log"), ["output"] = Required("output") },
            new CheckpointLocation(TestJobs.TestStorageKind, Required("storage")),
            new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan, SourcePollInterval = TimeSpan.FromMilliseconds(5) }));
    }
}
