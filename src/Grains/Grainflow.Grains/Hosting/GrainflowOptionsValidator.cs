using Microsoft.Extensions.Options;

namespace Grainflow.Grains.Hosting;

/// <summary>Refuses to start a silo whose Grainflow options cannot work, naming the setting to fix.</summary>
internal sealed class GrainflowOptionsValidator(IOptions<GrainflowOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var value = options.Value;
        if (value.TimerResolution <= TimeSpan.Zero)
        {
            throw new OrleansConfigurationException(
                $"{nameof(GrainflowOptions)}.{nameof(GrainflowOptions.TimerResolution)} must be positive (it is {value.TimerResolution}).");
        }
    }
}
