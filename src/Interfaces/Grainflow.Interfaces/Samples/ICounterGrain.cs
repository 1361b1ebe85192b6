namespace Grainflow.Interfaces.Samples;

/// <summary>
/// A named counter, the sample application's grain: the key is the counter's name. Increments are applied one
/// at a time in the order each caller made them, and the count survives deactivation (the grain saves it
/// when it is deactivated and, while active, at most a second after it changed).
/// </summary>
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds one to the count.</summary>
    /// <returns>The count after the increment.</returns>
    Task<long> IncrementAsync();

    /// <summary>The current count, including increments not yet saved.</summary>
    Task<long> GetCountAsync();
}
