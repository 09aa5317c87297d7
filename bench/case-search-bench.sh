#!/usr/bin/env bash
# Case list and search benchmark (issue 12): a Release web app on 127.0.0.1 (Production) on SQLite or on PostgreSQL, filled
# with CASES cases and INDICATORS indicators by `CaseManager.Benchmarks seed-cases`, then wrk with CONNECTIONS concurrent
# signed-in users on the case list and the search box. Prints one Markdown table row per scenario (bench/page-load.lua).
# Stops the server it started.
#
# usage: bench/case-search-bench.sh sqlite|postgres [CASES=10000] [INDICATORS=200000] [DURATION=20s] [CONNECTIONS=20]
# env: PORT (5089), WORK (/tmp/casemgr-case-search), WARMUP (5s per scenario and pass; 0: none), WARMUP_PASSES (2), PGADMIN (a connection string of a role that may create
#      databases; default the CI server of .ci/postgres.sh: Host=127.0.0.1;Port=55432;Username=app;Password=app)
set -euo pipefail
provider=${1:?sqlite or postgres}; cases=${2:-10000}; indicators=${3:-200000}; duration=${4:-20s}; connections=${5:-20}
repo=$(cd "$(dirname "$0")/.." && pwd)
port=${PORT:-5089}; work=${WORK:-/tmp/casemgr-case-search}; base="http://127.0.0.1:$port"
rm -rf "$work"; mkdir -p "$work/data"
jar="$work/cookies.txt"; email=admin@bench.local; password='Bench!Passw0rd-2026'
command -v wrk >/dev/null || { echo "missing wrk: apt-get install -y wrk" >&2; exit 1; }

dotnet build -c Release -v q "$repo/src/Web" >/dev/null
dotnet build -c Release -v q "$repo/bench/CaseManager.Benchmarks" >/dev/null
seed="dotnet $repo/bench/CaseManager.Benchmarks/bin/Release/net10.0/CaseManager.Benchmarks.dll seed-cases"

env=(ASPNETCORE_ENVIRONMENT=Production DataDirectory="$work/data" Seed__AdminEmail=$email Seed__AdminPassword=$password Logging__LogLevel__Default=Warning)
if [ "$provider" = postgres ]; then
  admin=${PGADMIN:-"Host=127.0.0.1;Port=55432;Username=app;Password=app"}
  host=$(sed 's/.*Host=\([^;]*\).*/\1/' <<<"$admin"); pgport=$(sed 's/.*Port=\([^;]*\).*/\1/' <<<"$admin")
  user=$(sed 's/.*Username=\([^;]*\).*/\1/' <<<"$admin"); pass=$(sed 's/.*Password=\([^;]*\).*/\1/' <<<"$admin")
  PGPASSWORD=$pass psql -q -h "$host" -p "$pgport" -U "$user" -d postgres -c "DROP DATABASE IF EXISTS casemgr_bench WITH (FORCE)" -c "CREATE DATABASE casemgr_bench"
  cs="Host=$host;Port=$pgport;Database=casemgr_bench;Username=$user;Password=$pass"
  env+=(ConnectionStrings__Postgres="$cs")
  target=(postgres "$cs")
else
  target=(sqlite "$work/data/casemanager.db")
fi

(cd "$repo/src/Web" && exec env "${env[@]}" dotnet bin/Release/net10.0/CaseManager.Web.dll --urls "$base" >"$work/server.log" 2>&1) &
server=$!
stop() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 180); do curl -sf "$base/health" >/dev/null 2>&1 && break; sleep 1; done
curl -sf "$base/health" >/dev/null || { echo "the server did not start (see $work/server.log)" >&2; exit 1; }
pid=$(pgrep -P "$server" -f CaseManager.Web.dll || echo "$server")

echo "seeding: $($seed "${target[@]}" "$cases" "$indicators")"
if [ "$provider" = postgres ]; then PGPASSWORD=$pass psql -q -h "$host" -p "$pgport" -U "$user" -d casemgr_bench -c "VACUUM ANALYZE" 2>&1 | grep -v "only superuser\|only table or database owner\|skipping" || true; fi

