using System.Text.Json;

namespace Beacon.SharedKernel.Database.Embedded;

/// <summary>Random passwords of the embedded cluster and the key that encrypts signing keys, kept beside its data folder (mode 600), never in the repo.</summary>
public sealed record EmbeddedCredentials(string SuperuserPassword, string AppPassword, string KeyEncryptionKey)
{
    public static async Task<EmbeddedCredentials> LoadOrCreateAsync(string path, CancellationToken ct)
    {
        if (File.Exists(path))
        {
            await using var read = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<EmbeddedCredentials>(read, cancellationToken: ct)
                ?? throw new InvalidOperationException($"{path} is empty.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var created = new EmbeddedCredentials(EmbeddedPostgres.NewSecret(), EmbeddedPostgres.NewSecret(),
            Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(created), ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return created;
    }
}
