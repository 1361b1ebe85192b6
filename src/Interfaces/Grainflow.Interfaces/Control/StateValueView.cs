namespace Grainflow.Interfaces.Control;

/// <summary>The keyed state of one key of one operator of a running job.</summary>
/// <param name="OperatorId">The operator.</param>
/// <param name="Key">The key, as text.</param>
/// <param name="StateName">The state read.</param>
/// <param name="Found">Whether the key has a value.</param>
/// <param name="Value">The value as text, when found.</param>
public sealed record StateValueView(string OperatorId, string Key, string StateName, bool Found, string? Value);
