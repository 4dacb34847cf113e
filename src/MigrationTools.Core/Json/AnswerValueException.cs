using System.Globalization;
using System.Text.Json;
using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Json;

/// <summary>
/// The facts of a value a converter refused (the kind of problem, what the field holds, the value, where inside a
/// list), so that the error the user sees is composed from them, never from a parsed exception message. A
/// JsonException, so the serializer adds the path of the field and stops reading as with any bad value.
/// </summary>
public sealed class AnswerValueException : JsonException
{
    private AnswerValueException(AnswerValueProblem problem, string? expected, string? value, string relativePath, string? reason, Exception? inner)
        : base(reason ?? "The value is not as the API describes it.", inner)
    {
        Reason = reason;
        Problem = problem;
        Expected = expected;
        Value = value;
        RelativePath = relativePath;
    }

    public AnswerValueProblem Problem { get; }

    /// <summary>What the field holds, as users read it ("a number", "a time", "a list"); null when only the type says.</summary>
    public string? Expected { get; }

    /// <summary>
    /// The module's own sentence about the value ("'x' is not a number."), composed from these facts; null when the
    /// serializer refused an entry (<see cref="AnswerValueProblem.NotAsDescribed"/>) and only the type says more.
    /// </summary>
    public string? Reason { get; }

    /// <summary>The value refused, shortened (null when it is not a plain value).</summary>
    public string? Value { get; }

    /// <summary>Where inside the list the serializer's <see cref="JsonException.Path"/> ends at (e.g. "[2].size"), or "".</summary>
    public string RelativePath { get; }

    /// <summary>The whole JSON path of the value: the serializer's path and the part inside a list.</summary>
    public string? FullPath => Path is null ? null : Path + RelativePath;

    /// <param name="within">Where below the converter's own field the value is (e.g. "['name']"), or "".</param>
    internal static AnswerValueException WrongKind(string expected, JsonTokenType got, string within = "") =>
        new(AnswerValueProblem.WrongKind, expected, null, within, $"Expected {expected}, got {got}.", null);

    internal static AnswerValueException NotANumber(string text) =>
        new(AnswerValueProblem.NotANumber, "a number", ShownValue.Of(text), "", $"'{ShownValue.Of(text)}' is not a number.", null);

    internal static AnswerValueException NotTrueOrFalse(string text) =>
        new(AnswerValueProblem.NotTrueOrFalse, "true or false", ShownValue.Of(text), "", $"'{ShownValue.Of(text)}' is not true or false.", null);

    internal static AnswerValueException NotATime(string text) =>
        new(AnswerValueProblem.NotATime, "a time", ShownValue.Of(text), "", $"'{ShownValue.Of(text)}' is not a time in a known format.", null);

    internal static AnswerValueException OutOfRange(string expected, double? number, string why) =>
        new(AnswerValueProblem.OutOfRange, expected, number?.ToString("R", CultureInfo.InvariantCulture), "", why, null);

    internal static AnswerValueException Unclosed() =>
        new(AnswerValueProblem.Unclosed, "a list", null, "", "The list is not closed.", null);

    /// <summary>
    /// The failure of entry <paramref name="index"/> of a list, its facts kept: a nested read reports paths from its
    /// own "$", so the part inside the list is kept here (the serializer adds the list's own path).
    /// </summary>
    internal static AnswerValueException InEntry(int index, JsonException inner)
    {
        if (inner is AnswerValueException facts)
        {
            var within = facts.RelativePath.Length > 0 ? facts.RelativePath : Inside(facts.Path);
            return new(facts.Problem, facts.Expected, facts.Value, $"[{index}]{within}", facts.Reason, facts);
        }
        return new(AnswerValueProblem.NotAsDescribed, null, null, $"[{index}]{Inside(inner.Path)}", null, inner);
    }

    private static string Inside(string? path) => path is { Length: > 1 } p ? p.Substring(1) : "";
}
