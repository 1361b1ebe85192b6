using System.Security.Cryptography;
using System.Text;

namespace Grainflow.Grains.Tests.CrashStates;

/// <summary>The files and directories a power loss leaves under the recorded root, and where in the run it happened.</summary>
/// <param name="Entries">Paths relative to the root ('/'-separated): a file's content, or null for a directory.</param>
/// <param name="Origin">The first crash point that leaves this state, for messages.</param>
internal sealed record CrashState(IReadOnlyDictionary<string, byte[]?> Entries, string Origin)
{
    /// <summary>Equal for equal states, whatever the order of entries: what identical states collapse on.</summary>
    public string Key { get; } = KeyOf(Entries);

    /// <summary>Writes the state into <paramref name="root"/>, which must not exist yet.</summary>
    public void Materialize(string root)
    {
        Directory.CreateDirectory(root);
        foreach (var (path, content) in Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var full = Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));
            if (content is null)
            {
                Directory.CreateDirectory(full);
            }
            else
            {
                File.WriteAllBytes(full, content);
            }
        }
    }

    /// <summary>The state as a listing: one line per entry, a file with its length.</summary>
    public string Describe() => string.Join(
        Environment.NewLine,
        Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value is null ? e.Key + "/" : $"{e.Key} ({e.Value.Length} bytes)"));

    private static string KeyOf(IReadOnlyDictionary<string, byte[]?> entries)
    {
        var key = new StringBuilder();
        foreach (var (path, content) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            key.Append(path).Append('\0').Append(content is null ? "dir" : Convert.ToHexString(SHA256.HashData(content))).Append('\n');
        }

        return key.ToString();
    }
}
