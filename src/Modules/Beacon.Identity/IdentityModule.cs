using Beacon.Contracts.Identity;
using Beacon.Identity.ApiKeys;
using Beacon.Identity.Authentication;
using Beacon.Identity.Confirmation;
using Beacon.Identity.Demo;
using Beacon.Identity.Invitations;
using Beacon.Identity.Jwks;
using Beacon.Identity.Login;
using Beacon.Identity.Logout;
using Beacon.Identity.Me;
using Beacon.Identity.Passwords;
using Beacon.Identity.Refresh;
using Beacon.Identity.Sessions;
using Beacon.Identity.Signup;
using Beacon.Identity.Sso;
using Beacon.Identity.Teams;
using Beacon.Identity.Tokens;
using Beacon.Identity.Users;
using Beacon.SharedKernel;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Beacon.Identity;

public static class IdentityModule
{
    public static IServiceCollection AddIdentityModule(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, PasswordIterationsFloor>();
        services.AddSingleton(new ModuleMigrations("identity", typeof(IdentityModule).Assembly, ["identity"]));
        services.AddMemoryCache();
        services.AddSingleton<KeyProtector>();
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<PasswordService>();
        services.AddSingleton<PasswordChanger>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<PrincipalCache>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<AccountConfirmations>();
        services.AddSingleton<IDemoSeeder, DemoTenantSeeder>();
        services.AddSingleSignOn();
        services.AddBeaconAuthentication();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Owner, p => p.RequireAssertion(c => AtLeast(c.User, Roles.Owner)))
            .AddPolicy(Policies.Admin, p => p.RequireAssertion(c => AtLeast(c.User, Roles.Admin)))
            .AddPolicy(Policies.TeamLead, p => p.RequireAssertion(c => AtLeast(c.User, Roles.TeamLead)))
            .AddPolicy(Policies.Agent, p => p.RequireAssertion(c => AtLeast(c.User, Roles.Agent)))
            .AddPolicy(Policies.ReadOnly, p => p.RequireAssertion(c => AtLeast(c.User, Roles.ReadOnly)));
        return services;
    }

    public static IEndpointRouteBuilder MapIdentityModule(this IEndpointRouteBuilder app)
    {
        var auth = app.MapAuthV1().WithTags("Auth");
        SignupEndpoint.Map(auth);
        ConfirmSignupEndpoint.Map(auth);
        LoginEndpoint.Map(auth);
        RefreshEndpoint.Map(auth);
        LogoutEndpoint.Map(auth);
        AcceptInvitationEndpoint.Map(auth);
        ConfirmInvitationEndpoint.Map(auth);
        ForgotPasswordEndpoint.Map(auth);
        ResetPasswordEndpoint.Map(auth);
        SsoSignInEndpoints.Map(auth);
        SsoExchangeEndpoint.Map(auth);
        JwksEndpoint.Map(app);

        var api = app.MapApiV1();
        MeEndpoint.Map(api).WithTags("Users");
        UpdateProfileEndpoint.Map(api);
        ChangePasswordEndpoint.Map(api);
        UserEndpoints.Map(api);
        InvitationEndpoints.Map(api);
        ApiKeyEndpoints.Map(api);
        TeamEndpoints.Map(api);
        SsoSettingsEndpoints.Map(api);
        return app;
    }

    private static bool AtLeast(System.Security.Claims.ClaimsPrincipal user, string role) =>
        user.Identity?.IsAuthenticated == true && Roles.Rank(user.Role()) >= Roles.Rank(role);
}
