using JobEmulator.Cli;

return await JobEmulatorCommand.RunAsync(args, Console.Out, Console.Error);
