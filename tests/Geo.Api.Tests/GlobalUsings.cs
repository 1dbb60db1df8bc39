// Namespaces used by at least one in eight of this project's files, imported once here instead of at the top of each.
global using Geo.Api.Backends.PostGis.Internal;
global using Geo.Core.Accounts;
global using Geo.Core.Domain;
global using Geo.Core.Stores;
global using Geo.Testing;
global using Microsoft.AspNetCore.Hosting;
global using Microsoft.AspNetCore.Mvc.Testing;
global using Microsoft.Extensions.DependencyInjection;
global using Npgsql;
global using System.Net;
global using System.Text;
global using System.Text.Json;
