using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Geo.Core.Domain;
using Geo.Testing;

namespace Geo.Core.Tests;

/// <summary>
/// Geo.Core takes geometries, filter trees and domain specs; reading what arrives over the wire (request bodies, CQL2-JSON)
/// is Geo.Api's job. JSON stays in Core only where Core reads or writes files of its own: exchange files
/// (<c>Formats/</c>), the gis-data folder's GeoJSON files (<c>GisData/</c>) and the embedded store's on-disk JSON-lines
/// logs (<c>Stores/AppendOnly/</c>). Those stay in Core because the CLI's data check, the embedded store and the
/// second-process indicator appender read them without the web host, and moving them would make Core's embedded
/// store depend on Geo.Api.
/// </summary>
public sealed class CoreBoundaryTests
{
    private static readonly string[] JsonFolders = ["Formats/", "GisData/", "Stores/AppendOnly/"];

    /// <summary>JSON read or written by hand: a document, an element, a node or a reader/writer over bytes.</summary>
    private static readonly Type[] WireJsonTypes =
        [typeof(JsonElement), typeof(JsonDocument), typeof(JsonProperty), typeof(JsonNode), typeof(Utf8JsonReader), typeof(Utf8JsonWriter)];

    [Fact]
    public void Public_api_of_Geo_Core_takes_and_returns_no_JSON_documents()
    {
        // The file readers may say JSON in their own API (PropertyValues.FromJson is the catalog's value rule for a
        // GeoJSON value, shared by gis-data's reader and the edit body); every other public type is JSON-free.
        var offenders = typeof(Catalog).Assembly.GetExportedTypes()
            .Where(t => !JsonFolders.Any(folder => t.Namespace == FolderNamespace(folder) || t.Namespace!.StartsWith(FolderNamespace(folder) + ".", StringComparison.Ordinal)))
            .SelectMany(t => Signatures(t).Where(s => Mentions(s.Type)).Select(s => $"{t.FullName}.{s.Member}: {s.Type}"))
            .ToList();

        Assert.True(offenders.Count == 0, "System.Text.Json documents in Geo.Core's public API:\n" + string.Join('\n', offenders));
    }

    private static string FolderNamespace(string folder) => "Geo.Core." + folder.TrimEnd('/').Replace('/', '.');

    [Fact]
    public void System_Text_Json_is_used_in_Geo_Core_only_by_its_file_formats()
    {
        var core = Path.Combine(RepoPaths.Root, "src", "Geo.Core");
        var offenders = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(core, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal))
            .Where(f => !JsonFolders.Any(folder => f.StartsWith(folder, StringComparison.Ordinal)))
            .Where(f => File.ReadAllText(Path.Combine(core, f)).Contains("System.Text.Json", StringComparison.Ordinal))
            .ToList();

        Assert.True(offenders.Count == 0, $"System.Text.Json outside {string.Join(", ", JsonFolders)} in src/Geo.Core:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void The_check_sees_a_JSON_element_inside_a_generic_or_nullable()
    {
        Assert.True(Mentions(typeof(IReadOnlyList<JsonElement?>)));
        Assert.True(Mentions(typeof(JsonObject)));
        Assert.False(Mentions(typeof(IReadOnlyList<string>)));
    }

    private static IEnumerable<(string Member, Type Type)> Signatures(Type type)
    {
        const BindingFlags visible = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var protectedToo = visible | BindingFlags.NonPublic;
        foreach (var i in type.GetInterfaces())
        {
            yield return ("(interface)", i);
        }

        if (type.BaseType is { } baseType)
        {
            yield return ("(base)", baseType);
        }

        foreach (var member in type.GetMembers(protectedToo))
        {
            var isVisible = member switch
            {
                MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
                FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
                PropertyInfo p => p.GetMethod is { } get && (get.IsPublic || get.IsFamily) || p.SetMethod is { } set && (set.IsPublic || set.IsFamily),
                EventInfo e => e.AddMethod is { IsPublic: true },
                _ => false,
            };
            if (!isVisible)
            {
                continue;
            }

            switch (member)
            {
                case MethodInfo m:
                    yield return (m.Name, m.ReturnType);
                    foreach (var p in m.GetParameters())
                    {
                        yield return ($"{m.Name}({p.Name})", p.ParameterType);
                    }

                    break;
                case ConstructorInfo c:
                    foreach (var p in c.GetParameters())
                    {
                        yield return ($".ctor({p.Name})", p.ParameterType);
                    }

                    break;
                case FieldInfo f:
                    yield return (f.Name, f.FieldType);
                    break;
                case PropertyInfo p:
                    yield return (p.Name, p.PropertyType);
                    break;
                case EventInfo e when e.EventHandlerType is { } handler:
                    yield return (e.Name, handler);
                    break;
            }
        }
    }

    private static bool Mentions(Type type)
    {
        if (type.HasElementType)
        {
            return Mentions(type.GetElementType()!);
        }

        return WireJsonTypes.Any(w => w == type || w.IsAssignableFrom(type))
            || type.IsGenericType && type.GetGenericArguments().Any(Mentions);
    }
}
