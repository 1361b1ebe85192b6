using Grainflow.Silo.CommandLine;

return await CommandLineRunner.RunAsync(args, Console.Out, Console.Error);
