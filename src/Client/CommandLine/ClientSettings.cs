namespace Grainflow.Client.CommandLine;

/// <summary>What the global options say. The token is a secret: it is left out of <see cref="ToString"/>.</summary>
internal sealed record ClientSettings(Uri Silo, string? Token, string Job, bool Json)
{
    public override string ToString() => $"silo {Silo}, job {Job}{(Json ? ", json" : string.Empty)}";
}
