using System.Data;
using Dapper;

namespace Beacon.SharedKernel.Database;

/// <summary>
/// Npgsql hands timestamptz to Dapper as a UTC <see cref="DateTime"/>; we speak <see cref="DateTimeOffset"/>
/// everywhere (TimeProvider's type), and Npgsql accepts only offset zero when writing.
/// </summary>
public static class DapperTypeHandlers
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
            // snake_case columns map onto PascalCase members without an alias in every query.
            DefaultTypeMap.MatchNamesWithUnderscores = true;
        }
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) =>
            parameter.Value = value.ToUniversalTime();

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            DateTimeOffset dto => dto,
            _ => throw new DataException($"Cannot read {value.GetType().Name} as DateTimeOffset."),
        };
    }
}
