#!/usr/bin/env bash
# The flight recorder's idle cost, paired: eltop and `eltop --record FILE` run at the same time, each in
# its own tmux window (120x40) on the same Postgres (a logical slot, polled every 2 s), and are measured
# over the same idle window, so both see the same load from whatever else the machine runs. Measured
# one after the other (bench/idle.sh), the run-to-run spread of a shared machine is larger than the 5 %
# asked of the recorder. Each round swaps which of the two starts first.
#   CPU = the sum over /proc/PID/task/*/schedstat first fields (ns on CPU)
#
# Usage: bench/record-idle.sh [path/to/eltop] [rounds] [idle-seconds]   (default: release build, 5 rounds, 60 s)
set -euo pipefail
cd "$(dirname "$0")/.."
ELTOP=${1:-.build/release/eltop}
ROUNDS=${2:-5}
IDLE=${3:-60}
SETTLE=5
[ -x "$ELTOP" ] || { echo "no binary at $ELTOP: run 'swift build -c release' first" >&2; exit 1; }
ELTOP=$(cd "$(dirname "$ELTOP")" && pwd)/$(basename "$ELTOP")
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
SOCK=eltop-record-idle-$$
WORK=$(mktemp -d /tmp/eltop-record-idle.XXXXXX)
chmod 755 "$WORK"
PORT=$((20000 + RANDOM % 20000))
AS_PG=(); [ "$(id -u)" = 0 ] && AS_PG=(runuser -u postgres --)

cleanup() {
    tmux -L $SOCK kill-server 2>/dev/null || true
    "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

mkdir -p "$WORK/pg" "$WORK/sock" "$WORK/home/.config/eltop" "$WORK/cwd"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/pg" "$WORK/sock"
"${AS_PG[@]}" "$PGBIN/initdb" -D "$WORK/pg" -U postgres -A trust >/dev/null
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w \
    -o "-p $PORT -k $WORK/sock -c listen_addresses='' -c wal_level=logical -c max_replication_slots=4" start >/dev/null
"$PGBIN/psql" -h "$WORK/sock" -p $PORT -U postgres -d postgres -qAt \
    -c "select pg_create_logical_replication_slot('airbyte_slot', 'pgoutput')" >/dev/null
cat > "$WORK/home/.config/eltop/config.yaml" <<YAML
source:
  url: host=$WORK/sock port=$PORT dbname=postgres user=postgres
  poll_interval: 2
YAML
ENVV="env -i PATH=/usr/bin:/bin HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_STATE_HOME=$WORK/home/.state TERM=tmux-256color LANG=C.UTF-8"

cpu_ns() { local sum=0 t; for t in /proc/$1/task/*/schedstat; do sum=$((sum + $(cut -d' ' -f1 "$t" 2>/dev/null || echo 0))); done; echo $sum; }
start() { tmux -L $SOCK new-session -d -s "$1" -x 120 -y 40 -c "$WORK/cwd" "$ENVV $2"; tmux -L $SOCK list-panes -t "$1" -F '#{pane_pid}'; }

tmux -L $SOCK new-session -d -s keep -x 20 -y 5 "sleep 100000"
echo "paired idle rounds: tmux 120x40, source polled every 2 s, ${SETTLE} s settle, ${IDLE} s without a key; CPU per idle minute"
echo "| round | first started | eltop | eltop --record | difference | recording |"
echo "|---|---|---|---|---|---|"
ratios=()
for round in $(seq "$ROUNDS"); do
    rm -f "$WORK/idle.jsonl"*
    if [ $((round % 2)) = 1 ]; then
        first=plain; plain=$(start plain "$ELTOP"); recording=$(start rec "$ELTOP --record $WORK/idle.jsonl")
    else
        first=record; recording=$(start rec "$ELTOP --record $WORK/idle.jsonl"); plain=$(start plain "$ELTOP")
    fi
    sleep $SETTLE
    p0=$(cpu_ns "$plain"); r0=$(cpu_ns "$recording"); b0=$(stat -c %s "$WORK/idle.jsonl")
    sleep "$IDLE"
    p1=$(cpu_ns "$plain"); r1=$(cpu_ns "$recording"); b1=$(stat -c %s "$WORK/idle.jsonl")
    tmux -L $SOCK kill-session -t plain
    tmux -L $SOCK kill-session -t rec
    p=$(echo "($p1 - $p0) / 1000000 * 60 / $IDLE" | bc -l); r=$(echo "($r1 - $r0) / 1000000 * 60 / $IDLE" | bc -l)
    ratio=$(echo "($r - $p) / $p * 100" | bc -l)
    ratios+=("$ratio")
    printf '| %d | %s | %.1f ms | %.1f ms | %+.1f %% | %d B/min |\n' "$round" "$first" "$p" "$r" "$ratio" "$(echo "($b1 - $b0) * 60 / $IDLE" | bc)"
done
printf '%s\n' "${ratios[@]}" | sort -g | awk '{ a[NR] = $1 } END { printf "median difference: %+.1f %% over %d rounds\n", (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2), NR }'
