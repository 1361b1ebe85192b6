using Grainflow.Silo.CommandLine;

// First of all: a signal that arrives while the silo is still being built must stop it in order, not end the process.
using var stopSignals = StopSignals.Register();
return await CommandLineRunner.RunAsync(args, Console.Out, Console.Error, stopSignals.Token);
