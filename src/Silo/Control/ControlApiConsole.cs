namespace Grainflow.Silo.Control;

/// <summary>Where the control API announces the address it listens on (the silo's stdout).</summary>
internal sealed record ControlApiConsole(TextWriter Output);
