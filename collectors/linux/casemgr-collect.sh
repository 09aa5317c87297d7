#!/usr/bin/env bash
# casemgr-collect.sh - CaseManager host triage collector for Linux (read-only on the host).
#
# Usage: casemgr-collect.sh [-o DIR] [--root DIR] [--upload URL --token T]
#   -o DIR      where to write triage-<host>-<UTC time>.tar.gz (default: .); its path is printed on stdout
#   --root DIR  collect the files of a mounted image / copied root instead of / (no processes or sockets then)
#   --upload URL --token T   also send the bundle to the case: URL is the case's upload address and T its collector
#               token (both on the case's collect page; the token may come from $CASEMGR_TOKEN instead); needs curl;
#               the SHA-256 the server recorded is checked against the bundle's
#
# Runs as root on any mainstream distribution. It only reads: it never writes outside its own temporary
# directory and DIR, never changes the host's files, and runs nothing from the host except ordinary tools
# (coreutils, procps, iproute2, iptables/nft) when present, falling back to /proc. Layout: docs/triage-bundle.md.
set -u
umask 077
export LC_ALL=C
VERSION="1.0"
OUT="."
ROOT="/"
UPLOAD=""
TOKEN="${CASEMGR_TOKEN:-}"

usage() { sed -n '3,10p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
    case "$1" in
        -o) OUT="${2:?-o needs a directory}"; shift 2 ;;
        --root) ROOT="${2:?--root needs a directory}"; shift 2 ;;
        --upload) UPLOAD="${2:?--upload needs the CaseManager address}"; shift 2 ;;
        --token) TOKEN="${2:?--token needs the collector token of the case}"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "casemgr-collect: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done

if [ -n "$UPLOAD" ]; then
    [ -n "$TOKEN" ] || { echo "casemgr-collect: --upload needs --token (the case's collector token)" >&2; exit 2; }
    case "$UPLOAD" in https://*|http://localhost[:/]*|http://127.0.0.1[:/]*|http://\[::1\][:/]*) ;;
        *) echo "casemgr-collect: --upload needs an https:// address (plain http only to localhost)" >&2; exit 2 ;; esac
    command -v curl >/dev/null 2>&1 || { echo "casemgr-collect: --upload needs curl; copy the bundle to the case page by hand" >&2; exit 2; }
fi
[ -d "$ROOT" ] || { echo "casemgr-collect: $ROOT is not a directory" >&2; exit 2; }
[ -d "$OUT" ] || { echo "casemgr-collect: $OUT is not a directory" >&2; exit 2; }
R="${ROOT%/}"          # prefix for file paths: "" for the live system
LIVE=1; [ -n "$R" ] && LIVE=0

if [ $LIVE = 1 ]; then
    HOST=$(hostname 2>/dev/null || cat /proc/sys/kernel/hostname 2>/dev/null || echo unknown)
else
    HOST=$(head -n1 "$R/etc/hostname" 2>/dev/null || echo image)
fi
HOST=$(printf '%s' "${HOST:-unknown}" | tr -c 'A-Za-z0-9._-' '_')
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
COLLECTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
NOW=$(date -u +%s)
STAGE=$(mktemp -d "${TMPDIR:-/tmp}/casemgr-collect.XXXXXX") || exit 1
trap 'rm -rf "$STAGE"' EXIT
mkdir -p "$STAGE/commands" "$STAGE/files"
COMMANDS="$STAGE/.commands"
: > "$COMMANDS"
TAB=$(printf '\t')

have() { command -v "$1" >/dev/null 2>&1; }

# run NAME CMD...: output into commands/NAME.txt, exit code into the manifest.
run() {
    local name=$1; shift
    have "$1" || return 0
    "$@" > "$STAGE/commands/$name.txt" 2>/dev/null
    printf '%s\t%s\n' "$?" "$*" >> "$COMMANDS"
}

