#!/usr/bin/env bash
# Traffic-page load benchmark: wrk with N connections against a running CaseManager on 127.0.0.1 for four pages of one
# capture's conversations table (first page, a deep page, sorted by bytes desc deep page, a filter), signed in.
# Prints a Markdown table row per scenario and the server's RSS before and after (ps).
#
# usage: bench/page-load.sh BASE_URL EVIDENCE_ID COOKIE_HEADER [SERVER_PID] [DURATION=20s] [CONNECTIONS=20]
#   BASE_URL      e.g. http://127.0.0.1:5088 (loopback only)
#   COOKIE_HEADER the signed-in session's Cookie header value, e.g. ".AspNetCore.Identity.Application=CfDJ8…"
#   SERVER_PID    the web process, for RSS (optional)
# env: DEEP_PAGE (default: the middle page), FILTER (default 10.3.1), WARMUP (default 10s): wrk on the first page before
#      measuring, so the JIT's tiered compilation is done and the first scenario is not charged for it; COOKIE_JAR (curl's
#      cookie jar of that session): before each scenario one request through the jar takes the cookie the server renews,
#      as a browser does. Without it every request after the first minute carries a cookie older than the security-stamp
#      validation interval and pays for a new sign-in ticket that wrk then throws away.
set -euo pipefail
base=${1:?BASE_URL}; id=${2:?EVIDENCE_ID}; cookie=${3:?COOKIE_HEADER}; pid=${4:-}; duration=${5:-20s}; connections=${6:-20}
case "$base" in http://127.*|http://localhost*|http://\[::1\]*) ;; *) echo "BASE_URL must be a loopback address" >&2; exit 2 ;; esac
command -v wrk >/dev/null || { echo "missing wrk: apt-get install -y wrk" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
page="$base/Cases/Evidence/Traffic/$id"

total=$(curl -sf -H "Cookie: $cookie" "$page" | grep -o 'data-total="[0-9]*"' | head -1 | grep -o '[0-9]*')
[ -n "$total" ] || { echo "the traffic page did not answer with a table (signed in? analysed?)" >&2; exit 1; }
pages=$(( (total + 49) / 50 ))
deep=${DEEP_PAGE:-$(( pages / 2 ))}
filter=${FILTER:-10.3.1}
rss() { [ -n "$pid" ] && ps -o rss= -p "$pid" | awk '{printf "%.0f", $1/1024}' || echo "?"; }

declare -a names=("first page" "deep page (p=$deep)" "sorted bytes desc, deep page (p=$deep)" "filter \"$filter\", sorted bytes desc, page 1")
declare -a urls=("$page" "$page?p=$deep" "$page?sort=bytes_ab&desc=true&p=$deep" "$page?q=$(printf %s "$filter" | jq -sRr @uri 2>/dev/null || echo "$filter")&sort=bytes_ab&desc=true&p=1")

warmup=${WARMUP:-10s}
[ "$warmup" = 0 ] || wrk -t2 -c"$connections" -d"$warmup" --timeout 10s -H "Cookie: $cookie" "$page" >/dev/null
echo "conversations: $total ($pages pages); load average: $(cut -d' ' -f1-3 /proc/loadavg); RSS before: $(rss) MB"
echo
echo "| scenario | first request ms | p50 ms | p95 ms | p99 ms | requests | errors | req/s |"
echo "|---|---|---|---|---|---|---|---|"
fresh_cookie() {
  [ -n "${COOKIE_JAR:-}" ] || return 0
  curl -s -o /dev/null -b "$COOKIE_JAR" -c "$COOKIE_JAR" "$page"
  cookie=$(awk 'NF == 7 {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}' "$COOKIE_JAR")
}
for i in "${!urls[@]}"; do
  url=${urls[$i]}
  fresh_cookie
  read -r code first < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Cookie: $cookie" "$url")
  [ "$code" = 200 ] || { echo "| ${names[$i]} | HTTP $code | | | | | | |"; continue; }
  first=$(awk -v t="$first" 'BEGIN{printf "%.0f", t*1000}')
  line=$(wrk -t2 -c"$connections" -d"$duration" --timeout 10s -H "Cookie: $cookie" -s "$here/page-load.lua" "$url" | grep '^RESULT')
  read -r _ p50 p95 p99 n errors rps <<<"$line"
  echo "| ${names[$i]} | $first | $p50 | $p95 | $p99 | $n | $errors | $rps |"
done
echo
echo "RSS after: $(rss) MB"
