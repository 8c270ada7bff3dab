using Beacon.Realtime.LongPoll;
using Beacon.Realtime.Socket;
using Beacon.Realtime.Stream;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Beacon.Realtime;

public static class RealtimeModule
{
    /// <param name="sequence">True on nodes that run background work (roles all and worker).</param>
    public static IServiceCollection AddRealtimeModule(this IServiceCollection services, IConfiguration configuration, bool sequence)
    {
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(new ModuleMigrations("realtime", typeof(RealtimeModule).Assembly, ["realtime"]));
        services.AddSingleton<StreamStore>();
        services.AddSingleton<Contracts.Privacy.IPersonalDataEraser, Privacy.StreamEraser>();
        services.AddSingleton<LiveHub>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<LiveHub>());
        services.AddSingleton<StreamSequencer>();
        if (sequence && configuration.GetValue(LiveOptions.Section + ":SequencerEnabled", true))
        {
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<StreamSequencer>());
        }

        return services;
    }

    public static IEndpointRouteBuilder MapRealtimeModule(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiV1();
        LiveSocketEndpoint.Map(api);
        LongPollEndpoint.Map(api);
        return app;
    }

    /// <summary>WebSockets with the protocol's keep-alive; call before the endpoints run.</summary>
    public static IApplicationBuilder UseRealtime(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<LiveOptions>>().Value;
        return app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = options.HeartbeatInterval });
    }
}
