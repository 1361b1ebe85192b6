using Grainflow.Client.CommandLine;

return await ClientRunner.RunAsync(args, Console.Out, Console.Error);
