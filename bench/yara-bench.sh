#!/usr/bin/env bash
# YARA benchmark (issue 16): a ~1 GiB dump-like file scanned with 500 rules by the `yara` program (what CaseManager
# runs) and by libyara directly (bench/yara/libyara-scan.c), wall time and peak RSS with /usr/bin/time -v.
# Usage: bench/yara-bench.sh [SIZE_MIB=1024] [RULES=500]. Scratch files go to /tmp/casemgr-yara-bench (never committed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
size=${1:-1024}; count=${2:-500}
work=/tmp/casemgr-yara-bench; mkdir -p "$work"
dump=$work/dump-${size}.bin; rules=$work/rules-${count}.yar

if [ ! -f "$dump" ]; then
  # Code, data and strings of real binaries (what a process image is made of), repeated up to SIZE MiB,
  # with the miner helper's markers planted once near the end.
  find /usr/lib/x86_64-linux-gnu -maxdepth 1 -name '*.so*' -type f -size +200k | sort | head -200 | xargs cat > "$work/seed.bin"
  : > "$dump"
  while [ "$(stat -c %s "$dump")" -lt $((size * 1048576)) ]; do cat "$work/seed.bin" >> "$dump"; done
  truncate -s $((size * 1048576 - 4096)) "$dump"
  printf 'stratum+tcp://pool.supportxmr.com:3333 --donate-level 1 xmrig/6.21' >> "$dump"
  truncate -s $((size * 1048576)) "$dump"
fi

if [ ! -f "$rules" ]; then
  # 500 rules shaped like real ones: two or three text strings (some nocase or wide), a hex pattern with a jump,
  # a few with a regex; conditions "any of them" / "2 of them".
  python3 - "$count" > "$rules" <<'PY'
import random, sys
random.seed(16)
words = ["xmrig", "stratum", "donate", "cryptonight", "randomx", "kinsing", "kdevtmpfsi", "tsunami", "mirai", "gafgyt",
         "PRIVMSG", "JOIN #", "NICK ", "/dev/shm/", "/tmp/.X11", "LD_PRELOAD", "authorized_keys", "chattr -i", "pkill -9",
         "README_TO_DECRYPT", "your files have been encrypted", "bitcoin", "monero", ".onion", "curl -fsSL", "wget -q"]
for i in range(int(sys.argv[1])):
    w = random.sample(words, 3)
    salt = "%04x" % random.randrange(65536)
    hexbytes = " ".join("%02X" % random.randrange(256) for _ in range(6))
    print(f"rule bench_{i} : bench\n{{\n  meta:\n    description = \"benchmark rule {i}\"\n  strings:")
    print(f"    $a = \"{w[0]}-{salt}\" ascii")
    print(f"    $b = \"{w[1]}{salt}\" nocase wide ascii")
    print(f"    $c = {{ {hexbytes[:11]} [2-8] {hexbytes[12:]} }}")
    if i % 10 == 0:
        print(f"    $r = /{''.join(ch for ch in w[2] if ch.isalnum())[:4]}[0-9a-f]{{8}}{salt}/")
    print(f"  condition:\n    {'any of them' if i % 2 else '2 of them'}\n}}")
print('rule bench_miner_marker : miner\n{\n  strings:\n    $s = "stratum+tcp://"\n    $x = "xmrig/"\n  condition:\n    all of them\n}')
PY
fi

[ -x "$work/libyara-scan" ] || gcc -O2 -o "$work/libyara-scan" "$here/yara/libyara-scan.c" -lyara
echo "dump: $(stat -c %s "$dump") bytes; rules: $(grep -c '^rule ' "$rules")"
cat "$dump" > /dev/null   # warm the page cache so both tools read from memory
# Peak RSS (/usr/bin/time) counts the file's pages that the mmap-based scan touched (page cache, shared and
# reclaimable); the process's own memory is RssAnon, sampled from /proc/PID/status every 50 ms.
peak_anon() {
  local pid=$1 peak=0 v
  while kill -0 "$pid" 2>/dev/null; do
    v=$(awk '/^RssAnon:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0); [ "${v:-0}" -gt "$peak" ] && peak=$v
    sleep 0.05
  done
  echo "peak RssAnon ${peak} KiB"
}
for run in 1 2; do
  echo "== run $run: yara program (yara -s -m -g -e -L -w -a 60, as CaseManager runs it)"
  /usr/bin/time -f 'wall %e s, cpu user %U s + sys %S s, peak RSS %M KiB' yara -s -m -g -e -L -w -a 60 "$rules" "$dump" > "$work/out.txt" &
  sleep 0.01; peak_anon "$(pgrep -n -x yara)"; wait; tail -2 "$work/out.txt"
  echo "== run $run: libyara (yr_rules_scan_file)"
  /usr/bin/time -f 'wall %e s, cpu user %U s + sys %S s, peak RSS %M KiB' "$work/libyara-scan" "$rules" "$dump" &
  sleep 0.01; peak_anon "$(pgrep -n -x libyara-scan)"; wait
done
