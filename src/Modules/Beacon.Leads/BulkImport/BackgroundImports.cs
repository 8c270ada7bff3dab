using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Beacon.Leads.BulkImport;

/// <summary>
/// Runs the imports of large files after their request was answered <c>202</c>. A node that stops cancels them: each
/// is marked interrupted with its committed chunks kept, and uploading the file again with the same Idempotency-Key
/// resumes it (the spooled copy is deleted with the process, so the file has to be sent again).
/// </summary>
internal sealed partial class BackgroundImports(ImportExecution execution, IHostApplicationLifetime lifetime, ILogger<BackgroundImports> log)
{
    private readonly ConcurrentDictionary<Guid, Task> _running = new();

    /// <summary>Takes ownership of <paramref name="source"/>.</summary>
    public void Start(Guid tenant, ImportSource source, ColumnMapping columns, ImportRun run) =>
        _running[run.ImportId] = Task.Run(async () =>
        {
            try
            {
                await execution.RunAsync(tenant, source, columns, run, lifetime.ApplicationStopping);
            }
            catch (Exception e)
            {
                LogFailed(log, e, run.ImportId);
            }
            finally
            {
                await source.DisposeAsync();
                _running.TryRemove(run.ImportId, out _);
            }
        });

    [LoggerMessage(LogLevel.Warning, "Background import {ImportId} stopped before its end; its status says why")]
    private static partial void LogFailed(ILogger logger, Exception e, Guid importId);
}
