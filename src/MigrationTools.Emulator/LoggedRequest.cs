namespace MigrationTools.Emulator;

/// <summary>One request as the emulator received it. Secrets are redacted: the Signature of Authorization,
/// X-Security-Token, X-Auth-Token and X-Metadata-Token never appear.</summary>
/// <param name="Status">The status answered; 0 when the emulator never answered (hang fault, client gave up).</param>
/// <param name="ErrorCode">The error_code of an error answer (e.g. "APIG.0301"), or a fault marker such as "fault:malformed-truncated".</param>
public sealed record LoggedRequest(
    DateTimeOffset At, string Method, string Path, string QueryString, int Status, string? ErrorCode,
    IReadOnlyDictionary<string, string> Headers);
