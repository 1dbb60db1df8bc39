using System.Security.Cryptography;
using System.Text;

namespace Geo.Core.Accounts;

/// <summary>
/// Personal tokens for API clients: 32 random bytes, shown once, kept only as their SHA-256. A slow password hash is
/// not needed here, because a random 256-bit token cannot be guessed from its hash.
/// </summary>
public static class PersonalTokens
{
    /// <summary>Marks our tokens, so a secret scanner (and a person) can tell what one is.</summary>
    public const string Prefix = "kzgeo_";

    public const int MaxLabelLength = 100;

    public static string Create() => Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
