namespace MigrationTools.Core.Models;

/// <summary>
/// Every object the module emits says where it lives, so it can be piped to the next cmdlet
/// (which binds -Region and -ProjectId by property name) and so a report over several regions stays readable.
/// </summary>
public interface IRegionalResource
{
    string? Region { get; set; }
    string? ProjectId { get; set; }
}
