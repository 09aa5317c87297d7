namespace CaseManager.Application.Analysis.Traffic;

/// <summary>The data is not a capture the traffic analyser can read (unknown magic number or unusable header).</summary>
public sealed class UnsupportedCaptureException : Exception
{
    public UnsupportedCaptureException()
    {
    }

    public UnsupportedCaptureException(string message)
        : base(message)
    {
    }

    public UnsupportedCaptureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
