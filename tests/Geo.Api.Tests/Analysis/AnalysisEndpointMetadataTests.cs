using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Geo.Api.Tests.Analysis;

/// <summary>Every analysis route carries what the OpenAPI document needs: a name, a summary, a tag and its answers.</summary>
public sealed class AnalysisEndpointMetadataTests(EmbeddedServiceFactory factory) : IClassFixture<EmbeddedServiceFactory>
{
    [Fact]
    public void Every_api_route_is_named_summarised_tagged_and_declares_its_problems()
    {
        _ = factory.CreateClient();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .ToList();

        Assert.Equal(20, endpoints.Count);
        Assert.All(endpoints, e =>
        {
            var name = e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
            Assert.NotNull(name);
            Assert.False(string.IsNullOrWhiteSpace(e.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary));
            Assert.NotEmpty(e.Metadata.GetMetadata<ITagsMetadata>()!.Tags);
            // GET /api/session takes no input at all, and GET /api/imports/{id} only an id that is known (200) or not (404):
            // the only routes with nothing a client could send wrong.
            if (name is not "CurrentSession" and not "ImportStatus")
            {
                Assert.Contains(e.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>(), p => p.StatusCode == StatusCodes.Status400BadRequest);
            }
        });
    }
}
