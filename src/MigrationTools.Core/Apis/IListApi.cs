using MigrationTools.Core.Paging;

namespace MigrationTools.Core.Apis;

/// <summary>A paged list operation: its paging rule says what offset and limit mean and which limits it takes.</summary>
public interface IListApi : IApiOperation
{
    PagingRule Paging { get; }
}
