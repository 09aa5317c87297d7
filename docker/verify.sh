#!/usr/bin/env bash
# Builds the container images and checks the compose stack end to end, with podman, offline:
#   bash docker/verify.sh            (as root; .ci/run calls it)
# 1. installs podman, podman-compose, runc and debootstrap when missing;
# 2. makes the base image localhost/debian-base:bookworm from the Debian mirror apt uses, when missing, and
#    builds the PostgreSQL image (docker/postgres/Dockerfile) while it publishes the app self-contained on the
#    host; then builds the app image (docker/Dockerfile);
# 4. checks that compose refuses to start without the env file;
# 5. starts docker/compose.yaml (PostgreSQL, web, two workers) with generated secrets and waits for /health;
# 6. starts one more web container with a wrong database password: it must stay up, say so in its log and
#    answer /health with 503;
# 7. signs in as the seeded admin, creates a client and a case through the forms, uploads a capture from
#    ../shared/testdata/pcaps through the chunked upload API, waits until a worker container has analysed
#    it, and downloads it again with the same SHA-256;
# 8. tears everything down (also on failure, after printing the containers' logs). Images stay in podman's
#    store, so a second run skips steps 2 and most of 3.
# Every wait is bounded; the script exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

export CONTAINERS_CONF=${CONTAINERS_CONF:-}
BASE_IMAGE=${CASEMANAGER_BASE_IMAGE:-localhost/debian-base:bookworm}
APP_IMAGE=localhost/casemanager:latest
PG_IMAGE=localhost/casemanager-postgres:latest
PCAP=${CASEMANAGER_VERIFY_PCAP:-$repo/../shared/testdata/pcaps/jsiwek_bitcoin-mining.pcap}
project=cmverify$$
work=$(mktemp -d /tmp/casemanager-verify.XXXXXX)
jar=$work/cookies.txt
base_url=
background=
failed=1

started=$(date +%s)
step_started=$started
step_name=
timings=()
step() {
  local now; now=$(date +%s)
  if [ -n "$step_name" ]; then
    timings+=("$(printf '%4d s  %s' $((now - step_started)) "$step_name")")
    echo "    ... $((now - step_started)) s"
  fi
  step_name=$1; step_started=$now
  [ -z "$step_name" ] || echo "==> $step_name"
}
fail() { echo "verify: FAILED: $*" >&2; exit 1; }
on_error() { echo "verify: command failed (line $1): $2" >&2; }
trap 'on_error $LINENO "$BASH_COMMAND"' ERR

compose() { (cd "$work/compose" && podman-compose -p "$project" -f compose.yaml "$@"); }
containers() { podman ps -a --filter "label=io.podman.compose.project=$project" --format '{{.Names}}' 2>/dev/null; }

cleanup() {
  local status=$?
  trap - ERR
  set +e
  if [ $status -ne 0 ] || [ $failed -ne 0 ]; then
    echo "---- container logs (last 80 lines each) ----"
    for c in $(containers) "${project}_badweb"; do
      podman container exists "$c" 2>/dev/null || continue
      echo "---- $c ($(podman inspect -f '{{.State.Status}}, exit {{.State.ExitCode}}, restarts {{.RestartCount}}' "$c" 2>/dev/null))"
      podman logs --tail 80 "$c" 2>&1
    done
  fi
  if [ -n "${background:-}" ] && kill -0 "$background" 2>/dev/null; then
    echo "waiting for the background image work to finish (debootstrap must unmount its chroot)"
    wait "$background"
  fi
  if [ -d "$work/compose" ]; then
    step "tear down"
    podman rm -f -v -t 5 "${project}_badweb" >/dev/null 2>&1
    compose down -v -t 10 >/dev/null 2>&1
    for c in $(containers); do podman rm -f -v "$c" >/dev/null 2>&1; done
    podman volume rm -f "${project}_pgdata" "${project}_evidence" >/dev/null 2>&1
    podman network rm -f "${project}_default" >/dev/null 2>&1
    step ""
  fi
  rm -rf "$work"
  echo "---- verify timings ----"
  printf '%s\n' "${timings[@]}"
  echo "total $(( $(date +%s) - started )) s"
  if [ $status -eq 0 ] && [ $failed -eq 0 ]; then echo "verify: containers OK"; else echo "verify: containers FAILED"; fi
  exit $status
}
trap cleanup EXIT

