namespace Beacon.Learning.Serialization;

/// <summary>The bytes are not a model this version can read: wrong magic, unknown version, corrupted or truncated.</summary>
public sealed class ModelFormatException : Exception
{
    public ModelFormatException()
    {
    }

    public ModelFormatException(string message)
        : base(message)
    {
    }

    public ModelFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
