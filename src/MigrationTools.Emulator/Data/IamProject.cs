namespace MigrationTools.Emulator;

public sealed record IamProject(string Id, string Name, string DomainId, string ParentId, string Description, bool Enabled);
