namespace MigrationTools.Core.Json;

/// <summary>What is wrong with one value of an answer that a converter of the module could not read.</summary>
public enum AnswerValueProblem
{
    /// <summary>Another kind of JSON value than the field holds (a list where a number goes).</summary>
    WrongKind,
    /// <summary>Text that is not a number.</summary>
    NotANumber,
    /// <summary>Text that is not true or false.</summary>
    NotTrueOrFalse,
    /// <summary>Text that is not a time in any format the services send.</summary>
    NotATime,
    /// <summary>A number beyond what the field holds.</summary>
    OutOfRange,
    /// <summary>A list that the answer does not close.</summary>
    Unclosed,
    /// <summary>The serializer's own failure inside a list entry: the field and the value say what is wrong.</summary>
    NotAsDescribed,
}
