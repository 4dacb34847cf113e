using MigrationTools.Core.Profiles;

// Usage: MigrationTools.ProfileWriter <store path> <name prefix> <count>
// Writes <count> profiles named <prefix>0..<prefix>N-1, each through its own read-modify-write of the store.
if (args.Length != 3 || !int.TryParse(args[2], out var count))
{
    Console.Error.WriteLine("usage: MigrationTools.ProfileWriter <store path> <name prefix> <count>");
    return 2;
}
for (var i = 0; i < count; i++)
{
    new ProfileStore(args[0], TimeSpan.FromSeconds(60)).Set(new ProfileUpdate(args[1] + i)
    {
        AccessKey = "AK" + args[1] + i,
        SecretKey = "SK" + args[1] + i,
        Region = "cn-north-4",
    });
}
return 0;
