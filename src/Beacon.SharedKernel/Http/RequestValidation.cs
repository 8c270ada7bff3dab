using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.SharedKernel.Http;

/// <summary>
/// DataAnnotations on request records, checked before the handler runs: any failure answers 400 problem details
/// whose <c>errors</c> name each field in camelCase, and the handler (so every write) never starts. Any bound text
/// holding U+0000 is refused the same way (<see cref="NulCharacters"/>).
/// (.NET 10's AddValidation source generator finds no endpoint types in our module libraries; see ADR 0006.)
/// </summary>
public static class RequestValidation
{
    private static readonly ConcurrentDictionary<Type, bool> Validatable = new();

    public static TBuilder WithRequestValidation<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(RequestValidationMetadata.Instance).AddEndpointFilterFactory((context, next) =>
        {
            var services = context.ApplicationServices.GetService<IServiceProviderIsService>();
            var checks = context.MethodInfo.GetParameters()
                .Select((p, i) => new ValidationCheck(i, FieldPrefix(p), IsValidatable(p.ParameterType), IsBound(p, services)
                    && NulCharacters.MayCarryText(p.ParameterType)))
                .Where(c => c.Annotations || c.Text)
                .ToArray();
            return checks.Length == 0 ? next : invocation => ValidateAsync(invocation, checks, next);
        });

    private static ValueTask<object?> ValidateAsync(EndpointFilterInvocationContext invocation, ValidationCheck[] checks,
        EndpointFilterDelegate next)
    {
        Dictionary<string, string[]>? errors = null;
        void Add(string field, string message) =>
            (errors ??= [])[field] = [.. errors.GetValueOrDefault(field, []), message];

        foreach (var check in checks)
        {
            if (invocation.Arguments[check.Position] is not { } argument)
            {
                continue;
            }

            if (check.Text)
            {
                var found = new List<string>();
                NulCharacters.Find(argument, check.Prefix, found);
                foreach (var field in found)
                {
                    Add(field, NulCharacters.Message);
                }
            }

            var results = new List<ValidationResult>();
            if (check.Annotations && !Validator.TryValidateObject(argument, new ValidationContext(argument), results, validateAllProperties: true))
            {
                foreach (var result in results)
                {
                    foreach (var member in result.MemberNames.DefaultIfEmpty("$"))
                    {
                        Add(JsonNamingPolicy.CamelCase.ConvertName(member), result.ErrorMessage ?? "The value is not valid.");
                    }
                }
            }
        }

        return errors is null ? next(invocation) : ValueTask.FromResult<object?>(TypedResults.ValidationProblem(errors));
    }

    // Bodies and [AsParameters] records are the root of their fields' names; a plain query or route value is named itself.
    private static string FieldPrefix(ParameterInfo parameter) =>
        parameter.ParameterType == typeof(JsonElement) || parameter.ParameterType.Assembly.GetName().Name?.StartsWith("Beacon.", StringComparison.Ordinal) == true
            ? ""
            : JsonNamingPolicy.CamelCase.ConvertName(parameter.Name ?? "$");

    // What the client sent, not what DI supplies (a service's properties are none of the request's business).
    private static bool IsBound(ParameterInfo parameter, IServiceProviderIsService? services) =>
        !parameter.GetCustomAttributes().Any(a => a is IFromServiceMetadata or FromKeyedServicesAttribute)
        && services?.IsService(parameter.ParameterType) != true;

    private static bool IsValidatable(Type type) => Validatable.GetOrAdd(type, static t =>
        t.IsClass && t != typeof(string) && t.Assembly.GetName().Name?.StartsWith("Beacon.", StringComparison.Ordinal) == true
        && t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Any(p => p.GetCustomAttributes<ValidationAttribute>(inherit: true).Any()));
}

internal sealed record ValidationCheck(int Position, string Prefix, bool Annotations, bool Text);

/// <summary>Marks a route whose input <see cref="RequestValidation"/> checks (read by the architecture test).</summary>
internal sealed class RequestValidationMetadata
{
    public static RequestValidationMetadata Instance { get; } = new();
}
