using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;

namespace Grainflow.Client.Output;

/// <summary>Writes a command's answer: the DTO's JSON with --json, otherwise a human rendering (Spectre tables).</summary>
internal sealed class CommandOutput
{
    private const int RedirectedWidth = 240;

    private readonly TextWriter _writer;
    private readonly bool _json;

    public CommandOutput(TextWriter writer, bool json)
    {
        _writer = writer;
        _json = json;
        Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (!ReferenceEquals(writer, System.Console.Out) || System.Console.IsOutputRedirected)
        {
            // Spectre assumes 80 columns when there is no terminal; a file or pipe should get whole rows.
            Console.Profile.Width = RedirectedWidth;
        }
    }

    /// <summary>The console human renderings write to; plain text, without colours, when output is redirected.</summary>
    public IAnsiConsole Console { get; }

    public void Write<T>(T value, JsonTypeInfo<T> typeInfo, Action<IAnsiConsole, T> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        if (_json)
        {
            _writer.WriteLine(JsonSerializer.Serialize(value, typeInfo));
        }
        else
        {
            render(Console, value);
        }
    }

    /// <summary>Reports an action the silo answered without a body: a line for humans, nothing with --json (the exit code says it).</summary>
    public void WriteDone(string message)
    {
        if (!_json)
        {
            Console.WriteLine(message);
        }
    }
}
