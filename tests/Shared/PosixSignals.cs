using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Grainflow.Tests.Shared;

/// <summary>
/// Sends signals to child processes. SIGTERM rather than SIGINT: a child started from a non-interactive
/// shell inherits SIGINT as ignored, while the generic host stops gracefully on either.
/// </summary>
internal static class PosixSignals
{
    private const int SigTerm = 15;

    public static void Terminate(int processId)
    {
        if (Kill(processId, SigTerm) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError());
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int processId, int signal);
}
