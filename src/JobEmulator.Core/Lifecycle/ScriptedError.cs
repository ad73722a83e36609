using JobEmulator.Core.Json;

namespace JobEmulator.Core.Lifecycle;

/// <summary>The error a failed step reports; fields left null take the dialect's documented default.</summary>
/// <param name="Code">A machine code such as <c>OCR_FAILED</c> (DocuRift's <c>error.code</c>).</param>
/// <param name="Message">The human message (Aitronos' <c>error_message</c>, DocuRift's <c>error.message</c>).</param>
/// <param name="Details">Extra structured detail (DocuRift's <c>error.details</c>).</param>
internal sealed record ScriptedError(string? Code, string? Message, JsonFragment? Details);