token() { curl -s -b "$jar" -c "$jar" "$base$1" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "__RequestVerificationToken=$(token /Account/Login)" \
  --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$password" "$base/Account/Login"
cookie=$(awk 'NF == 7 {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}' "$jar")

mid=$(printf "%05d" $((cases / 2 + 1)))   # not a multiple of 1000: those carry the shared IOC instead
declare -a names=("case list, page 1" "case list, page 100" "case list search \"web-$mid\" (intake host)"
  "search box: case number IR-2001-0042" "search box: title words \"incident $mid\"" "search box: host web-$mid.corp.example"
  "search box: IOC c2-$mid-0.dyn.example" "search box: part of an IOC \"$mid-0.dyn\"" "search box: shared IOC (in $(( (cases + 999) / 1000 )) cases)")
declare -a urls=("$base/Cases" "$base/Cases?p=100" "$base/Cases?search=web-$mid"
  "$base/Search?q=IR-2001-0042" "$base/Search?q=incident+$mid" "$base/Search?q=web-$mid.corp.example"
  "$base/Search?q=c2-$mid-0.dyn.example" "$base/Search?q=$mid-0.dyn" "$base/Search?q=pool.bench-miner.example")

# each scenario must answer with results (a wrong term would measure an empty page)
# (the page is read whole first: `curl | grep -q` under pipefail fails whenever grep exits before curl has written it all)
for url in "${urls[@]:3}"; do page=$(curl -sf -H "Cookie: $cookie" "$url") && grep -q 'id="search-results"' <<<"$page" || { echo "no results at $url" >&2; exit 1; }; done
# Take the cookie the server renews (the security stamp is re-validated once a minute), as a browser does: with the
# sign-in's first cookie every request after a minute would pay for a new ticket that wrk throws away.
renew() { curl -s -o /dev/null -b "$jar" -c "$jar" "$base/Cases"; cookie=$(awk 'NF == 7 {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}' "$jar"); }
# Warm-up: the JIT compiles a hot method again, optimised, only once the server has run it for a while, and it puts that
# off while new methods are still being compiled. A server that has run for minutes spends about half the CPU per request
# that it spends after two seconds of a scenario (case list: 2.9 ms after 3 s, 1.8 ms after 25 s), so every scenario runs
# WARMUP_PASSES times for WARMUP before any is measured.
warmup=${WARMUP:-5s}
if [ "$warmup" != 0 ]; then
  for _ in $(seq "${WARMUP_PASSES:-2}"); do
    renew
    for url in "${urls[@]}"; do wrk -t2 -c"$connections" -d"$warmup" --timeout 10s -H "Cookie: $cookie" "$url" >/dev/null; done
  done
fi
echo "$provider: $cases cases, $indicators indicators, $connections connections, $duration per scenario; load average: $(cut -d' ' -f1-3 /proc/loadavg); RSS $(ps -o rss= -p "$pid" | awk '{printf "%.0f", $1/1024}') MB"
echo
# CPU per request (user + system time over the run / requests): what a request costs, independent of how many other
# processes share the cores. The server's process; and PostgreSQL's processes when they run on this machine (SQLite
# runs inside the server).
tick=$(getconf CLK_TCK); cpu_ms() { awk -v t="$tick" '{print ($14 + $15) * 1000 / t}' "/proc/$pid/stat"; }
# (the server's processes now, plus the postmaster's children that have exited: its cutime and cstime)
db_cpu_ms() {
  { for p in $(pgrep -x postgres); do cat "/proc/$p/stat" 2>/dev/null; done; echo "children $(cut -d' ' -f16,17 "/proc/$(pgrep -o -x postgres)/stat")"; } \
    | awk -v t="$tick" '$1 == "children" {s += $2 + $3; next} {s += $14 + $15} END {print s * 1000 / t}'
}
local_db=no; [ "$provider" = postgres ] && pgrep -x postgres >/dev/null && local_db=yes
echo "| scenario | p50 ms | p95 ms | p99 ms | requests | errors | req/s | server CPU ms/request | PostgreSQL CPU ms/request |"
echo "|---|---|---|---|---|---|---|---|---|"
for i in "${!urls[@]}"; do
  renew
  before=$(cpu_ms); db_before=$([ $local_db = yes ] && db_cpu_ms || echo 0)
  line=$(wrk -t2 -c"$connections" -d"$duration" --timeout 10s -H "Cookie: $cookie" -s "$repo/bench/page-load.lua" "${urls[$i]}" | grep '^RESULT')
  read -r _ p50 p95 p99 n errors rps <<<"$line"
  cpu=$(awk -v a="$before" -v b="$(cpu_ms)" -v n="$n" 'BEGIN {printf "%.1f", n ? (b - a) / n : 0}')
  if [ $local_db = yes ]; then db=$(awk -v a="$db_before" -v b="$(db_cpu_ms)" -v n="$n" 'BEGIN {printf "%.1f", n ? (b - a) / n : 0}');
  elif [ "$provider" = postgres ]; then db="not on this machine"; else db="(in the server)"; fi
  echo "| ${names[$i]} | $p50 | $p95 | $p99 | $n | $errors | $rps | $cpu | $db |"
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
