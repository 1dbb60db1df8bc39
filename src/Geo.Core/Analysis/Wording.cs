namespace Geo.Core.Analysis;

/// <summary>
/// A sentence an analysis writes for its reader (a note, an area's description), in both UI languages: answers keep
/// writing the Chinese (the API's word since the first release), printed reports follow the reader's language.
/// </summary>
public sealed record Wording(string Zh, string En)
{
    public string In(bool english) => english ? En : Zh;

    public static Wording operator +(Wording left, Wording right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new Wording(left.Zh + right.Zh, left.En + right.En);
    }

    public static Wording Add(Wording left, Wording right) => left + right;
}
