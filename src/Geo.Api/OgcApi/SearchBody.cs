namespace Geo.Api.OgcApi;

/// <summary>
/// The body of <c>POST …/search</c>: either a bare CQL2-JSON filter, or an object with a <c>filter</c> and any of the
/// items parameters (<c>limit</c>, <c>offset</c>, <c>cursor</c>, <c>crs</c>, <c>filter-crs</c>, <c>sortby</c>, <c>properties</c>,
/// <c>bbox</c>, <c>datetime</c>, <c>resultType</c>). Query-string parameters fill in what the body leaves out.
/// </summary>
internal static class SearchBody
{
    public static ItemsQuery Parse(CollectionDefinition collection, JsonElement body, IQueryCollection query)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw InputException.Invalid("body", "the body must be a JSON object", "send a CQL2-JSON filter, or {\"filter\": <CQL2-JSON>, \"limit\": 100, …}");
        }

        var isBareFilter = body.TryGetProperty("op", out _);
        JsonElement? filter = isBareFilter ? body : body.TryGetProperty("filter", out var f) ? f : null;
        string? Value(string name)
        {
            if (!isBareFilter && body.TryGetProperty(name, out var v))
            {
                return v.ValueKind switch
                {
                    JsonValueKind.String => v.GetString(),
                    JsonValueKind.Number => v.GetRawText(),
                    JsonValueKind.Array => string.Join(",", v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
                    JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Undefined =>
                        throw InputException.Invalid(name, $"'{name}' must be a string, number or array", "see the items parameters"),
                    _ => throw new System.Diagnostics.UnreachableException($"JsonValueKind {v.ValueKind} is not handled here"),
                };
            }

            return query.TryGetValue(name, out var q) ? q.ToString() : null;
        }

        var unknown = isBareFilter ? null : body.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => n != "filter" && n != "filter-lang" && !ItemsRequest.Names.Contains(n));
        if (unknown is not null)
        {
            throw InputException.Invalid(unknown, $"'{unknown}' is not a search parameter",
                "use filter, filter-crs, limit, offset, cursor, crs, sortby, properties, bbox, bbox-crs, datetime or resultType");
        }

        var request = new ItemsRequest(Value("limit"), Value("offset"), Value("bbox"), Value("bbox-crs"), Value("crs"), Value("datetime"),
            null, null, Value("filter-crs"), Value("sortby"), Value("properties"), null, Cursor: Value(PageCursor.Parameter), ResultType: Value("resultType"));
        return ItemsQueryParser.Parse(collection, request, [], filter);
    }
}
