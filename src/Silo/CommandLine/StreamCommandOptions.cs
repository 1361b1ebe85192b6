using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Grainflow.Silo.Jobs;
using Grainflow.Silo.Streams;
using Grainflow.Streams.Log;

namespace Grainflow.Silo.CommandLine;

/// <summary>The options of the log stream provider the silo hosts (<c>serve</c> and <c>wordcount</c>).</summary>
internal sealed class StreamCommandOptions
{
    public const string StoreOption = "--stream-store";
    public const string StoreUrlOption = "--stream-store-url";

    // The provider's own bound (GrainflowLogStreamOptionsValidator).
    private const int MaxPartitions = 1024;

    public Option<string> Directory { get; } = new("--stream-log")
    {
        Description = $"The directory of the '{SiloStreamSettings.ProviderName}' stream provider's partitions, created if missing; every silo of a " +
                      $"cluster must see the same one (or use --stream-store) [default: ./{SiloStreamSettings.DefaultDirectory}]",
        HelpName = "dir",
    };

    public Option<string> Store { get; } = new(StoreOption)
    {
        Description = "Keep the stream provider's partitions, delivery marks and sink staging in Azure Blob Storage instead of --stream-log, so " +
                      "that silos on any machine share them: an Azure Storage connection string (UseDevelopmentStorage=true for Azurite, an " +
                      "account-key or a SAS connection string); never printed",
        HelpName = "connection-string",
    };

    public Option<Uri> StoreUrl { get; } = new(StoreUrlOption)
    {
        Description = "Keep the stream provider's partitions in Azure Blob Storage, signing in with Microsoft Entra (DefaultAzureCredential): " +
                      "the account's https://<account>.blob.core.windows.net, or a container's URL",
        HelpName = "url",
        CustomParser = ParseStoreUrl,
    };

    public Option<string> Container { get; } = new("--stream-container")
    {
        Description = $"The blob container of --stream-store or of an account's --stream-store-url, created if missing [default: {GrainflowLogStreamOptions.DefaultContainerName}]",
        HelpName = "name",
        CustomParser = ParseContainerName,
    };

    public Option<int?> Partitions { get; } = new("--stream-partitions")
    {
        Description = "The stream provider's partition count: the same on every silo and producing client, fixed for the life of its " +
                      $"partitions (--stream-log or --stream-store) [default: {GrainflowLogStreamOptions.DefaultPartitions}]",
        HelpName = "n",
        CustomParser = ParsePartitions,
    };

    public IEnumerable<Option> All => [Directory, Store, StoreUrl, Container, Partitions];

    /// <exception cref="UsageException">The connection string is malformed (the message names no value of it).</exception>
    public SiloStreamSettings Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var settings = new SiloStreamSettings
        {
            Directory = parseResult.GetValue(Directory) ?? SiloStreamSettings.DefaultDirectory,
            Partitions = parseResult.GetValue(Partitions) ?? GrainflowLogStreamOptions.DefaultPartitions,
            StoreConnectionString = parseResult.GetValue(Store),
            StoreUrl = parseResult.GetValue(StoreUrl),
            Container = parseResult.GetValue(Container) ?? GrainflowLogStreamOptions.DefaultContainerName,
        };
        if (settings.InBlobStorage)
        {
            try
            {
                _ = settings.ContainerClient();
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException)
            {
                var option = settings.StoreUrl is null ? StoreOption : StoreUrlOption;
                throw new UsageException($"{option} is not usable: {exception.Message.Split(" (Parameter", 2)[0]}", exception);
            }
        }

        return settings;
    }

    /// <summary>Adds an error for each combination that cannot work: one place for the partitions, a container only for a store.</summary>
    public void Validate(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string[] places = [.. new[] { ("--stream-log", (Option)Directory), (StoreOption, Store), (StoreUrlOption, StoreUrl) }
            .Where(o => result.GetResult(o.Item2) is not null).Select(o => o.Item1)];
        if (places.Length > 1)
        {
            result.AddError($"Options {string.Join(" and ", places.Select(p => $"'{p}'"))} exclude each other; pass one of them.");
        }

        if (result.GetResult(Container) is not null && result.GetResult(Store) is null && result.GetResult(StoreUrl) is null)
        {
            result.AddError($"Option '--stream-container' applies only with '{StoreOption}' or '{StoreUrlOption}'.");
        }
    }

    private static Uri? ParseStoreUrl(ArgumentResult result)
    {
        if (WordCountOptionRules.CheckStoreUrl(result.SingleToken(), out var url, StoreUrlOption, StoreOption) is { } error)
        {
            result.AddError(error);
            return null;
        }

        return url;
    }

    private static string ParseContainerName(ArgumentResult result)
    {
        var text = result.SingleToken();
        if (WordCountOptionRules.CheckContainerName(text, "--stream-container") is { } error)
        {
            result.AddError(error);
            return string.Empty;
        }

        return text;
    }

    private static int? ParsePartitions(ArgumentResult result)
    {
        var text = result.SingleToken();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var partitions) && partitions is >= 1 and <= MaxPartitions)
        {
            return partitions;
        }

        result.AddError($"Option '--stream-partitions' expects a whole number from 1 to {MaxPartitions}, not '{text}'.");
        return null;
    }
}
