namespace Grainflow.Streaming.KeyGroups;

/// <summary>An inclusive range of key groups: the unit of state one operator task owns.</summary>
public readonly record struct KeyGroupRange(int Start, int End)
{
    /// <summary>Whether <paramref name="keyGroup"/> lies in the range.</summary>
    public bool Contains(int keyGroup) => keyGroup >= Start && keyGroup <= End;

    /// <inheritdoc/>
    public override string ToString() => $"{Start}-{End}";
}
