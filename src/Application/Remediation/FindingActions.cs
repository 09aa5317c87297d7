using CaseManager.Application.Analysis;
using CaseManager.Domain.Remediation;

namespace CaseManager.Application.Remediation;

/// <summary>What a finding asks to be done, on which exact target, with which command.</summary>
/// <param name="Stage">The remediation stage.</param>
/// <param name="Action">kill, block, remove-file, remove-persistence, reset-account.</param>
/// <param name="Target">The exact target, as the finding names it (pids, paths, lines, pools, addresses).</param>
/// <param name="Key">What identifies the target across collections (stable when pids change).</param>
/// <param name="Command">The finding's remediation command, when it carries one.</param>
public sealed record FindingAction(RemediationStage Stage, string Action, string Target, string Key, string? Command);

/// <summary>Turns coded findings (triage, traffic, memory) into remediation actions on exact targets.</summary>
public static class FindingActions
{
    public static IEnumerable<FindingAction> For(string code, IReadOnlyList<FindingArgument> arguments)
    {
        string V(string name) => arguments.FirstOrDefault(a => a.Name == name)?.Value ?? string.Empty;
        string L(string name) => string.Join(" ", arguments.FirstOrDefault(a => a.Name == name)?.Values ?? []);
        var command = string.IsNullOrWhiteSpace(V("command")) ? null : V("command");
        switch (code)
        {
            case "triage.process.fake-kernel-thread":
                var children = L("children");
                yield return new(RemediationStage.Containment, "kill", $"pid {V("pid")}{(children.Length > 0 ? $" + {children}" : string.Empty)} ({V("name")}, parent {V("ppid")}, {V("exe")})", $"process:{V("exe")}:{V("name")}", command);
                break;
            case "triage.process.deleted-executable" or "triage.process.suspicious-location" or "triage.process.high-cpu":
                yield return new(RemediationStage.Containment, "kill", $"pid {V("pid")} ({V("name")}, {V("exe")})", $"process:{V("exe")}:{V("name")}", command);
                break;
            case "triage.network.mining-pool":
                yield return new(RemediationStage.Containment, "block", $"{V("pool")} ({V("remote")})", $"pool:{V("pool")}", command);
                break;
            case "triage.network.dynamic-dns":
                yield return new(RemediationStage.Containment, "block", $"{V("name")} ({V("location")})", $"domain:{V("name")}", null);
                break;
            case "triage.network.irc":
                yield return new(RemediationStage.Containment, "block", V("remote"), $"remote:{V("remote")}", command);
                break;
            case "triage.auth.brute-force":
                yield return new(RemediationStage.Containment, "block", V("source"), $"source:{V("source")}", null);
                break;
            case "triage.file.executable-as-config":
                yield return new(RemediationStage.Eradication, "remove-file", $"{V("path")} (SHA-256 {V("sha256")})", $"file:{V("path")}", command);
                break;
            case "triage.file.temp-executable":
                yield return new(RemediationStage.Eradication, "remove-file", $"{L("files")} ({V("directory")})", $"dir:{V("directory")}", command);
                break;
            case "triage.persistence.suspicious-entry":
                yield return new(RemediationStage.Eradication, "remove-persistence", $"{V("location")}: {V("entry")}", $"persistence:{V("location")}:{V("entry")}", command);
                break;
            case "triage.persistence.ld-preload" or "triage.persistence.unsigned-startup":
                yield return new(RemediationStage.Eradication, "remove-persistence", $"{V("location")}: {V("entry")}", $"persistence:{V("location")}:{V("entry")}", command);
                break;
            case "triage.account.uid-zero":
                yield return new(RemediationStage.Recovery, "reset-account", V("account"), $"account:{V("account")}", command);
                break;
            case "triage.account.new-ssh-key":
                yield return new(RemediationStage.Recovery, "reset-account", V("path"), $"keys:{V("path")}", command);
                break;
            case "triage.auth.brute-force-success":
                yield return new(RemediationStage.Recovery, "reset-account", $"{V("user")} ({V("source")})", $"login:{V("source")}:{V("user")}", command);
                break;
            case "traffic.mining.pool-domain" or "memory.strings.mining-pool" or "traffic.dns.dynamic-dns" or "memory.strings.dynamic-dns":
                foreach (var domain in arguments.FirstOrDefault(a => a.Name == "domains")?.Values ?? [])
                {
                    yield return new(RemediationStage.Containment, "block", domain, $"domain:{domain}", null);
                }

                break;
            case "memory.process.deleted-binary" or "memory.process.unusual-location" or "memory.process.hidden-directory":
                yield return new(RemediationStage.Eradication, "remove-file", V("path"), $"file:{V("path")}", command);
                break;
            default:
                if (command is not null)
                {
                    yield return new(RemediationStage.Eradication, "review", command, $"command:{command}", command);
                }

                break;
        }
    }
}
