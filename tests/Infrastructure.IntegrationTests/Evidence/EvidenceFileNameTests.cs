using CaseManager.Application.Common.Interfaces;
using CaseManager.Application.Evidence;

namespace CaseManager.Infrastructure.IntegrationTests.Evidence;

public sealed class EvidenceFileNameTests
{
    [Theory]
    [InlineData("capture.pcap", "capture.pcap")]
    [InlineData("  memory dump.raw  ", "memory dump.raw")]
    [InlineData("报告.pdf", "报告.pdf")]
    [InlineData("..hidden", "..hidden")]
    [InlineData("a.b.c", "a.b.c")]
    public void Valid_names_come_back_trimmed(string name, string expected) =>
        EvidenceFileName.Validate(name).ShouldBe(expected);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData(" .. ")]
    [InlineData("../etc/passwd")]
    [InlineData("dir/file.txt")]
    [InlineData("C:\\Windows\\evil.exe")]
    [InlineData("evil\0.txt")]
    [InlineData("line\nbreak.log")]
    [InlineData("tab\there")]
    [InlineData("invoice\u202Efdp.exe")]
    public void Unusable_names_are_rejected(string name) =>
        Should.Throw<EvidenceRejectedException>(() => EvidenceFileName.Validate(name));

    [Fact]
    public void Broken_utf16_is_rejected() =>
        Should.Throw<EvidenceRejectedException>(() => EvidenceFileName.Validate("broken" + (char)0xD800 + "surrogate"));

    [Fact]
    public void Null_is_rejected() =>
        Should.Throw<EvidenceRejectedException>(() => EvidenceFileName.Validate(null));

    [Fact]
    public void Length_is_counted_in_utf8_bytes()
    {
        EvidenceFileName.Validate(new string('a', 255)).Length.ShouldBe(255);
        Should.Throw<EvidenceRejectedException>(() => EvidenceFileName.Validate(new string('a', 256)));
        EvidenceFileName.Validate(new string('报', 85)).Length.ShouldBe(85); // 255 bytes
        Should.Throw<EvidenceRejectedException>(() => EvidenceFileName.Validate(new string('报', 86))); // 258 bytes
    }
}
