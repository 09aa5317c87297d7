#!/usr/bin/env bash
# Triage-analysis benchmark: generates a bundle with N processes and M sockets (default 2,000 and 20,000, plus
# maps, cron, systemd units, an auth log and 500 executables) under /tmp (never committed), then times
# `casemgr analyze BUNDLE --json` with /usr/bin/time -v for peak RSS.
#
# usage: bench/triage-bench.sh [processes=2000] [sockets=20000]
# env: BENCH_DIR (default /tmp/casemgr-triage-bench); CASEMGR (a built casemgr; default: Release build of src/Cli).
set -euo pipefail
processes=${1:-2000}
sockets=${2:-20000}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/casemgr-triage-bench}
mkdir -p "$work"
bundle=$work/triage-bench-$processes-$sockets.tar.gz

python3 - "$bundle" "$processes" "$sockets" <<'PY'
import hashlib, io, json, random, sys, tarfile, time
out, n, m = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(7)
now = int(time.time())
members = {}
rows = ["pid\tppid\tuid\tstart_time\tcpu_seconds\tname\texe\tcwd\tcmdline", "1\t0\t0\t%d\t10\tsystemd\t/usr/lib/systemd/systemd\t/\t/sbin/init" % (now - 864000),
        "2\t0\t0\t%d\t0\tkthreadd\t\t/\t" % (now - 864000)]
for pid in range(100, 100 + n - 3):
    rows.append("%d\t%d\t%d\t%d\t%.2f\tworker%d\t/usr/bin/worker\t/srv\t/usr/bin/worker --id %d --config /etc/worker/%d.yml" % (pid, rnd.choice([1, 100, 101]), 1000, now - 3600, rnd.random() * 50, pid, pid, pid))
rows.append("11275\t1\t0\t%d\t9000\t[ksoftirqd/7]\t/etc/security/ntps.conf\t/\t[ksoftirqd/7]" % (now - 10000))
members["processes.tsv"] = "\n".join(rows) + "\n"
members["maps.tsv"] = "pid\tpath\n" + "".join("%d\t/usr/lib/x86_64-linux-gnu/libc.so.6\n%d\t/usr/bin/worker\n" % (p, p) for p in range(100, 100 + n - 3))
def hexip(a, b, c, d): return "%02X%02X%02X%02X" % (d, c, b, a)
srows = ["protocol\tlocal\tremote\tstate\tinode\tpid"]
for i in range(m):
    pid = 100 + i % (n - 3)
    srows.append("tcp\t%s:%04X\t%s:%04X\t01\t%d\t%d" % (hexip(10, 0, 0, 5), 30000 + i % 30000, hexip(203, 0, (i // 250) % 256, i % 250 + 1), 6667 if i % 5000 == 0 else rnd.choice([443, 80, 8080, 22]), 100000 + i, pid))
members["sockets.tsv"] = "\n".join(srows) + "\n"
members["executables.tsv"] = "path\tsha256\tsize\tmtime\tmagic\n" + "".join("/etc/app/%d.sh\t%s\t1000\t%d\tscript\n" % (i, hashlib.sha256(str(i).encode()).hexdigest(), now) for i in range(500)) + \
    "/etc/security/ntps.conf\t%s\t1887744\t%d\tELF\n" % (hashlib.sha256(b"x").hexdigest(), now)
members["files/etc/crontab"] = "".join("%d * * * * root /usr/bin/job%d\n" % (i % 60, i) for i in range(200)) + "*/5 * * * * root /etc/security/ntps.conf\n"
for i in range(100):
    members["files/etc/systemd/system/svc%d.service" % i] = "[Service]\nExecStart=/usr/bin/svc%d --serve\n" % i
members["files/etc/passwd"] = "root:x:0:0:root:/root:/bin/bash\n" + "".join("u%d:x:%d:%d::/home/u%d:/bin/bash\n" % (i, 1000 + i, 1000 + i, i) for i in range(300))
members["files/var/log/auth.log"] = "".join("Nov 30 10:%02d:%02d h sshd[%d]: Failed password for root from 198.51.100.%d port 4000 ssh2\n" % (i // 60 % 60, i % 60, i, i % 50) for i in range(5000))
data = {k: v.encode() for k, v in members.items()}
manifest = {"format": "casemgr-triage/1", "os": "linux", "host": "bench", "collectedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now)),
            "collector": "triage-bench.sh", "version": "1.0", "commands": [], "files": {k: hashlib.sha256(v).hexdigest() for k, v in data.items()}}
with tarfile.open(out, "w:gz", format=tarfile.GNU_FORMAT) as tar:
    for name, blob in [("manifest.json", json.dumps(manifest).encode())] + list(data.items()):
        info = tarfile.TarInfo(name); info.size = len(blob); info.mtime = now
        tar.addfile(info, io.BytesIO(blob))
PY

casemgr=${CASEMGR:-}
if [ -z "$casemgr" ]; then
  dotnet build -c Release "$repo/src/Cli" -v q -nologo >/dev/null
  casemgr=$(ls "$repo"/src/Cli/bin/Release/net*/casemgr | head -n1)
fi
echo "bundle: $bundle ($(stat -c %s "$bundle") bytes, $processes processes, $sockets sockets)"
for run in 1 2 3; do
  /usr/bin/time -f "run $run: %e s wall, %M KB peak RSS" "$casemgr" analyze "$bundle" --json > "$work/out.json"
done
python3 -c "import json,sys; d=json.load(open('$work/out.json')); print('findings:', len(d['findings']), 'processes:', len(d['triage']['processes']), 'connections:', len(d['triage']['connections']))"
