using System;
using System.Threading;
using System.Threading.Tasks;

namespace MigrationTools.Core.Http;

public enum LogLevel
{
    Debug,
    Verbose,
    Warning,
}
