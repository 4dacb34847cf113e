namespace MigrationTools.Core.Models;

/// <summary>One database restored under a new name.</summary>
public sealed class RdsDbRename
{
    public RdsDbRename(string oldName, string? newName) { OldName = oldName; NewName = newName; }
    public string OldName { get; }
    public string? NewName { get; }

    public override string ToString() => $"{OldName}->{NewName}";
}