# --- tools ---------------------------------------------------------------------------------------------
step "tools (podman, podman-compose, runc, debootstrap)"
need=()
command -v podman >/dev/null || need+=(podman)
command -v podman-compose >/dev/null || need+=(podman-compose)
command -v runc >/dev/null || need+=(runc)
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || fail "missing ${need[*]}; install them or run as root"
  echo "Installing: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${need[@]}" >/dev/null
fi
# The cgroup layout and RLIMIT_NOFILE here need runc, cgroupfs and no default ulimits (shared/STACK.md).
if [ -z "$CONTAINERS_CONF" ]; then
  CONTAINERS_CONF=$work/containers.conf
  printf '[containers]\ndefault_ulimits = []\n\n[engine]\ncgroup_manager = "cgroupfs"\nruntime = "runc"\n' > "$CONTAINERS_CONF"
fi
[ -f "$PCAP" ] || fail "test capture $PCAP not found (../shared/testdata beside the repository)"

# --- images --------------------------------------------------------------------------------------------
# Side by side: in the background the base image (when missing) and then the PostgreSQL image; in the
# foreground the publish (CPU) and then the app image, once the base image is there.
build() { podman build --isolation chroot --format docker --build-arg "BASE=$BASE_IMAGE" "$@"; }
make_base() {
  local s mirror; s=$(date +%s)
  if podman image exists "$BASE_IMAGE"; then echo "base image $BASE_IMAGE present"; return 0; fi
  [ "$BASE_IMAGE" = localhost/debian-base:bookworm ] || { echo "base image $BASE_IMAGE not found"; return 1; }
  mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log"; echo "debootstrap from $mirror failed"; return 1; }
  tar -C "$work/rootfs" -c . | podman import - "$BASE_IMAGE" > "$work/import.log" 2>&1 || { cat "$work/import.log"; echo "podman import failed"; return 1; }
  rm -rf "$work/rootfs"
  echo "base image $BASE_IMAGE made in $(( $(date +%s) - s )) s (debootstrap --variant=minbase bookworm from $mirror)"
}
step "base image and PostgreSQL image (background), dotnet publish self-contained linux-x64 (foreground)"
(
  make_base || exit 1
  touch "$work/base.done"
  s=$(date +%s)
  build -t "$PG_IMAGE" docker/postgres > "$work/build-pg.log" 2>&1 || { tail -30 "$work/build-pg.log"; echo "PostgreSQL image build failed"; exit 1; }
  echo "PostgreSQL image built in $(( $(date +%s) - s )) s"
) > "$work/background.log" 2>&1 & background=$!
s=$(date +%s)
rm -rf artifacts/publish/web
dotnet publish src/Web/Web.csproj -c Release -r linux-x64 --self-contained -o artifacts/publish/web -nologo -clp:ErrorsOnly \
  > "$work/publish.log" 2>&1 || { tail -30 "$work/publish.log"; fail "dotnet publish failed"; }
echo "published in $(( $(date +%s) - s )) s"

step "app image (once the base image is there)"
deadline=$(( $(date +%s) + 900 ))
until [ -f "$work/base.done" ]; do
  kill -0 $background 2>/dev/null || { cat "$work/background.log"; fail "making the base image failed"; }
  [ "$(date +%s)" -lt "$deadline" ] || { cat "$work/background.log"; fail "no base image after 900 s"; }
  sleep 1
done
s=$(date +%s)
build -t "$APP_IMAGE" -f docker/Dockerfile . > "$work/build-app.log" 2>&1 || { tail -30 "$work/build-app.log"; fail "app image build failed"; }
echo "app image built in $(( $(date +%s) - s )) s"
wait $background || { cat "$work/background.log"; fail "base or PostgreSQL image failed"; }
cat "$work/background.log"
podman image inspect -f '{{.Config.Healthcheck.Test}}' "$APP_IMAGE" | grep -q health || fail "the app image lost its HEALTHCHECK"

# --- compose without the env file ----------------------------------------------------------------------
step "compose without docker/.env refuses to start"
mkdir -p "$work/compose"
cp docker/compose.yaml "$work/compose/compose.yaml"
if out=$(cd "$work/compose" && env -u POSTGRES_PASSWORD -u CASEMANAGER_ADMIN_EMAIL -u CASEMANAGER_ADMIN_PASSWORD \
      podman-compose -p "$project" -f compose.yaml --dry-run up -d --no-build 2>&1); then
  fail "compose started without the secrets"
fi
echo "$out" | grep -q "is not set: copy docker/.env.example to docker/.env" || { echo "$out" | tail -5; fail "no clear message without the env file"; }
echo "refused: $(echo "$out" | grep -o '[A-Z_]* is not set: copy docker/.env.example to docker/.env' | head -1)"