# grab PATH [TAIL]: copy a regular file of the root (at most 10 MiB, or its last TAIL lines) to files/PATH, keeping its mtime.
grab() {
    local path=$1 src="$R$1" dst="$STAGE/files$1"
    [ -f "$src" ] || return 0
    if [ $LIVE = 0 ] && [ -L "$src" ]; then return 0; fi   # a link in an image points into the host
    mkdir -p "$(dirname "$dst")"
    if [ -n "${2:-}" ]; then tail -n "$2" "$src" > "$dst" 2>/dev/null; else head -c 10485760 "$src" > "$dst" 2>/dev/null; fi
    touch -r "$src" "$dst" 2>/dev/null
}

grab_dir() { # grab_dir DIR [MAXDEPTH]: every regular file below DIR
    [ -d "$R$1" ] || return 0
    find "$R$1" -maxdepth "${2:-3}" -type f 2>/dev/null | while IFS= read -r f; do grab "${f#"$R"}"; done
}

clean() { tr '\t\n\r' '   '; }

# ---- processes, maps, sockets (live system only) ----
if [ $LIVE = 1 ]; then
    HZ=$(getconf CLK_TCK 2>/dev/null || echo 100)
    BTIME=$(awk '/^btime/ {print $2}' /proc/stat)
    printf 'pid\tppid\tuid\tstart_time\tcpu_seconds\tname\texe\tcwd\tcmdline\n' > "$STAGE/processes.tsv"
    printf 'pid\tpath\n' > "$STAGE/maps.tsv"
    printf 'inode\tpid\n' > "$STAGE/.inodes"
    for d in /proc/[0-9]*; do
        pid=${d#/proc/}
        stat=$(cat "$d/stat" 2>/dev/null) || continue
        comm=${stat#*(}; comm=${comm%)*}
        rest=${stat##*) }
        # shellcheck disable=SC2086
        set -- $rest
        ppid=$2; utime=${12}; stime=${13}; start=${20}
        uid=$(awk '/^Uid:/ {print $2}' "$d/status" 2>/dev/null)
        exe=$(readlink "$d/exe" 2>/dev/null)
        cwd=$(readlink "$d/cwd" 2>/dev/null)
        cmdline=$(tr '\0' ' ' < "$d/cmdline" 2>/dev/null | clean)
        ticks=$((utime + stime))
        cpu="$((ticks / HZ)).$(printf '%02d' $(( (ticks % HZ) * 100 / HZ )))"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$pid" "$ppid" "$uid" "$((BTIME + start / HZ))" "$cpu" \
            "$(printf '%s' "$comm" | clean)" "$(printf '%s' "$exe" | clean)" "$(printf '%s' "$cwd" | clean)" "${cmdline% }" >> "$STAGE/processes.tsv"
        awk -v pid="$pid" 'NF >= 6 && ($6 ~ /^\//) { p = $6; for (i = 7; i <= NF; i++) p = p " " $i; if (!(p in s)) { s[p] = 1; print pid "\t" p } }' \
            "$d/maps" >> "$STAGE/maps.tsv" 2>/dev/null
        for fd in "$d"/fd/*; do
            l=$(readlink "$fd" 2>/dev/null) || continue
            case "$l" in socket:\[*) l=${l#socket:[}; printf '%s\t%s\n' "${l%]}" "$pid" >> "$STAGE/.inodes" ;; esac
        done
    done
    printf '%s\t%s\n' 0 "read /proc/[pid]/{stat,status,exe,cwd,cmdline,maps,fd}" >> "$COMMANDS"
    # sockets: /proc/net joined with the fd inodes; local/remote stay in the kernel's hex form (docs/triage-bundle.md)
    printf 'protocol\tlocal\tremote\tstate\tinode\tpid\n' > "$STAGE/sockets.tsv"
    for proto in tcp tcp6 udp udp6; do
        [ -r "/proc/net/$proto" ] || continue
        awk -v proto="$proto" 'NR == FNR { if (FNR > 1 && !($1 in m)) m[$1] = $2; next }
            FNR > 1 { print proto "\t" $2 "\t" $3 "\t" $4 "\t" $10 "\t" (($10 in m) ? m[$10] : "") }' \
            "$STAGE/.inodes" "/proc/net/$proto" >> "$STAGE/sockets.tsv"
    done
    printf '%s\t%s\n' 0 "read /proc/net/{tcp,tcp6,udp,udp6}" >> "$COMMANDS"
    run ss ss -tunap
    run ss-listening ss -tulnp
    run ps ps -eo pid,ppid,user,lstart,time,stat,args
    run lsmod lsmod
    run last last -F -n 200
    run lastlog lastlog
    run who who -a
    run iptables-save iptables-save
    run ip6tables-save ip6tables-save
    run nft nft list ruleset
    run systemctl-units systemctl list-unit-files --no-pager
    run crontab-l crontab -l
    grab /proc/modules
else
    run last last -F -n 200 -f "$R/var/log/wtmp"
fi

# ---- files: persistence, accounts, network configuration, logs ----
for f in /etc/crontab /etc/anacrontab /etc/rc.local /etc/rc.d/rc.local /etc/ld.so.preload /etc/ld.so.conf \
         /etc/passwd /etc/group /etc/hosts /etc/resolv.conf /etc/hostname /etc/os-release /etc/profile /etc/bash.bashrc \
         /etc/bashrc /etc/environment /etc/ssh/sshd_config /etc/sudoers; do
    grab "$f"
done
for d in /etc/cron.d /etc/cron.hourly /etc/cron.daily /etc/cron.weekly /etc/cron.monthly /var/spool/cron /etc/init.d \
         /etc/rc.d/init.d /etc/profile.d /etc/sudoers.d /etc/ld.so.conf.d /etc/systemd/system /run/systemd/system /etc/xdg/autostart; do
    grab_dir "$d" 4
done
for f in auth.log secure messages syslog; do grab "/var/log/$f" 5000; done
# per-user start-up files and keys, homes from passwd
if [ -r "$R/etc/passwd" ]; then
    cut -d: -f6 "$R/etc/passwd" | sort -u | while IFS= read -r home; do
        case "$home" in /|""|/bin|/sbin|/usr/*|/proc|/dev|/nonexistent) continue ;; esac
        for f in .bashrc .bash_profile .bash_login .profile .zshrc .bash_logout .ssh/authorized_keys .ssh/authorized_keys2 .config/autostart; do
            if [ -d "$R$home/$f" ]; then grab_dir "$home/$f" 1; else grab "$home/$f"; fi
        done
    done
fi
# account facts without secrets: the day each password last changed (shadow's 3rd field), never the hashes
if [ -r "$R/etc/shadow" ]; then
    printf 'name\tlast_change_day\n' > "$STAGE/shadow-dates.tsv"
    awk -F: '{ print $1 "\t" $3 }' "$R/etc/shadow" >> "$STAGE/shadow-dates.tsv"
fi

# ---- executables where droppers hide: /tmp /var/tmp /dev/shm /etc (ELF, PE or script by magic) ----
printf 'path\tsha256\tsize\tmtime\tmagic\n' > "$STAGE/executables.tsv"
for d in /tmp /var/tmp /dev/shm /etc; do
    [ -d "$R$d" ] || continue
    find "$R$d" -xdev -type f -size -104857600c 2>/dev/null | while IFS= read -r f; do
        case "$f" in "$STAGE"/*) continue ;; esac
        # The first bytes with bash's own read (no process per file: a host's /tmp may hold thousands of files).
        magic=
        { LC_ALL=C IFS= read -r -d '' -n 4 magic < "$f"; } 2>/dev/null
        case "$magic" in
            $'\x7f'ELF) kind=ELF ;;
            MZ*) kind=PE ;;
            '#!'*) kind=script ;;
            *) continue ;;
        esac
        sum=$(sha256sum "$f" 2>/dev/null | cut -d' ' -f1)
        set -- $(stat -c '%s %Y' "$f" 2>/dev/null || echo "0 0")
        printf '%s\t%s\t%s\t%s\t%s\n' "$(printf '%s' "${f#"$R"}" | clean)" "$sum" "$1" "$2" "$kind" >> "$STAGE/executables.tsv"
    done
done
printf '%s\t%s\n' 0 "find /tmp /var/tmp /dev/shm /etc -type f (ELF/PE/script magic, sha256sum)" >> "$COMMANDS"

# ---- manifest (first member of the archive) ----
rm -f "$STAGE/.inodes"
json() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' | tr -d '\000-\037'; }
{
    printf '{\n  "format": "casemgr-triage/1",\n  "os": "linux",\n  "host": "%s",\n  "collectedAt": "%s",\n' "$(json "$HOST")" "$COLLECTED"
    printf '  "collector": "casemgr-collect.sh",\n  "version": "%s",\n  "root": "%s",\n  "live": %s,\n  "commands": [' "$VERSION" "$(json "$ROOT")" \
        "$([ $LIVE = 1 ] && echo true || echo false)"
    sep=""
    while IFS="$TAB" read -r rc cmd; do
        printf '%s\n    {"command": "%s", "exitCode": %s}' "$sep" "$(json "$cmd")" "$rc"; sep=","
    done < "$COMMANDS"
    printf '\n  ],\n  "files": {'
    sep=""
    (cd "$STAGE" && find . -type f ! -name manifest.json ! -name .commands -print0 | xargs -0 -r sha256sum) | while read -r sum path; do
        printf '%s\n    "%s": "%s"' "$sep" "$(json "${path#./}")" "$sum"; sep=","
    done
    printf '\n  }\n}\n'
} > "$STAGE/manifest.json"
rm -f "$COMMANDS"

BUNDLE="$(cd "$OUT" && pwd)/triage-$HOST-$STAMP.tar.gz"
(cd "$STAGE" && ls -A | grep -vx manifest.json | tr '\n' '\0' | xargs -0 tar --owner=0 --group=0 -czf "$BUNDLE" manifest.json) || exit 1
echo "$BUNDLE"

# ---- upload to the case (POST URL/bundles, URL = …/api/collector/cases/<case>/; the server answers with the SHA-256 it recorded) ----
if [ -n "$UPLOAD" ]; then
    LOCAL_SUM=$(sha256sum "$BUNDLE" | cut -d' ' -f1)
    REPLY="$STAGE/upload-reply.json"
    # the token goes through a header file, never onto curl's command line (where ps would show it)
    printf 'Authorization: Bearer %s\n' "$TOKEN" > "$STAGE/upload-headers"
    code=$(curl -sS -o "$REPLY" -w '%{http_code}' -X POST -H @"$STAGE/upload-headers" -H "Content-Type: application/octet-stream" \
        -H "X-Collector-Host: $HOST" -T "$BUNDLE" "${UPLOAD%/}/bundles?name=$(basename "$BUNDLE")") || code=000
    rm -f "$STAGE/upload-headers"
    if [ "$code" != 200 ]; then
        detail=$(sed -n 's/.*"detail" *: *"\([^"]*\)".*/\1/p' "$REPLY" 2>/dev/null | head -c 300)
        echo "casemgr-collect: upload refused (HTTP $code${detail:+: $detail}); the bundle stays at $BUNDLE" >&2
        exit 3
    fi
    SERVER_SUM=$(tr -d ' \n' < "$REPLY" | sed -n 's/.*"sha256":"\([0-9a-fA-F]\{64\}\)".*/\1/p' | tr 'A-F' 'a-f')
    if [ "$SERVER_SUM" != "$LOCAL_SUM" ]; then
        echo "casemgr-collect: the server recorded SHA-256 ${SERVER_SUM:-(none)}, the bundle has $LOCAL_SUM; upload it again" >&2
        exit 4
    fi
    echo "casemgr-collect: uploaded to the case, SHA-256 $LOCAL_SUM verified" >&2
fi
