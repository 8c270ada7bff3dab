using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Beacon.Learning.Serialization;

/// <summary>
/// The model file: "BCNMODEL" magic, format version (uint16), payload length (int64), payload, SHA-256 of the payload.
/// Everything is little-endian and nothing depends on time or machine, so the same model gives the same bytes.
/// </summary>
public static class ModelSerializer
{
    public const ushort FormatVersion = 1;
    private const int HeaderLength = 8 + 2 + 8;
    private const int ChecksumLength = 32;
    private static readonly byte[] Magic = "BCNMODEL"u8.ToArray();

    public static byte[] Serialize(ScoringModel model)
    {
        var payload = ModelWriter.Write(model);
        var bytes = new byte[HeaderLength + payload.Length + ChecksumLength];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(10), payload.Length);
        payload.CopyTo(bytes, HeaderLength);
        SHA256.HashData(payload, bytes.AsSpan(HeaderLength + payload.Length));
        return bytes;
    }

    public static ScoringModel Deserialize(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderLength + ChecksumLength || !bytes[..8].SequenceEqual(Magic))
        {
            throw new ModelFormatException("Not a Beacon model: the file does not start with the BCNMODEL header.");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
        if (version != FormatVersion)
        {
            throw new ModelFormatException($"Unsupported model format version {version}; this build reads version {FormatVersion}.");
        }

        var length = BinaryPrimitives.ReadInt64LittleEndian(bytes[10..]);
        if (length < 0 || length != bytes.Length - HeaderLength - ChecksumLength)
        {
            throw new ModelFormatException($"Model is truncated or padded: header says {length} payload bytes, file holds {bytes.Length - HeaderLength - ChecksumLength}.");
        }

        var payload = bytes.Slice(HeaderLength, (int)length);
        Span<byte> hash = stackalloc byte[ChecksumLength];
        SHA256.HashData(payload, hash);
        if (!hash.SequenceEqual(bytes[(HeaderLength + (int)length)..]))
        {
            throw new ModelFormatException("Model checksum mismatch: the bytes are corrupted.");
        }

        try
        {
            return ModelReader.Read(payload.ToArray());
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or IndexOutOfRangeException)
        {
            throw new ModelFormatException("Model payload is malformed although its checksum matches.", e);
        }
    }

    public static async Task SaveAsync(ScoringModel model, string path, CancellationToken cancellationToken = default) =>
        await File.WriteAllBytesAsync(path, Serialize(model), cancellationToken);

    public static async Task<ScoringModel> LoadAsync(string path, CancellationToken cancellationToken = default) =>
        Deserialize(await File.ReadAllBytesAsync(path, cancellationToken));
}
