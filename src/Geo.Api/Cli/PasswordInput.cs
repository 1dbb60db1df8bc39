using Geo.Api.Accounts;
using Geo.Core.Accounts;

namespace Geo.Api.Cli;

/// <summary>
/// Where the CLI gets a password: the first line of standard input when it is redirected (scripts:
/// <c>printf '%s\n' "$PW" | … users add …</c>), otherwise a prompt that does not echo, asked twice. Never an argument
/// (it would land in the shell history and the process list) and never a default.
/// </summary>
internal static class PasswordInput
{
    public static string Read(TextReader? input, TextWriter output)
    {
        string? password;
        if (input is not null || Console.IsInputRedirected)
        {
            password = (input ?? Console.In).ReadLine();
            if (string.IsNullOrEmpty(password))
            {
                throw new CliException("no password on standard input: send it as the first line, or run in a terminal to be asked");
            }
        }
        else
        {
            password = Prompt(output, "password: ");
            if (Prompt(output, "again: ") != password)
            {
                throw new CliException("the two passwords differ; nothing was changed");
            }
        }

        try
        {
            AccountService.CheckPassword(password);
        }
        catch (AccountException e)
        {
            throw new CliException(e.Message, e);
        }

        return password;
    }

    private static string Prompt(TextWriter output, string label)
    {
        output.Write(label);
        output.Flush();
        var text = new System.Text.StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                text.Length = Math.Max(0, text.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        output.WriteLine();
        return text.ToString();
    }
}
