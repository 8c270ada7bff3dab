namespace Beacon.Workflows.Definitions;

/// <summary>
/// A webhook step's target and secret. Only https leaves Beacon; plain http is for a receiver on this machine
/// (loopback) while developing and in tests — checked at save time by <see cref="StepReferences"/>, which knows the
/// environment. The secret is the brokerage's own, shared with its receiver, at least 16 characters.
/// </summary>
internal static class WebhookRules
{
    public static void Check(WorkflowStep step, string path, Dictionary<string, string[]> errors)
    {
        if (!Uri.TryCreate(step.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || step.Url!.Length > 2000)
        {
            errors[$"{path}.url"] = ["An absolute https URL, at most 2000 characters."];
        }

        if (step.Secret is not { Length: >= 16 and <= 200 } || string.IsNullOrWhiteSpace(step.Secret))
        {
            errors[$"{path}.secret"] = ["The signing secret your receiver checks, 16 to 200 characters."];
        }
    }

    /// <summary>Whether the URL may be called from here: https anywhere, http only to a loopback address in Development.</summary>
    public static bool Allowed(Uri url, bool development) =>
        url.Scheme == "https" || (development && url.IsLoopback);
}
