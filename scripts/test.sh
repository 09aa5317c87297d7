#!/usr/bin/env bash
# Runs every test of CaseManager and prints "N passed, N failed, N skipped".
#   bash scripts/test.sh
# PostgreSQL: tests run against the server in ConnectionStrings__Postgres; when it is unset and this
# runs as root, a throwaway PostgreSQL is started on 127.0.0.1:55432 (.ci/postgres.sh). Set
# CASEMANAGER_NO_POSTGRES=1 to skip the PostgreSQL tests instead (they are then reported as skipped).
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ -z "${ConnectionStrings__Postgres:-}" ] && [ "${CASEMANAGER_NO_POSTGRES:-0}" != 1 ] && [ "$(id -u)" = 0 ]; then
  # shellcheck source=../.ci/postgres.sh
  . .ci/postgres.sh
fi

results=TestResults
rm -rf "$results"/*.trx "$results"/*.log 2>/dev/null

dotnet tool restore >/dev/null || exit 1
dotnet build CaseManager.sln -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }

# Both migration sets must match the model (CI guard).
status=0
EF="dotnet ef --project src/Infrastructure --startup-project src/Web --no-build"
$EF migrations has-pending-model-changes --context SqliteApplicationDbContext -- --ConnectionStrings:Postgres "" >/dev/null \
  || { echo "SQLite migrations are missing model changes"; status=1; }
$EF migrations has-pending-model-changes --context PostgresApplicationDbContext -- --ConnectionStrings:Postgres "Host=x" >/dev/null \
  || { echo "PostgreSQL migrations are missing model changes"; status=1; }

# Test projects run side by side (each in its own process), each writing its own TRX file.
mkdir -p "$results"
pids=()
projects=(tests/*/*.csproj)
for project in "${projects[@]}"; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" --no-build -nologo --blame-hang-timeout 600s --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    > "$results/$name.log" 2>&1 &
  pids+=($!)
done
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then status=1; fi
  name=$(basename "${projects[$i]}" .csproj)
  grep -E "^\s*(Passed|Failed|Skipped)!|^\s+Failed |Error Message|Assert|Exception:|Cleanup Failure|No test is available" "$results/$name.log" | head -60
done

python3 - "$results" "$status" <<'PY'
import glob, re, sys
passed = failed = skipped = 0
files = glob.glob(sys.argv[1] + "/*.trx")
for f in files:
    m = re.search(r"<Counters ([^>]*)/>", open(f, encoding="utf-8").read())
    c = dict(re.findall(r'(\w+)="(\d+)"', m.group(1)))
    passed += int(c["passed"]); failed += int(c["failed"]) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c["total"]) - int(c["executed"])
if int(sys.argv[2]) != 0 and failed == 0:
    failed = 1  # a build, migration or runner failure counts as a failure
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
if [ $status -ne 0 ]; then exit $status; fi
