namespace Beacon.Sandbox.Property;

/// <summary>
/// Tolerant lookup: the street must match (exactly, or by number and name when the suffix is missing or differs);
/// a unit must match when both sides have one, and a unit-less query takes the building's unit-less record;
/// zip or city, when given, must agree with at least one candidate (zip first, then city, so a typo in one of them
/// is forgiven). More than one result only when the street exists in several places and no locality was given.
/// </summary>
internal static class PropertyMatcher
{
    public static IReadOnlyList<PropertyRecord> Match(SacramentoDataset data, ParsedAddress query)
    {
        var candidates = data.CandidatesFor(query);
        candidates = ByUnit(candidates, query.Unit);
        if (query.Zip is null && query.City is null)
        {
            return candidates;
        }

        var byZip = candidates.Where(c => c.Zip == query.Zip).ToArray();
        if (byZip.Length > 0)
        {
            return byZip;
        }

        return candidates.Where(c => query.City is not null && c.Address.City == query.City).ToArray();
    }

    private static IReadOnlyList<PropertyRecord> ByUnit(IReadOnlyList<PropertyRecord> candidates, string? unit)
    {
        if (unit is not null)
        {
            var exact = candidates.Where(c => c.Address.Unit == unit).ToArray();
            // A unit the data does not know still finds the building when the building itself has no units.
            return exact.Length > 0 ? exact : candidates.Where(c => c.Address.Unit is null).ToArray();
        }

        var whole = candidates.Where(c => c.Address.Unit is null).ToArray();
        return whole.Length > 0 ? whole : candidates;
    }
}
