using Grainflow.Grains.Hosting;
using Grainflow.Grains.Jobs;
using Grainflow.Silo.Faults;
using Grainflow.Streaming.Checkpointing.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grainflow.Silo.Jobs;

/// <summary>
/// The checkpoint storage kinds every grainflow-silo opens: local directories, and blob containers by connection
/// string or by URL with Microsoft Entra. Each is opened from the location alone, so a silo opens whatever location a
/// job started anywhere on the cluster names; all carry the crash tests' fault hook (<see cref="PausingCheckpointStorage"/>).
/// </summary>
internal static class SiloCheckpointStorages
{
    public static void Register(GrainflowOptions grainflow, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(grainflow);
        ArgumentNullException.ThrowIfNull(output);
        grainflow.AddCheckpointStorage(CheckpointLocation.LocalKind, (_, location) =>
            PausingCheckpointStorage.WrapIfRequested(new LocalCheckpointStorage(location.Address), output));
        foreach (var kind in new[] { BlobCheckpointTarget.Kind, BlobCheckpointTarget.UrlKind })
        {
            grainflow.AddCheckpointStorage(kind, (services, location) =>
                PausingCheckpointStorage.WrapIfRequested(BlobCheckpointTarget.Open(location, services.GetRequiredService<ILoggerFactory>()), output));
        }
    }
}