# --- stack up ------------------------------------------------------------------------------------------
step "compose up (postgres, web, worker1, worker2)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
admin_email=admin@verify.example
admin_password="Verify-$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')-A1!"
db_password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
umask 077
cat > "$work/compose/.env" <<EOF
POSTGRES_PASSWORD=$db_password
CASEMANAGER_ADMIN_EMAIL=$admin_email
CASEMANAGER_ADMIN_PASSWORD=$admin_password
CASEMANAGER_PUBLISH=127.0.0.1:$port
EOF
umask 022
compose up -d --no-build > "$work/up.log" 2>&1 || { tail -30 "$work/up.log"; fail "podman-compose up failed"; }
base_url=http://127.0.0.1:$port
echo "web on $base_url"

step "wait for /health of web, worker1, worker2 (at most 180 s)"
wait_healthy() { # container, seconds
  local deadline=$(( $(date +%s) + $2 )) code
  while :; do
    code=$(podman exec "$1" curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8080/health 2>/dev/null || true)
    [ "$code" = 200 ] && { echo "$1: /health 200 after $(( $(date +%s) - step_started )) s"; return 0; }
    [ "$(podman inspect -f '{{.State.Running}}' "$1" 2>/dev/null)" = true ] || fail "$1 is not running"
    [ "$(date +%s)" -lt "$deadline" ] || fail "$1: /health still ${code:-unanswered} after $2 s"
    sleep 2
  done
}
wait_healthy "${project}_web_1" 180
wait_healthy "${project}_worker1_1" 60
wait_healthy "${project}_worker2_1" 60
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base_url/health")" = 200 ] || fail "/health through the published port is not 200"

# --- bad input: wrong database password ----------------------------------------------------------------
step "web with a wrong database password: stays up, logs why, /health 503"
podman run -d --no-healthcheck --name "${project}_badweb" --network "${project}_default" \
  -e ConnectionStrings__Postgres="Host=postgres;Port=5432;Database=casemanager;Username=casemanager;Password=wrong-password" \
  -e Seed__AdminEmail=x@verify.example -e Seed__AdminPassword="Unused-2026-x!" -e ProcessRoles=web -e Startup__DatabaseRetrySeconds=1 \
  "$APP_IMAGE" >/dev/null
deadline=$(( $(date +%s) + 60 ))
until podman logs "${project}_badweb" 2>&1 | grep -q "Database initialisation failed (attempt 2)"; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "the wrong password was not reported twice in the log within 60 s"
  [ "$(podman inspect -f '{{.State.Running}}' "${project}_badweb")" = true ] || fail "the web container exited on a wrong database password"
  sleep 1
done
podman logs "${project}_badweb" 2>&1 | grep -m1 "Database initialisation failed (attempt 2)" | sed 's/^ */    log: /'
code=$(podman exec "${project}_badweb" curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8080/health || true)
[ "$code" = 503 ] || fail "/health answered $code, not 503, with a wrong database password"
[ "$(podman inspect -f '{{.State.Running}} {{.RestartCount}}' "${project}_badweb")" = "true 0" ] || fail "the container did not stay up"
echo "/health 503, still running, no restarts"
podman rm -f -v -t 5 "${project}_badweb" >/dev/null

