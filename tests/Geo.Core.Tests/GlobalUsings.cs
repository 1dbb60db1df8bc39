// Namespaces used by at least one in eight of this project's files, imported once here instead of at the top of each.
global using Geo.Core.Analysis;
global using Geo.Core.Crs;
global using Geo.Core.Domain;
global using Geo.Core.Filters;
global using Geo.Core.Formats;
global using Geo.Core.GisData;
global using Geo.Core.Stores;
global using Geo.Testing;
global using NetTopologySuite.Geometries;
global using NetTopologySuite.IO;
global using System.Text.Json;
