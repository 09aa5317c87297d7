namespace CaseManager.Application.Yara;

/// <summary>The starter rule set that ships with CaseManager (its sources and licences are stated in its header).</summary>
public interface IYaraStarterRules
{
    string Source { get; }
}
