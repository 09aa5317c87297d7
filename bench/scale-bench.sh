#!/usr/bin/env bash
# Flow-heavy traffic benchmark (issue 10): for each capture, `tshark -n -q -z conv,tcp` and then the ReadyToRun
# `casemgr analyze --json` back to back, with /usr/bin/time -v (wall, CPU, peak RSS) and the load average before each.
# Captures: OUT=/work/big bash ../shared/tools/make-big-captures.sh (never committed).
#   bench/scale-bench.sh /work/big/slice_370k.pcap /work/big/big_200MB.pcap /work/big/big_1GB.pcap
# env: CASEMGR (a published casemgr; default: publish to /tmp/casemgr-scale-bench), SKIP_TSHARK=1.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/casemgr-scale-bench}
mkdir -p "$work"
if [ -z "${CASEMGR:-}" ]; then
  dotnet publish "$repo/src/Cli" -c Release -r linux-x64 -o "$work/casemgr" -nologo -v quiet >/dev/null
  CASEMGR=$work/casemgr/casemgr
fi

measure() { # label command... -> "wall user sys rss_kb"
  local log=$work/time.txt
  /usr/bin/time -v -o "$log" "$@" >"$work/out.json" 2>/dev/null || true
  awk -F': ' '/Elapsed \(wall/ {n=split($2,t,":"); w=(n==3)?t[1]*3600+t[2]*60+t[3]:t[1]*60+t[2]}
              /User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {r=$2}
              END {printf "%.2f %.2f %.2f %d\n", w, u, s, r}' "$log"
}

echo "| capture | bytes | packets | conversations (tcp+udp) | tool | load avg | wall s | CPU s | MB/s | packets/s | peak RSS MiB | ratio |"
echo "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"
for f in "$@"; do
  bytes=$(stat -c %s "$f")
  if [ -z "${SKIP_TSHARK:-}" ]; then
    load_t=$(cut -d' ' -f1 /proc/loadavg)
    read -r tw tu ts tr < <(measure tshark -n -q -r "$f" -z conv,tcp)
  fi
  load_c=$(cut -d' ' -f1 /proc/loadavg)
  read -r cw cu cs cr < <(measure "$CASEMGR" analyze "$f" --json --quiet)
  read -r packets convs tcp udp < <(python3 -c "
import json,sys; d=json.load(open('$work/out.json')); c=d['conversations']
t=sum(1 for x in c if x['protocol']=='tcp'); print(d['packets'], len(c), t, len(c)-t)")
  name=$(basename "$f")
  mbs=$(awk -v b="$bytes" -v w="$cw" 'BEGIN{printf "%.1f", b/1e6/w}')
  pps=$(awk -v p="$packets" -v w="$cw" 'BEGIN{printf "%.2f M", p/1e6/w}')
  if [ -z "${SKIP_TSHARK:-}" ]; then
    ratio=$(awk -v a="$tw" -v b="$cw" 'BEGIN{printf "%.1fx", a/b}')
    echo "| $name | $bytes | $packets | $convs ($tcp+$udp) | \`casemgr analyze --json\` | $load_c | **$cw** | $(awk -v u="$cu" -v s="$cs" 'BEGIN{print u+s}') | $mbs | $pps | $((cr/1024)) | **$ratio** |"
    echo "| | | | | \`tshark -n -q -z conv,tcp\` | $load_t | $tw | $(awk -v u="$tu" -v s="$ts" 'BEGIN{print u+s}') | $(awk -v b="$bytes" -v w="$tw" 'BEGIN{printf "%.1f", b/1e6/w}') | $(awk -v p="$packets" -v w="$tw" 'BEGIN{printf "%.2f M", p/1e6/w}') | $((tr/1024)) | 1 |"
  else
    echo "| $name | $bytes | $packets | $convs ($tcp+$udp) | \`casemgr analyze --json\` | $load_c | **$cw** | $(awk -v u="$cu" -v s="$cs" 'BEGIN{print u+s}') | $mbs | $pps | $((cr/1024)) | |"
  fi
done
