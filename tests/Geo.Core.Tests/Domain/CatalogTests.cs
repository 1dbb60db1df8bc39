namespace Geo.Core.Tests.Domain;

/// <summary>The catalog is consistent with itself: what it says about time, codes and editing names real properties.</summary>
public sealed class CatalogTests
{
    [Fact]
    public void Staff_may_edit_the_planning_layers_and_not_the_reference_data()
    {
        Assert.Equal(
            ["constraints", "facilities", "parcels", "projects", "relocation_flows", "zones"],
            Catalog.All.Where(c => c.Editable).Select(c => c.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Time_is_carried_by_years_or_dates_of_the_collection()
    {
        var withTime = Catalog.All.Where(c => c.Time is not null).ToList();
        Assert.Equal(["projects", "relocation_flows", "milestones"], withTime.Select(c => c.Id));
        foreach (var collection in withTime)
        {
            var start = collection.FindProperty(collection.Time!.Start);
            var end = collection.FindProperty(collection.Time.End);
            Assert.NotNull(start);
            Assert.NotNull(end);
            Assert.Equal(start.Type, end.Type);
            Assert.Contains(start.Type, new[] { PropertyType.Integer, PropertyType.Date });
        }
    }

    [Fact]
    public void Every_code_is_text_unique_and_named_in_both_languages()
    {
        var lists = Catalog.All.SelectMany(c => c.Properties).Where(p => p.Codes is not null).ToList();
        Assert.NotEmpty(lists);
        foreach (var property in lists)
        {
            Assert.Equal(PropertyType.Text, property.Type);
            Assert.Equal(property.Codes!.Count, property.Codes.Distinct(StringComparer.Ordinal).Count());
            Assert.All(property.Codes.Values, v => Assert.False(string.IsNullOrWhiteSpace(v.TitleZh) || string.IsNullOrWhiteSpace(v.TitleEn), v.Code));
        }
    }

    [Fact]
    public void Every_property_has_an_english_title_without_chinese_characters()
    {
        // The English UI shows these titles; a CJK character there is an untranslated title.
        Assert.All(Catalog.All.SelectMany(c => c.Properties), p =>
            Assert.Matches(@"^[^\p{IsCJKUnifiedIdeographs}\p{IsCJKSymbolsandPunctuation}\p{IsHalfwidthandFullwidthForms}]+$", p.TitleEn));
    }

    [Fact]
    public void An_unknown_code_is_named_by_itself_and_only_closed_lists_restrict_values()
    {
        Assert.Equal("农民搬迁安置区", Catalog.ZoneKinds.TitleZh("resettlement"));
        Assert.Equal("Railway station", Catalog.FacilityKinds.TitleEn("railway_station"));
        Assert.Equal("airport", Catalog.FacilityKinds.TitleZh("airport"));
        Assert.Null(Catalog.Parcels.FindProperty("land_use_code")!.AllowedValues);
        Assert.Same(Catalog.FacilityKinds, Catalog.Facilities.FindProperty("kind")!.AllowedValues);
    }
}
