#!/usr/bin/python3
"""Builds the small tunnel captures in this folder with scapy (Debian python3-scapy); truth: make_truth.py FILE."""
import struct
from scapy.all import Ether, IP, IPv6, UDP, TCP, DNS, DNSQR, Raw, GRE, Dot1Q, Dot1AD, wrpcap, conf
from scapy.contrib.gtp import GTP_U_Header, GTPPDUSessionContainer
from scapy.layers.vxlan import VXLAN
from scapy.contrib.geneve import GENEVE
from scapy.contrib.mpls import MPLS
from scapy.contrib.erspan import ERSPAN_II, ERSPAN_III

T0 = 1_700_000_000


def inner(n, v6=False):
    """A DNS query and an HTTP request, the conversations analysts want to see inside the tunnel."""
    ip = (lambda **k: IPv6(src="2001:db8::10", dst="2001:db8::53")) if v6 else (lambda **k: IP(src="10.10.0.5", dst="10.10.0.53", id=n))
    dns = ip() / UDP(sport=40000 + n, dport=53) / DNS(id=n, rd=1, qd=DNSQR(qname=f"tunnel{n}.example.com"))
    web = (IP(src="10.10.0.5", dst="198.51.100.80", id=n + 100) / TCP(sport=41000 + n, dport=80, flags="PA", seq=1, ack=1)
           / Raw(b"GET /inner HTTP/1.1\r\nHost: inner.example\r\nUser-Agent: tunnel-test\r\n\r\n"))
    return [dns, web]


def save(name, packets, linktype=None):
    for i, p in enumerate(packets):
        p.time = T0 + i * 0.001
    wrpcap(name, packets, linktype=linktype) if linktype else wrpcap(name, packets)


outer = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02") / IP(src="192.0.2.1", dst="192.0.2.2")
l2 = Ether(src="02:00:00:00:10:01", dst="02:00:00:00:10:02")

save("tunnel_gtpu.pcap", [outer / UDP(sport=2152, dport=2152) / GTP_U_Header(teid=0x1234, gtp_type=255) / p for p in inner(1)]
     + [outer / UDP(sport=2152, dport=2152) / GTP_U_Header(teid=0x99, gtp_type=255, E=1, next_ex=0x85)
        / GTPPDUSessionContainer(type=1, QFI=5) / p for p in inner(2)])
save("tunnel_vxlan.pcap", [outer / UDP(sport=50000, dport=4789) / VXLAN(vni=42) / l2 / p for p in inner(3) + inner(4, v6=True)])
save("tunnel_geneve.pcap", [outer / UDP(sport=50001, dport=6081) / GENEVE(vni=7, proto=0x6558) / l2 / p for p in inner(5)]
     + [outer / UDP(sport=50002, dport=6081) / GENEVE(vni=8, proto=0x0800) / p for p in inner(6)])
save("tunnel_gre.pcap", [outer / GRE(proto=0x6558) / l2 / p for p in inner(7)]
     + [outer / GRE(proto=0x88BE, seqnum_present=1, seqence_number=1) / ERSPAN_II(ver=1, session_id=3) / l2 / p for p in inner(8)]
     + [outer / GRE(proto=0x22EB) / ERSPAN_III(session_id=4) / l2 / p for p in inner(9)]
     + [outer / GRE(proto=0x8847) / MPLS(label=100, s=1) / p for p in inner(10)])
save("tunnel_mpls_qinq.pcap",
     [Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02", type=0x8847) / MPLS(label=16, s=0, ttl=64) / MPLS(label=17, s=0) / MPLS(label=18, s=1) / p for p in inner(11)]
     + [Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02") / Dot1AD(vlan=100) / Dot1Q(vlan=200) / p for p in inner(12)])


def nflog(packet, family=2):
    def tlv(kind, value):
        body = struct.pack("<HH", 4 + len(value), kind) + value
        return body + b"\0" * (-len(body) % 4)
    header = struct.pack("!BBH", family, 0, 5)
    return Raw(header + tlv(1, struct.pack("!HBB", 0x0800, 0, 0)) + tlv(10, b"prefix\0") + tlv(9, bytes(packet)))


save("tunnel_nflog.pcap", [nflog(p) for p in inner(13)], linktype=239)
