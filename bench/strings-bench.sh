#!/usr/bin/env bash
# Strings throughput and memory: casemgr (Release) against GNU strings on the same file, same run.
#
#   bench/strings-bench.sh [SIZE_MB=256] [BIG_MB=3072]
#
# Builds /tmp/casemgr-bench/mem-SIZE.bin (never committed) from a memory-like mix: gcore cores of live
# processes, system binaries, random bytes, zero pages and UTF-16LE text, repeated to SIZE_MB. Then runs
#   strings -a -n 8 -t d FILE            (GNU, ASCII)
#   strings -a -n 8 -e l -t d FILE       (GNU, UTF-16LE)
#   casemgr strings FILE --encoding ascii|utf16le|both
# under /usr/bin/time -v (wall time, peak RSS), output to /dev/null, and prints MB/s. Finally it runs
# `casemgr analyze --json` (strings + indicators, one pass) over a BIG_MB file to show flat memory.
set -euo pipefail
SIZE_MB=${1:-256}
BIG_MB=${2:-3072}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=/tmp/casemgr-bench
CLI="$ROOT/src/Cli/bin/Release/net10.0/casemgr"
mkdir -p "$WORK"

dotnet build "$ROOT/src/Cli" -c Release -v q -nologo >/dev/null
[ -x "$CLI" ] || { echo "no Release CLI at $CLI" >&2; exit 1; }

make_seed() {
  local seed="$WORK/seed.bin"
  [ -s "$seed" ] && return
  local parts=()
  if command -v gcore >/dev/null; then
    python3 -c 'import time, json, re, email, http.client; time.sleep(120)' </dev/null >/dev/null 2>&1 &
    local py=$!
    sleep 120 </dev/null >/dev/null 2>&1 &
    local sl=$!
    for pid in $py $sl; do
      gcore -o "$WORK/core" "$pid" >/dev/null 2>&1 || true
      [ -s "$WORK/core.$pid" ] && parts+=("$WORK/core.$pid")
    done
    kill $py $sl 2>/dev/null || true
  fi
  for b in /usr/bin/gdb /usr/bin/python3 /usr/lib/x86_64-linux-gnu/libc.so.6; do [ -f "$b" ] && parts+=("$b"); done
  head -c $((8 << 20)) /dev/urandom > "$WORK/random.part"; parts+=("$WORK/random.part")
  head -c $((4 << 20)) /dev/zero > "$WORK/zero.part"; parts+=("$WORK/zero.part")
  python3 - "$WORK/utf16.part" <<'PY'
import sys, random
random.seed(1)
words = ["C:\\Users\\Public\\svchost.exe", "http://sjb555.3322.org/update", "HKEY_LOCAL_MACHINE\\Software\\Run", "kernel32.dll", "powershell -enc"]
with open(sys.argv[1], "wb") as f:
    for _ in range(60000):
        f.write(random.choice(words).encode("utf-16-le") + bytes(random.randrange(1, 40)))
PY
  parts+=("$WORK/utf16.part")
  cat "${parts[@]}" > "$seed"
  rm -f "$WORK"/core.* "$WORK"/*.part
}

make_file() { # $1 = size MB, $2 = path
  [ -f "$2" ] && [ "$(stat -c %s "$2")" -ge $(($1 << 20)) ] && return
  : > "$2"
  while [ "$(stat -c %s "$2")" -lt $(($1 << 20)) ]; do cat "$WORK/seed.bin" >> "$2"; done
  truncate -s $(($1 << 20)) "$2"
}

measure() { # label, command...
  local label=$1; shift
  local log; log=$(mktemp)
  /usr/bin/time -v "$@" > /dev/null 2> "$log"
  local wall rss secs
  wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
  secs=$(echo "$wall" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  printf '%-44s %8.2f s %9.1f MB/s %8d MB peak RSS\n' "$label" "$secs" "$(echo "$MB / $secs" | bc -l)" $((rss / 1024))
  rm -f "$log"
}

make_seed
FILE="$WORK/mem-$SIZE_MB.bin"
make_file "$SIZE_MB" "$FILE"
MB=$(echo "$(stat -c %s "$FILE") / 1048576" | bc -l)
echo "file: $FILE ($SIZE_MB MiB); $(nproc) cores; $(strings --version | head -1)"
cat "$FILE" > /dev/null # warm the page cache for everyone
measure "GNU strings -a -n 8 -t d (ascii)"       strings -a -n 8 -t d "$FILE"
measure "GNU strings -a -n 8 -e l -t d (utf16le)" strings -a -n 8 -e l -t d "$FILE"
measure "casemgr strings --encoding ascii"        "$CLI" strings "$FILE" -n 8 --encoding ascii
measure "casemgr strings --encoding utf16le"      "$CLI" strings "$FILE" -n 8 --encoding utf16le
measure "casemgr strings --encoding both"         "$CLI" strings "$FILE" -n 8 --encoding both
cmp <(strings -a -n 8 -t d "$FILE") <("$CLI" strings "$FILE" --encoding ascii) && echo "ascii output identical to GNU"
cmp <(strings -a -n 8 -e l -t d "$FILE") <("$CLI" strings "$FILE" --encoding utf16le) && echo "utf16le output identical to GNU"

if [ "$BIG_MB" -gt 0 ]; then
  BIG="$WORK/mem-$BIG_MB.bin"
  make_file "$BIG_MB" "$BIG"
  MB=$(echo "$(stat -c %s "$BIG") / 1048576" | bc -l)
  echo "big file: $BIG ($BIG_MB MiB)"
  measure "casemgr strings --encoding both (big)"   "$CLI" strings "$BIG" --encoding both
  measure "casemgr analyze --json (big)"            "$CLI" analyze "$BIG" --json
fi
