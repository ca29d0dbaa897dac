#!/usr/bin/env bash
# Terminal-level figures of the real eltop binary in tmux: time to the first frame, bytes written to the
# terminal while idle (tmux pipe-pane), CPU time used while idle, and resident memory.
#
# Usage: bench/terminal.sh [path/to/eltop] [idle-seconds]   (default: the release build, 30 s)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ELTOP=$(bench_eltop "${1:-}")
IDLE=${2:-30}
# An isolated environment: no config file, no feed variables, so the figures are the dashboard's own.
bench_work eltop-bench

frame_seen() { tmux -L $SOCK capture-pane -p -t bench 2>/dev/null | grep -q "5 Timeline"; }

start=$(date +%s.%N)
tmux -L $SOCK new-session -d -s bench -x 200 -y 60 -c "$WORK/cwd" "$ENVV $ELTOP"
until frame_seen; do sleep 0.005; done
first=$(echo "$(date +%s.%N) - $start" | bc)

sleep 1  # let the first second's tick settle
pid=$(tmux -L $SOCK list-panes -t bench -F '#{pane_pid}')
bench_pipe bench "$WORK/idle.bytes"
cpu_before=$(awk '{print $14 + $15}' /proc/$pid/stat)
sleep "$IDLE"
cpu_after=$(awk '{print $14 + $15}' /proc/$pid/stat)
bench_pipe bench
bytes=$(stat -c %s "$WORK/idle.bytes")
ticks=$(getconf CLK_TCK)
rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)

printf 'first frame (tmux, 200x60)     %8.0f ms\n' "$(echo "$first * 1000" | bc)"
printf 'bytes written while idle       %8d B over %d s\n' "$bytes" "$IDLE"
printf 'CPU while idle                 %8.2f s over %d s\n' "$(echo "($cpu_after - $cpu_before) / $ticks" | bc -l)" "$IDLE"
printf 'resident memory                %8.1f MiB\n' "$(echo "$rss / 1024" | bc -l)"
bench/summary.sh add "first frame in tmux (200x60, no config)" ms "$(echo "$first * 1000" | bc)" - - "-"
