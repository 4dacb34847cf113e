namespace MigrationTools.Core.Formatting;

/// <summary>A collection summed up in the type's <see cref="CountsColumnAttribute"/> column, as <see cref="Name"/>.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class CountedAttribute(int order, string name) : Attribute
{
    public int Order { get; } = order;

    public string Name { get; } = name;
}
