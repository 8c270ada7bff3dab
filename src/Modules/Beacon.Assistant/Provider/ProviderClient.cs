using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAI;

namespace Beacon.Assistant.Provider;

/// <summary>
/// Builds the provider's chat pipeline: function invocation (the library's tool-call loop) outermost, then PII
/// masking, then the OpenAI client on our own <see cref="HttpClient"/> — no retries of its own: a failure goes
/// straight to the built-in engine, which answers at once, rather than making the person wait through back-offs.
/// </summary>
internal static class ProviderClient
{
    public const string HttpClientName = "assistant-provider";

    // Enough for a lookup and its follow-up; a model that keeps calling tools is cut off and answers with what it has.
    private const int MaxToolRounds = 4;

    public static IChatClient Create(OpenAIProviderOptions options, HttpClient http, ILoggerFactory logs)
    {
        var openAi = new OpenAIClient(
            new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey),
            new OpenAIClientOptions
            {
                Endpoint = new Uri(options.BaseUrl),
                Transport = new HttpClientPipelineTransport(http),
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = options.RequestTimeout,
            });
        return new ChatClientBuilder(openAi.GetChatClient(options.Model).AsIChatClient())
            .UseFunctionInvocation(logs, f => f.MaximumIterationsPerRequest = MaxToolRounds)
            .Use(inner => new PiiMaskingChatClient(inner))
            .Build();
    }
}
