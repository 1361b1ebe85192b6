namespace Grainflow.Streaming.Api;

/// <summary>
/// Formats a record as one line of sink output into <paramref name="destination"/>, without allocating.
/// Returns the number of characters written, or -1 when <paramref name="destination"/> is too small (the sink
/// retries with a larger buffer).
/// </summary>
public delegate int LineFormatter<in T>(T record, Span<char> destination);
