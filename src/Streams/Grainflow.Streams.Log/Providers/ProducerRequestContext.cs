namespace Grainflow.Streams.Log.Providers;

/// <summary>
/// The <see cref="RequestContext"/> keys through which a producer's id and sequence number travel with the standard
/// stream API (<c>IAsyncStream&lt;T&gt;.OnNextAsync</c>): Orleans hands the producer's request context to the queue
/// adapter, which stores them in the record's header. <see cref="Producers.IdempotentStreamProducer{T}"/> sets them.
/// </summary>
public static class ProducerRequestContext
{
    /// <summary>The key of the producer id (a string naming one sequential writer of one stream).</summary>
    public const string ProducerIdKey = "grainflow.producer-id";

    /// <summary>The key of the append's sequence number (a long: 0, 1, 2, ... per producer id).</summary>
    public const string SequenceKey = "grainflow.producer-sequence";

    /// <summary>
    /// Takes the producer id and sequence out of an exported request context (the adapter stores them in the record
    /// header, not in the context delivered to consumers).
    /// </summary>
    /// <returns>The remaining context, or null when nothing remains.</returns>
    /// <exception cref="ArgumentException">Only one of the two keys is set, or one has the wrong type.</exception>
    internal static Dictionary<string, object>? Extract(Dictionary<string, object>? context, out string? producerId, out long sequence)
    {
        producerId = null;
        sequence = 0;
        if (context is null)
        {
            return null;
        }

        if (!context.ContainsKey(ProducerIdKey) && !context.ContainsKey(SequenceKey))
        {
            return context.Count == 0 ? null : context;
        }

        // A copy: the dictionary may be the producer's own.
        context = new Dictionary<string, object>(context, context.Comparer);
        var hasId = context.Remove(ProducerIdKey, out var id);
        var hasSequence = context.Remove(SequenceKey, out var number);
        {
            if (!hasId || !hasSequence || id is not string idText || idText.Length == 0 || number is not long value || value < 0)
            {
                throw new ArgumentException(
                    $"An idempotent append needs request context '{ProducerIdKey}' (a non-empty string) and '{SequenceKey}' "
                    + "(a non-negative long) together; set both, or neither.");
            }

            producerId = idText;
            sequence = value;
        }

        return context.Count == 0 ? null : context;
    }
}
