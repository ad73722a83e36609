namespace JobEmulator.Server;

/// <summary>The body of an emulator-internal failure (never a vendor's envelope, so it cannot be mistaken for one).</summary>
/// <param name="EmulatorError">What went wrong.</param>
internal sealed record EmulatorFailure(string EmulatorError);
