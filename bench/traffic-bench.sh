#!/usr/bin/env bash
# Traffic-analysis benchmark: builds a large capture from the shared test captures under /tmp (never
# committed), then times `tshark -n -q -z conv,tcp` and the Release `casemgr analyze --json` on the same
# file in the same run, with /usr/bin/time -v for peak RSS.
#
# usage: bench/traffic-bench.sh [copies=300] [pcaps dir]
#   copies: how many times the merged test set is concatenated (300 copies ~ 225 MB).
# env: BENCH_DIR (default /tmp/casemgr-traffic-bench), SKIP_TSHARK=1 to time only casemgr.
set -euo pipefail

copies=${1:-300}
repo=$(cd "$(dirname "$0")/.." && pwd)
pcaps=${2:-${CASEMANAGER_TESTDATA:-$repo/../shared/testdata}/pcaps}
[ -d "$pcaps" ] || pcaps=${2:-$repo/../shared/testdata/pcaps}
work=${BENCH_DIR:-/tmp/casemgr-traffic-bench}
mkdir -p "$work"

for tool in tshark mergecap capinfos; do
  command -v "$tool" >/dev/null || { echo "missing $tool: DEBIAN_FRONTEND=noninteractive apt-get install -y tshark" >&2; exit 1; }
done

# 1. One Ethernet pcap with every readable test capture (damaged derived_* files and the raw-IP one are left out).
base=$work/base.pcap
if [ ! -s "$base" ]; then
  inputs=()
  for f in "$pcaps"/*.pcap "$pcaps"/*.pcapng "$pcaps"/*.cap; do
    case "$(basename "$f")" in derived_*|zeek_tcp-syslog.pcap) continue ;; esac
    inputs+=("$f")
  done
  mergecap -a -F pcap -w "$base" "${inputs[@]}"
fi

# 2. The big capture: the base set concatenated $copies times (mergecap -a keeps each copy's timestamps).
big=$work/traffic-x$copies.pcap
if [ ! -s "$big" ]; then
  list=()
  for _ in $(seq "$copies"); do list+=("$base"); done
  mergecap -a -F pcap -w "$big" "${list[@]}"
fi

bytes=$(stat -c %s "$big")
packets=$(capinfos -M -c "$big" | awk -F': *' '/Number of packets/ {print $2}')
echo "capture: $big  $bytes bytes, $packets packets"

# 3. Release build of the CLI, outside the repository.
out=$work/casemgr
dotnet build "$repo/src/Cli" -c Release -o "$out" -v quiet -nologo >/dev/null
cat "$big" > /dev/null   # warm the page cache for both tools

measure() { # label, command...: prints wall seconds and peak RSS KiB
  local label=$1; shift
  /usr/bin/time -v "$@" > "$work/$label.out" 2> "$work/$label.time"
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/$label.time" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$label.time")
  echo "$label $wall $rss"
}

read -r _ ours_s ours_kb < <(measure casemgr dotnet "$out/casemgr.dll" analyze "$big" --json)
if [ "${SKIP_TSHARK:-0}" != 1 ]; then
  read -r _ tshark_s tshark_kb < <(measure tshark tshark -n -q -z conv,tcp -r "$big")
fi

python3 - "$bytes" "$packets" "$ours_s" "$ours_kb" "${tshark_s:-0}" "${tshark_kb:-0}" "$work/casemgr.out" <<'PY'
import json, sys
size, packets, ours, ours_kb, tshark, tshark_kb, out = sys.argv[1:]
size, packets, ours, tshark = int(size), int(packets), float(ours), float(tshark)
result = json.load(open(out))
assert result["packets"] == packets, (result["packets"], packets)
mb = size / 1e6
print(f"casemgr analyze --json : {ours:7.2f} s  {mb / ours:8.1f} MB/s  {packets / ours / 1e6:6.2f} M packets/s  peak RSS {int(ours_kb) / 1024:6.0f} MiB")
print(f"   ({len(result['conversations'])} conversations listed, {len(result['dns'])} DNS, {len(result['http'])} HTTP, "
      f"{len(result['tls'])} TLS, {len(result['stratum'])} stratum, {len(result['findings'])} findings, warnings: {len(result['warnings'])})")
if tshark > 0:
    print(f"tshark -n -q -z conv,tcp: {tshark:7.2f} s  {mb / tshark:8.1f} MB/s  {packets / tshark / 1e6:6.2f} M packets/s  peak RSS {int(tshark_kb) / 1024:6.0f} MiB")
    print(f"speed-up over tshark: {tshark / ours:.1f}x")
PY
