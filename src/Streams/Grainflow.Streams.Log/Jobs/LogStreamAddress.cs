namespace Grainflow.Streams.Log.Jobs;

/// <summary>
/// A stream namespace of a log stream provider, written <c>&lt;provider&gt;/&lt;namespace&gt;</c> (for example
/// <c>grainflow/lines</c>): how job parameters and command-line options name a job's stream input or output.
/// </summary>
/// <param name="Provider">The provider's name, as registered with <c>AddGrainflowLogStreams</c>.</param>
/// <param name="Namespace">The stream namespace.</param>
public readonly record struct LogStreamAddress(string Provider, string Namespace)
{
    /// <summary>Parses <c>&lt;provider&gt;/&lt;namespace&gt;</c>; the namespace is everything after the first '/'.</summary>
    /// <exception cref="ArgumentException">The text is not of that form.</exception>
    public static LogStreamAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1 || string.IsNullOrWhiteSpace(text[..slash]) || string.IsNullOrWhiteSpace(text[(slash + 1)..]))
        {
            throw new ArgumentException($"'{text}' is not a stream address: write <provider>/<namespace>, for example grainflow/lines.", nameof(text));
        }

        return new LogStreamAddress(text[..slash], text[(slash + 1)..]);
    }

    /// <summary>Returns <c>&lt;provider&gt;/&lt;namespace&gt;</c>.</summary>
    public override string ToString() => Provider + "/" + Namespace;
}
