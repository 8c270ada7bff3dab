using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Beacon.SharedKernel.Http;

/// <summary>
/// DataAnnotations on request records, checked before the handler runs: any failure answers 400 problem details
/// whose <c>errors</c> name each field in camelCase, and the handler (so every write) never starts.
/// (.NET 10's AddValidation source generator finds no endpoint types in our module libraries; see ADR 0006.)
/// </summary>
public static class RequestValidation
{
    private static readonly ConcurrentDictionary<Type, bool> Validatable = new();

    public static TBuilder WithRequestValidation<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(RequestValidationMetadata.Instance).AddEndpointFilterFactory((context, next) =>
        {
            var positions = context.MethodInfo.GetParameters()
                .Select((p, i) => (p.ParameterType, i))
                .Where(p => IsValidatable(p.ParameterType))
                .Select(p => p.i)
                .ToArray();
            return positions.Length == 0 ? next : invocation => ValidateAsync(invocation, positions, next);
        });

    private static ValueTask<object?> ValidateAsync(EndpointFilterInvocationContext invocation, int[] positions,
        EndpointFilterDelegate next)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var position in positions)
        {
            if (invocation.Arguments[position] is not { } argument)
            {
                continue;
            }

            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(argument, new ValidationContext(argument), results, validateAllProperties: true))
            {
                errors ??= [];
                foreach (var result in results)
                {
                    foreach (var member in result.MemberNames.DefaultIfEmpty("$"))
                    {
                        var field = JsonNamingPolicy.CamelCase.ConvertName(member);
                        errors[field] = [.. errors.GetValueOrDefault(field, []), result.ErrorMessage ?? "The value is not valid."];
                    }
                }
            }
        }

        return errors is null ? next(invocation) : ValueTask.FromResult<object?>(TypedResults.ValidationProblem(errors));
    }

    private static bool IsValidatable(Type type) => Validatable.GetOrAdd(type, static t =>
        t.IsClass && t != typeof(string) && t.Assembly.GetName().Name?.StartsWith("Beacon.", StringComparison.Ordinal) == true
        && t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Any(p => p.GetCustomAttributes<ValidationAttribute>(inherit: true).Any()));
}

/// <summary>Marks a route whose input <see cref="RequestValidation"/> checks (read by the architecture test).</summary>
internal sealed class RequestValidationMetadata
{
    public static RequestValidationMetadata Instance { get; } = new();
}
