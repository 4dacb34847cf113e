using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MigrationTools.Core.Connection;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Credentials;

/// <summary>The metadata service could not give credentials. The reason names no value.</summary>
public sealed class MetadataUnavailableException : HuaweiCloudException
{
    public MetadataUnavailableException(string reason)
        : base("Temporary credentials could not be read from the ECS instance metadata: " + reason + ".") => Reason = reason;

    public string Reason { get; }
    public override string ErrorId => "MetadataCredentialsUnavailable";
}
