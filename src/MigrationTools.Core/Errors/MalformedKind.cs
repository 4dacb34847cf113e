namespace MigrationTools.Core.Errors;

/// <summary>What was wrong with an answer that could not be read.</summary>
public enum MalformedKind
{
    /// <summary>No body at all (or only white space).</summary>
    Empty,
    /// <summary>An HTML page, typically from a proxy or load balancer in front of the service.</summary>
    Html,
    /// <summary>Not valid JSON, typically cut off mid-answer.</summary>
    InvalidJson,
    /// <summary>Valid JSON of the wrong shape: a field of the wrong type, a list sent as an object, null.</summary>
    UnexpectedJson,
    /// <summary>Valid JSON without a member the API always sends (the list of a page; any known field of an object).</summary>
    MissingField,
    /// <summary>Larger, once decompressed, than the limit ($env:MIGRATIONTOOLS_MAX_RESPONSE_BYTES).</summary>
    TooLarge,
    /// <summary>A Content-Encoding that does not match the body (gzip announced on plain text) or is not supported.</summary>
    InvalidEncoding,
}
