namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>Where the producers run.</summary>
internal enum AppendOrigin
{
    /// <summary>In an Orleans client connected through the silo's gateway (a console app's path).</summary>
    Client,

    /// <summary>In producer grains on the silo.</summary>
    Grain,
}
