namespace CaseManager.Application.Analysis;

/// <summary>The input is not of a format the analyser reads (as opposed to damaged input of a known format).</summary>
public class UnsupportedEvidenceException(string message) : Exception(message);
