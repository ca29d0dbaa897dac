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
. bench/lib.sh
ELTOP=$(bench_eltop "${1:-}")
ROUNDS=${2:-5}
IDLE=${3:-60}
SETTLE=5
bench_work eltop-record-idle
bench_postgres

start() { bench_session "$1" 120 40 "$2"; }

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
