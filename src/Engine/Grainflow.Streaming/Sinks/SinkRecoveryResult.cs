namespace Grainflow.Streaming.Sinks;

/// <summary>What <c>TransactionalFileSinkWriter.RecoverAsync</c> did to one sink subtask's files.</summary>
/// <param name="CommittedFiles">The final names of the epochs the manifest lists, whether renamed by this recovery or
/// committed before it.</param>
/// <param name="DiscardedFiles">The staging files deleted: epochs no completed checkpoint covers.</param>
/// <param name="ConsumedFiles">Those of <paramref name="CommittedFiles"/> that are gone, as are their staged files: they
/// were committed before and a consumer moved or deleted them since. They count as committed and are not written again.</param>
public sealed record SinkRecoveryResult(IReadOnlyList<string> CommittedFiles, IReadOnlyList<string> DiscardedFiles, IReadOnlyList<string> ConsumedFiles);
