using Geo.Api.Accounts;
using Geo.Core.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Geo.Viewer.Tests;

/// <summary>
/// The header's sign-in form: a wrong password is said so, the right one shows the account and its role, sign-out ends
/// the session; the office's identity provider is offered only when the service has one, and signs the user in there.
/// </summary>
[Collection(ViewerCollection.Name)]
public sealed class SignInTests(ViewerFixture viewer)
{
    [Fact]
    public async Task Signing_in_shows_the_account_and_role_and_signing_out_ends_the_session()
    {
        var name = $"editor-{Guid.NewGuid().ToString("N")[..6]}";
        await viewer.Services.GetRequiredService<AccountService>().AddAsync(name, Role.Editor, "viewer test password", "test", CancellationToken.None);
        var page = await viewer.OpenViewerAsync();
        var account = page.Locator("#account");
        await Expect(account).ToHaveTextAsync("登录");

        await account.ClickAsync();
        await page.FillAsync("#sign-in input[name=name]", name);
        await page.FillAsync("#sign-in input[name=password]", "not the password");
        await page.ClickAsync("#sign-in button[type=submit]");
        await Expect(page.Locator("#sign-in .sign-in-error")).ToHaveTextAsync("用户名或密码错误，或账户已停用");

        await page.FillAsync("#sign-in input[name=password]", "viewer test password");
        await page.ClickAsync("#sign-in button[type=submit]");
        await Expect(page.Locator("#sign-in")).ToBeHiddenAsync();
        await Expect(account).ToHaveTextAsync($"{name}（编辑） · 退出");
        await ViewerFixture.ScreenshotAsync(page, "20-signed-in");

        // The session is the browser's: a reload still knows the account, in English too.
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => window.__viewerReady !== undefined");
        await page.ClickAsync("#lang");
        await Expect(account).ToHaveTextAsync($"{name} (editor) · Sign out");

        await account.ClickAsync();
        await Expect(account).ToHaveTextAsync("Sign in");
        var session = await page.EvaluateAsync<int>("() => fetch('/api/session').then(r => r.status)");
        Assert.Equal(401, session);
    }

    [Fact]
    public async Task Without_an_identity_provider_configured_the_form_offers_none()
    {
        var page = await viewer.OpenViewerAsync();

        await page.ClickAsync("#account");

        await Expect(page.Locator("#sign-in input[name=password]")).ToBeVisibleAsync();
        await Expect(page.Locator("#sign-in .sign-in-provider")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "使用单位统一身份认证登录" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_identity_provider_button_signs_in_there_and_comes_back_signed_in_as_its_user()
    {
        await using var idp = await TestIdentityProvider.StartAsync();
        idp.User["sub"] = "248289761003";
        idp.User["preferred_username"] = "Zhao.Min";
        idp.User["role"] = "planning-editors";
        await using var service = new GisDataServiceFactory(settings: new Dictionary<string, string>
        {
            ["Auth:Oidc:Authority"] = idp.Authority,
            ["Auth:Oidc:ClientId"] = TestIdentityProvider.ClientId,
            ["Auth:Oidc:RequireHttpsMetadata"] = "false",
            ["Auth:Oidc:RoleMap:planning-editors"] = "editor",
        });
        await using var context = await viewer.Browser.NewContextAsync(new() { Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(service.ListeningAddress, "/?testHooks").ToString());
        await page.WaitForFunctionAsync("() => window.__viewerReady !== undefined", null, new() { Timeout = 20_000 });

        var view = page.Url; // with the permalink's map position

        await page.ClickAsync("#account");
        await page.GetByRole(AriaRole.Button, new() { Name = "使用单位统一身份认证登录" }).ClickAsync();

        // The provider sent the browser back to the view it left; the session is the provider's user, with the mapped role.
        await page.WaitForFunctionAsync("() => window.__viewerReady !== undefined", null, new() { Timeout = 20_000 });
        await Expect(page.Locator("#account")).ToHaveTextAsync("oidc:zhao.min（编辑） · 退出");
        Assert.Equal(view, page.Url);
        Assert.Equal("S256", idp.Authorization["code_challenge_method"]);
        var session = await page.EvaluateAsync<string>("() => fetch('/api/session').then(r => r.json()).then(s => s.name + ' ' + s.role)");
        Assert.Equal("oidc:zhao.min editor", session);
        await ViewerFixture.ScreenshotAsync(page, "21-signed-in-at-identity-provider");
    }
}
