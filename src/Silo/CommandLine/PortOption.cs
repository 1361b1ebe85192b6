using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;

namespace Grainflow.Silo.CommandLine;

/// <summary>Options that take a TCP port, parsed and refused alike everywhere.</summary>
internal static class PortOption
{
    /// <summary>
    /// An optional port. No DefaultValueFactory: a port not given is told apart from one given (a validator may compare
    /// two, and a missing one may mean a free port); <paramref name="defaultText"/> says in help what happens then.
    /// </summary>
    public static Option<int?> Create(string name, string description, string defaultText) => new(name)
    {
        Description = $"{description} [default: {defaultText}]",
        HelpName = "port",
        CustomParser = result => Parse(name, result),
    };

    public static bool TryParse(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= IPEndPoint.MaxPort;

    private static int? Parse(string name, ArgumentResult result)
    {
        var text = result.SingleToken();
        if (TryParse(text, out var port))
        {
            return port;
        }

        result.AddError($"Option '{name}' expects a port number from 1 to {IPEndPoint.MaxPort}, not '{text}'.");
        return null;
    }
}
