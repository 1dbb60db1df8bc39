using Geo.Api.GisData.Internal;

namespace Geo.Api.Tests.GisData.Internal;

public sealed class FeatureArrayScanTests
{
    [Fact]
    public void Finds_each_feature_whole_whatever_its_strings_hold()
    {
        // Brackets, braces, escaped quotes and backslashes inside strings are text, not structure.
        string[] features = ["{\"a\":\"x\\\"}]\"}", "{\"b\":[1,{\"c\":\"\\\\\"}],\"d\":{}}", "{}"];
        var json = "[ " + string.Join(" ,\n\t", features) + "\r\n]";

        Assert.Equal(features, Scan(json, out var end));
        Assert.Equal(json.Length - 1, end);
    }

    [Fact]
    public void An_empty_array_ends_at_once()
    {
        Assert.Empty(Scan("[ ]", out var end));
        Assert.Equal(2, end);
    }

    [Theory]
    [InlineData("[{\"a\":1} {\"b\":2}]")]
    [InlineData("[{\"a\":1},]")]
    [InlineData("[,{\"a\":1}]")]
    [InlineData("[1]")]
    [InlineData("[{\"a\":1},[]]")]
    [InlineData("[{\"a\":\"never closed}]")]
    [InlineData("[{\"a\":{\"b\":1}]")]
    [InlineData("[{\"a\":1}")]
    [InlineData("[{\"a\":1}/* a comment */]")]
    public void Anything_but_objects_apart_by_commas_is_not_plain(string json)
    {
        var (at, first, steps) = (1, true, 0);
        FeatureArrayScan.Step step;
        while ((step = FeatureArrayScan.Next(Encoding.UTF8.GetBytes(json), first, ref at, out _)) == FeatureArrayScan.Step.Feature && steps++ < 10)
        {
            first = false;
        }

        Assert.Equal(FeatureArrayScan.Step.NotPlain, step);
    }

    [Fact]
    public void A_feature_nested_deeper_than_gis_data_writes_is_not_plain()
    {
        var json = "[{\"a\":" + new string('[', 40) + new string(']', 40) + "}]";
        var at = 1;

        Assert.Equal(FeatureArrayScan.Step.NotPlain, FeatureArrayScan.Next(Encoding.UTF8.GetBytes(json), true, ref at, out _));
    }

    /// <summary>The features' texts until the end (failing on anything else) and where the closing bracket is.</summary>
    private static List<string> Scan(string json, out int end)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var (found, at) = (new List<string>(), 1);
        FeatureArrayScan.Step step;
        while ((step = FeatureArrayScan.Next(utf8, found.Count == 0, ref at, out var feature)) == FeatureArrayScan.Step.Feature)
        {
            found.Add(Encoding.UTF8.GetString(utf8[feature]));
        }

        Assert.Equal(FeatureArrayScan.Step.End, step);
        end = at;
        return found;
    }
}
