using System;
using System.Threading;
using System.Threading.Tasks;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;
using MigrationTools.Core.Models;
using MigrationTools.Core.Paging;
using System.Text.Json.Serialization.Metadata;

namespace MigrationTools.Core.Apis;

/// <summary>A paged list operation: its paging rule says what offset and limit mean and which limits it takes.</summary>
public interface IListApi : IApiOperation
{
    PagingRule Paging { get; }
}
