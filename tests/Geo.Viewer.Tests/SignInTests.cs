using Geo.Api.Accounts;
using Geo.Core.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Geo.Viewer.Tests;

/// <summary>The header's sign-in form: a wrong password is said so, the right one shows the account and its role, sign-out ends the session.</summary>
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
}
