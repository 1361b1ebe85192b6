using System.Net;
using System.Net.Sockets;

namespace Grainflow.Tests.Shared;

/// <summary>Free loopback ports for silo processes.</summary>
internal static class LoopbackPorts
{
    /// <summary><paramref name="count"/> distinct ports nothing listens on (held open together while chosen, so they differ).</summary>
    public static int[] Free(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Dispose());
        }
    }
}
