namespace Geo.Core.Tests.Analysis;

/// <summary>
/// Both stores share one collection: the PostGIS database is the system under test for one class and the reference
/// for the hand-written SQL in both, so it is loaded once.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AnalysisCollection : ICollectionFixture<PostGisStoreFixture>, ICollectionFixture<EmbeddedStoreFixture>
{
    public const string Name = "analysis";
}

/// <summary>A store with the spatial analysis that goes with it, as the service registers them.</summary>
public sealed record AnalysisTarget(IFeatureStore Store, ISpatialAnalysis Spatial);
