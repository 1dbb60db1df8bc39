// Namespaces used by at least one in eight of this project's files, imported once here instead of at the top of each.
global using Geo.Core.Crs;
global using Geo.Testing;
global using Microsoft.Playwright;
global using System.Text.Json;
global using System.Text.RegularExpressions;
global using static Microsoft.Playwright.Assertions;
