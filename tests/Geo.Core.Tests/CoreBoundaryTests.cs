using System.Reflection;
using System.Text.Json.Nodes;

namespace Geo.Core.Tests;

/// <summary>
/// Geo.Core takes geometries, filter trees and domain specs and has no System.Text.Json: reading what arrives over the
/// wire (request bodies, CQL2-JSON) and the JSON files (the gis-data folder's GeoJSON in <c>Geo.Api/GisData</c>, GeoJSON
/// uploads in <c>Geo.Api/Formats/GeoJson</c>, the embedded backend's JSON-lines logs in <c>Geo.Api/Backends/Embedded</c>)
/// is Geo.Api's job.
/// </summary>
public sealed class CoreBoundaryTests
{
    /// <summary>JSON read or written by hand: a document, an element, a node or a reader/writer over bytes.</summary>
    private static readonly Type[] WireJsonTypes =
        [typeof(JsonElement), typeof(JsonDocument), typeof(JsonProperty), typeof(JsonNode), typeof(Utf8JsonReader), typeof(Utf8JsonWriter)];

    [Fact]
    public void Geo_Core_references_no_System_Text_Json_assembly()
    {
        // What the compiled assembly binds to, whatever the source says: also catches a JSON type used through a package.
        var json = typeof(Catalog).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("System.Text.Json", StringComparison.Ordinal) || n.StartsWith("NetTopologySuite.IO.GeoJSON", StringComparison.Ordinal))
            .ToList();

        Assert.True(json.Count == 0, "Geo.Core references " + string.Join(", ", json));
        Assert.Contains(typeof(Catalog).Assembly.GetReferencedAssemblies(), a => a.Name == "NetTopologySuite");
    }

    [Fact]
    public void Public_api_of_Geo_Core_takes_and_returns_no_JSON_documents()
    {
        var offenders = typeof(Catalog).Assembly.GetExportedTypes()
            .SelectMany(t => Signatures(t).Where(s => Mentions(s.Type)).Select(s => $"{t.FullName}.{s.Member}: {s.Type}"))
            .ToList();

        Assert.True(offenders.Count == 0, "System.Text.Json documents in Geo.Core's public API:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void No_source_file_of_Geo_Core_uses_System_Text_Json()
    {
        var core = Path.Combine(RepoPaths.Root, "src", "Geo.Core");
        var offenders = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(core, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(Path.Combine(core, f)).Contains("System.Text.Json", StringComparison.Ordinal))
            .ToList();

        Assert.True(offenders.Count == 0, "System.Text.Json in src/Geo.Core:\n" + string.Join('\n', offenders));
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
