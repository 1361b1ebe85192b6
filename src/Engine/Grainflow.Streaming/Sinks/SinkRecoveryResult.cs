namespace Grainflow.Streaming.Sinks;

/// <summary>What <c>TransactionalFileSinkWriter.RecoverAsync</c> did to one sink subtask's files.</summary>
/// <param name="CommittedFiles">The final names of the epochs the manifest lists, whether renamed by this recovery or
/// committed before it.</param>
/// <param name="DiscardedFiles">The staging files deleted: epochs no completed checkpoint covers.</param>
public sealed record SinkRecoveryResult(IReadOnlyList<string> CommittedFiles, IReadOnlyList<string> DiscardedFiles);
