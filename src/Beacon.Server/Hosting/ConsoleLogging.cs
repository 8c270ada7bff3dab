using Microsoft.Extensions.Logging.Console;

namespace Beacon.Server.Hosting;

/// <summary>
/// JSON lines (with scopes: request id, tenant, user) for production's log collectors; <c>simple</c> — one readable,
/// coloured line per entry — for a person at a terminal (<c>./beacon run</c>). Chosen by <c>Beacon:Logging:Console</c>.
/// </summary>
internal static class ConsoleLogging
{
    public const string Key = "Beacon:Logging:Console";

    public static bool IsHumanReadable(IConfiguration configuration) => Format(configuration) == "simple";

    public static void Configure(WebApplicationBuilder builder)
    {
        var logging = builder.Logging.ClearProviders();
        if (IsHumanReadable(builder.Configuration))
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
                // Colours only when the output is a terminal, not when it is piped to a file.
                o.ColorBehavior = LoggerColorBehavior.Default;
            });
            return;
        }

        logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
    }

    private static string Format(IConfiguration configuration) => configuration[Key] switch
    {
        null or "" or "json" => "json",
        "simple" => "simple",
        var other => throw new InvalidOperationException($"{Key} is '{other}'; use json or simple."),
    };
}
