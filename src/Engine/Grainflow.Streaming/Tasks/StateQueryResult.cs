namespace Grainflow.Streaming.Tasks;

/// <summary>The answer to a queryable-state read.</summary>
/// <param name="StateName">The state read.</param>
/// <param name="Found">Whether the key has a value.</param>
/// <param name="Value">The value as text (invariant culture), when found.</param>
[GenerateSerializer]
public sealed record StateQueryResult(string StateName, bool Found, string? Value);
