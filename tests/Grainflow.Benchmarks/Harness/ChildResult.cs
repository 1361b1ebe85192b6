using System.Globalization;

namespace Grainflow.Benchmarks.Harness;

/// <summary>
/// What a measuring child process reports: one line "RESULT name=value ..." on standard output, values in the
/// invariant culture.
/// </summary>
internal sealed class ChildResult
{
    private const string Prefix = "RESULT ";
    private readonly Dictionary<string, double> _values;

    private ChildResult(Dictionary<string, double> values) => _values = values;

    public double this[string name] => _values.TryGetValue(name, out var value)
        ? value
        : throw new InvalidOperationException($"The child process did not report '{name}'.");

    public static string Format(IEnumerable<(string Name, double Value)> values) =>
        Prefix + string.Join(' ', values.Select(v => $"{v.Name}={v.Value.ToString("R", CultureInfo.InvariantCulture)}"));

    public static bool TryParse(string line, out ChildResult? result)
    {
        result = null;
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in line[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            values[pair[..equals]] = double.Parse(pair[(equals + 1)..], CultureInfo.InvariantCulture);
        }

        result = new ChildResult(values);
        return true;
    }
}
