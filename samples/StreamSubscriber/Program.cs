using Grainflow.Samples.StreamSubscriber;

return await SubscriberApp.RunAsync(args, Console.Out, Console.Error);