# --- the journey ---------------------------------------------------------------------------------------
http() { curl -sS -b "$jar" -c "$jar" --max-time 60 "$@"; }
token() { http "$base_url$1" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"\|name="__RequestVerificationToken" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

step "sign in as the seeded admin (form with antiforgery token)"
t=$(token /Account/Login)
[ -n "$t" ] || fail "no antiforgery token on the sign-in page"
location=$(http -o /dev/null -w '%{http_code} %{redirect_url}' "$base_url/Account/Login" \
  --data-urlencode "Input.Email=$admin_email" --data-urlencode "Input.Password=$admin_password" --data-urlencode "__RequestVerificationToken=$t")
[ "${location%% *}" = 302 ] || fail "sign-in answered $location"
echo "signed in ($location)"

step "create a client and a case (forms)"
client_name="Verify client $project"
t=$(token /Clients/Create)
code=$(http -o /dev/null -w '%{http_code}' "$base_url/Clients/Create" --data-urlencode "Input.Name=$client_name" \
  --data-urlencode "Input.Industry=Testing" --data-urlencode "__RequestVerificationToken=$t")
[ "$code" = 302 ] || fail "creating the client answered $code"
page=$(http "$base_url/Cases/Create")
client_id=$(echo "$page" | grep -o "<option value=\"[0-9a-f-]\{36\}\"[^>]*>$client_name<" | grep -o '[0-9a-f-]\{36\}' | head -1)
[ -n "$client_id" ] || fail "the new client is not offered on /Cases/Create"
t=$(echo "$page" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
location=$(http -o /dev/null -w '%{http_code} %{redirect_url}' "$base_url/Cases/Create" --data-urlencode "Input.ClientId=$client_id" \
  --data-urlencode "Input.Title=Container check" --data-urlencode "Input.Severity=Medium" --data-urlencode "Input.Tlp=Amber" \
  --data-urlencode "__RequestVerificationToken=$t")
case_id=$(echo "$location" | grep -o '[0-9a-f-]\{36\}' | tail -1)
[ "${location%% *}" = 302 ] && [ -n "$case_id" ] || fail "creating the case answered $location"
echo "client $client_id, case $case_id"

step "upload $(basename "$PCAP") ($(stat -c %s "$PCAP") bytes) in two chunks through /api/evidence"
size=$(stat -c %s "$PCAP"); half=$(( size / 2 ))
sha=$(sha256sum "$PCAP" | cut -d' ' -f1)
t=$(token "/Cases/Evidence/Index/$case_id")
[ -n "$t" ] || fail "no antiforgery token on the evidence page"
api() { http -H "RequestVerificationToken: $t" -w '\n%{http_code}' "$@"; }
check() { local body code; body=$(sed '$d' <<<"$1"); code=$(tail -n1 <<<"$1"); [ "$code" = 200 ] || fail "$2 answered $code: $body"; printf '%s' "$body"; }
upload_id=$(check "$(api -H 'Content-Type: application/json' -d "{\"fileName\":\"$(basename "$PCAP")\",\"size\":$size}" \
  "$base_url/api/evidence/cases/$case_id/uploads")" "begin" | json 'd["uploadId"]')
head -c "$half" "$PCAP" > "$work/chunk1"; tail -c +$(( half + 1 )) "$PCAP" > "$work/chunk2"
check "$(api -X PUT --data-binary "@$work/chunk1" -H 'Content-Type: application/octet-stream' "$base_url/api/evidence/uploads/$upload_id?offset=0")" "chunk 1" >/dev/null
check "$(api -X PUT --data-binary "@$work/chunk2" -H 'Content-Type: application/octet-stream' "$base_url/api/evidence/uploads/$upload_id?offset=$half")" "chunk 2" >/dev/null
evidence_id=$(check "$(api -H 'Content-Type: application/json' -d '{"receivedFrom":"docker/verify.sh"}' \
  "$base_url/api/evidence/uploads/$upload_id/complete")" "complete" | json 'd["evidenceId"]')
echo "evidence $evidence_id, sha256 $sha"

step "analysis on a worker container (at most 120 s)"
deadline=$(( $(date +%s) + 120 ))
while :; do
  status=$(http "$base_url/api/evidence/cases/$case_id/status" | json "next((e['status'] for e in d if e['id']=='$evidence_id'), 'missing')")
  case $status in
    Succeeded|SucceededWithWarnings) break ;;
    Failed|NoAnalyser|missing) fail "analysis ended as $status" ;;
  esac
  [ "$(date +%s)" -lt "$deadline" ] || fail "analysis still $status after 120 s"
  sleep 2
done
analysed_by=
for c in "${project}_worker1_1" "${project}_worker2_1"; do
  line=$(podman logs "$c" 2>&1 | grep -m1 "Evidence $evidence_id analysed" || true)
  [ -z "$line" ] || { analysed_by=$c; echo "$c:${line}"; }
done
[ -n "$analysed_by" ] || fail "status $status, but no worker container logged \"Evidence $evidence_id analysed\""
! podman logs "${project}_web_1" 2>&1 | grep -q "Evidence $evidence_id analysed" || fail "the web container ran the analysis"
echo "status $status, analysed by $analysed_by"

step "download the evidence and compare the SHA-256"
t=$(token "/Cases/Evidence/Details/$evidence_id")
code=$(http -o "$work/download" -w '%{http_code}' "$base_url/Cases/Evidence/Details/$evidence_id?handler=Download" \
  --data-urlencode "reason=docker/verify.sh" --data-urlencode "__RequestVerificationToken=$t")
[ "$code" = 200 ] || fail "download answered $code"
got=$(sha256sum "$work/download" | cut -d' ' -f1)
[ "$got" = "$sha" ] || fail "downloaded SHA-256 $got differs from $sha"
echo "same SHA-256"

failed=0
