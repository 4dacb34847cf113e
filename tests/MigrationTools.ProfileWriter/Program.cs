using MigrationTools.Core.Profiles;

// Usage: MigrationTools.ProfileWriter <store path> <name prefix> <count>
//   Writes <count> profiles named <prefix>0..<prefix>N-1, each through its own read-modify-write of the store.
// Usage: MigrationTools.ProfileWriter hold <store path> <seconds>
//   Holds the store's lock (as another writer would, mid-write) for <seconds>, printing "locked" once it has it.
if (args.Length == 3 && args[0] == "hold" && int.TryParse(args[2], out var seconds))
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[1]))!);
    using var held = new FileStream(Path.GetFullPath(args[1]) + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
    Console.WriteLine("locked");
    Console.Out.Flush();
    Thread.Sleep(TimeSpan.FromSeconds(seconds));
    return 0;
}
if (args.Length != 3 || !int.TryParse(args[2], out var count))
{
    Console.Error.WriteLine("usage: MigrationTools.ProfileWriter <store path> <name prefix> <count> | hold <store path> <seconds>");
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
