// Namespaces used by at least one in eight of this project's files, imported once here instead of at the top of each.
global using Geo.Core;
global using Geo.Core.Analysis;
global using Geo.Core.Domain;
global using Geo.Core.Stores;
global using Microsoft.AspNetCore.Http.HttpResults;
global using NetTopologySuite.Geometries;
global using System.Text.Json;
