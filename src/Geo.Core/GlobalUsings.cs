// Namespaces used by at least one in eight of this project's files, imported once here instead of at the top of each.
global using Geo.Core.Crs;
global using Geo.Core.Domain;
global using NetTopologySuite.Geometries;
