#!/usr/bin/env bash
# Builds and runs the page benchmark end to end on this machine: a Release web app (Production, SQLite, fresh data
# directory under /tmp) on 127.0.0.1, an admin signs in, creates a client and a case, uploads a small capture and
# waits for its analysis; the run's result file is then replaced by ROWS synthetic conversations (the store's own
# writer, bench write-run), and bench/page-load.sh measures the traffic page. Stops the server it started.
#
# usage: bench/page-load-fixture.sh [ROWS=300000] [DURATION=20s] [CONNECTIONS=20]
#        PCAP=/path/big.pcap bench/page-load-fixture.sh 0   (the real capture's tables, no synthetic rows)
# env: PORT (5088), WORK (/tmp/casemgr-page-load), KEEP=1 leaves the server running (prints its pid).
set -euo pipefail
rows=${1:-300000}; duration=${2:-20s}; connections=${3:-20}
repo=$(cd "$(dirname "$0")/.." && pwd)
port=${PORT:-5088}; work=${WORK:-/tmp/casemgr-page-load}; base="http://127.0.0.1:$port"
pcap=${PCAP:-$repo/../shared/testdata/pcaps/zeek_irc-basic.pcap}
[ -f "$pcap" ] || pcap=/work/shared/testdata/pcaps/zeek_irc-basic.pcap
rm -rf "$work"; mkdir -p "$work/data"
jar="$work/cookies.txt"; email=admin@bench.local; password='Bench!Passw0rd-2026'

dotnet build -c Release -v q "$repo/src/Web" >/dev/null
dotnet build -c Release -v q "$repo/bench/CaseManager.Benchmarks" >/dev/null

(cd "$repo/src/Web" && ASPNETCORE_ENVIRONMENT=Production DataDirectory="$work/data" Seed__AdminEmail=$email Seed__AdminPassword=$password \
  Logging__LogLevel__Default=Warning exec dotnet bin/Release/net10.0/CaseManager.Web.dll --urls "$base" >"$work/server.log" 2>&1) &
server=$!
stop() { if [ -z "${KEEP:-}" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; }
trap stop EXIT
for _ in $(seq 120); do curl -sf "$base/health" >/dev/null 2>&1 && break; sleep 1; done
pid=$(pgrep -P "$server" -f CaseManager.Web.dll || echo "$server")

token() { curl -s -b "$jar" -c "$jar" "$base$1" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
post() { local path=$1; shift; curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" -c "$jar" --data-urlencode "__RequestVerificationToken=$(token "$path")" "$@" "$base$path"; }

post /Account/Login --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$password" >/dev/null
post /Clients/Create --data-urlencode "Input.Name=Bench client" >/dev/null
client=$(curl -s -b "$jar" "$base/Cases/Create" | grep -o '<option value="[0-9a-f-]\{36\}"' | head -1 | grep -o '[0-9a-f-]\{36\}')
case=$(post /Cases/Create --data-urlencode "Input.ClientId=$client" --data-urlencode "Input.Title=Page benchmark" \
  --data-urlencode "Input.Severity=High" --data-urlencode "Input.Tlp=Amber" | grep -o '[0-9a-f-]\{36\}')
[ -n "$case" ] || { echo "could not create a case (see $work/server.log)" >&2; exit 1; }
api_token=$(token "/Cases/Evidence/Index/$case")
api() { curl -sf -b "$jar" -c "$jar" -H "RequestVerificationToken: $api_token" "$@"; }
size=$(stat -c %s "$pcap")
upload=$(api -H 'Content-Type: application/json' -d "{\"fileName\":\"bench.pcap\",\"size\":$size}" "$base/api/evidence/cases/$case/uploads" | jq -r .uploadId)
chunk=$((32 * 1024 * 1024)); offset=0
while [ "$offset" -lt "$size" ]; do   # chunks of 32 MiB (the API takes at most 64 MiB per chunk)
  dd if="$pcap" of="$work/chunk" iflag=skip_bytes,count_bytes skip="$offset" count="$chunk" status=none
  api -X PUT --data-binary "@$work/chunk" "$base/api/evidence/uploads/$upload?offset=$offset" >/dev/null
  offset=$((offset + $(stat -c %s "$work/chunk")))
done
rm -f "$work/chunk"
evidence=$(api -H 'Content-Type: application/json' -d '{"receivedFrom":"bench"}' "$base/api/evidence/uploads/$upload/complete" | jq -r .evidenceId)
for _ in $(seq 900); do [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$base/Cases/Evidence/Traffic/$evidence")" = 200 ] && break; sleep 1; done

root="$work/data/evidence"
run=$(ls "$root/results/${evidence//-/}/" | grep -o '^[0-9]*\.db$' | sort -n | tail -1 | cut -d. -f1)
if [ "$rows" -gt 0 ]; then   # ROWS=0 keeps the capture's own tables (PCAP=a big capture)
  echo "evidence $evidence run $run: $(dotnet "$repo/bench/CaseManager.Benchmarks/bin/Release/net10.0/CaseManager.Benchmarks.dll" write-run "$root" "$evidence" "$run" "$rows")"
else
  echo "evidence $evidence run $run: the capture's own tables ($(basename "$pcap"))"
fi
cookie=$(awk 'NF == 7 {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}' "$jar")
COOKIE_JAR="$jar" "$repo/bench/page-load.sh" "$base" "$evidence" "$cookie" "$pid" "$duration" "$connections"
[ -z "${KEEP:-}" ] || echo "server pid $pid left running at $base (cookie jar $jar)"
