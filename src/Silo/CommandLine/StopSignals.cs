using System.Runtime.InteropServices;

namespace Grainflow.Silo.CommandLine;

/// <summary>
/// Turns SIGINT (Ctrl+C) and SIGTERM into a cancellation from the first line of Main on. Until the generic host installs
/// its own handlers (when a silo starts, well after the process did), the default action of these signals would end the
/// process at once, mid-write and with no exit code of ours; with this registration an early signal stops the command in
/// the same order as a later one. The host's handlers run too once it has them: both ask for the same stop.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;

    private StopSignals()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    /// <summary>Cancelled once the process receives SIGINT or SIGTERM.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Starts handling the signals; disposing restores their default action.</summary>
    public static StopSignals Register() => new();

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        // Off the signal thread: the token's callbacks start the stop, which must not run on the thread that delivers signals.
        _ = Task.Run(() =>
        {
            try
            {
                _stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // A signal as Main returns: nothing is left to stop.
            }
        });
    }
}
