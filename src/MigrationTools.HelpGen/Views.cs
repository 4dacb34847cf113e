using System.Management.Automation;
using System.Reflection;

namespace MigrationTools.HelpGen;

/// <summary>
/// The default views of the module's output types, read from the attributes on the models: the source of
/// MigrationTools.format.ps1xml (<see cref="FormatFile"/>) and of the help's sentences that name a table's columns.
/// </summary>
internal sealed class Views
{
    private readonly List<ModelView> _views = new();

    public static Views Empty { get; } = new();

    /// <summary>The views of every type the cmdlets name in [OutputType], in the order of the cmdlets.</summary>
    public static Views Of(IEnumerable<Type> cmdlets, List<string> errors)
    {
        var views = new Views();
        var types = cmdlets.SelectMany(c => c.GetCustomAttributes<OutputTypeAttribute>(true)).SelectMany(o => o.Type)
            .Select(t => t.Type).OfType<Type>().Where(t => t != typeof(void)).Distinct();
        views._views.AddRange(types.Select(t => ModelViews.Read(t, errors)));
        return views;
    }

    public IReadOnlyList<ModelView> All => _views;

    /// <summary>The column labels of the type's default table, or null without one.</summary>
    public IReadOnlyList<string>? TableColumns(Type type) =>
        _views.FirstOrDefault(v => v.Type.FullName == type.FullName)?.Columns.Select(c => c.Label).ToList();
}
