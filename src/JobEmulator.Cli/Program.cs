using JobEmulator.Cli;

return await JobEmulatorCommand.Create(Console.Out, Console.Error).Parse(args).InvokeAsync(JobEmulatorCommand.Invocation(Console.Out, Console.Error));
