using System.Collections;

namespace Geo.Core.Domain;

/// <summary>One coded value and the names staff read for it, in Chinese and in English.</summary>
public sealed record CodedValue(string Code, string TitleZh, string TitleEn);

/// <summary>
/// The codes a property takes, each with its Chinese and English name. A closed list is the complete set of accepted
/// values (validated on import, a CHECK list in PostGIS); an open list only names the codes known today (三调 land-use
/// codes), so new official codes still load. Enumerates the codes.
/// </summary>
public sealed class CodeList(bool isClosed, IReadOnlyList<CodedValue> values) : IReadOnlyList<string>
{
    public bool IsClosed { get; } = isClosed;

    public IReadOnlyList<CodedValue> Values { get; } = values;

    public static CodeList Closed(params CodedValue[] values) => new(true, values);

    public static CodeList Open(params CodedValue[] values) => new(false, values);

    public int Count => Values.Count;

    public string this[int index] => Values[index].Code;

    /// <summary>The Chinese name of a code, or the code itself when the list does not know it.</summary>
    public string TitleZh(string code) => Find(code)?.TitleZh ?? code;

    /// <summary>The English name of a code, or the code itself when the list does not know it.</summary>
    public string TitleEn(string code) => Find(code)?.TitleEn ?? code;

    public CodedValue? Find(string code) => Values.FirstOrDefault(v => v.Code == code);

    public IEnumerator<string> GetEnumerator() => Values.Select(v => v.Code).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
