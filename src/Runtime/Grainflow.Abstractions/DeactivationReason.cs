namespace Grainflow;

/// <summary>Why an activation is being deactivated, with a human-readable description.</summary>
public readonly record struct DeactivationReason(DeactivationReasonCode Code, string Description)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Code}: {Description}";
}
