#!/usr/bin/env bash
# Soak (not in CI): the demo dashboard with traffic and random faults for SOAK_MINUTES (60), sampled
# every 10 s: eltop must stay up, its VmRSS flat (the slope is reported, KiB per hour, by least
# squares over the samples after the first two minutes of loading), its fds and threads flat.
# Faults, one every 30–90 s at random: the source cluster restarted, the warehouse cluster stopped for
# 15 s, a resize, `r` (refresh everything now).
#
# Usage: bench/soak.sh                       (uses `swift build --show-bin-path`/eltop)
#        SOAK_MINUTES=10 ELTOP=/path/to/eltop bench/soak.sh
set -u
cd "$(dirname "$0")/.."
ELTOP=${ELTOP:-$(swift build --show-bin-path)/eltop}
MINUTES=${SOAK_MINUTES:-60}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/eltop-soak.XXXXXX")
SERVER="eltop-soak-$$"
PG_CTL=$(ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -1)
DEMO="$WORK/data/eltop/demo"
SAMPLES="$WORK/samples.tsv"

cleanup() {
    tmux -L "$SERVER" send-keys -t soak q 2>/dev/null
    sleep 3
    tmux -L "$SERVER" kill-server 2>/dev/null
    XDG_DATA_HOME="$WORK/data" "$ELTOP" demo --down >/dev/null 2>&1
    rm -rf "$WORK"
}
trap cleanup EXIT

# pg_ctl as the clusters' owner (postgres under root, as the demo runs them).
pgctl() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$PG_CTL" "$@"; else "$PG_CTL" "$@"; fi; }

chmod 755 "$WORK"
tmux -L "$SERVER" -f /dev/null new-session -d -s soak -x 160 -y 48 \
    env HOME="$WORK" XDG_DATA_HOME="$WORK/data" XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config" TERM=screen LANG=C.UTF-8 \
    sh -c "'$ELTOP' demo --traffic 5 --sync-every 1m; echo exit=\$?; exec sleep 3600"
tmux -L "$SERVER" set-option -g status off >/dev/null
screen() { tmux -L "$SERVER" capture-pane -p -t soak; }
for _ in $(seq 600); do screen | grep -q "5 Timeline" && break; sleep 1; done
screen | grep -q "5 Timeline" || { echo "the demo dashboard never appeared:"; screen; exit 1; }
PID=$(pgrep -P "$(tmux -L "$SERVER" display-message -p -t soak '#{pane_pid}')" -x eltop)
echo "eltop $PID up; soaking for $MINUTES min (samples in $SAMPLES)"

start=$SECONDS
next_fault=$((SECONDS + 30 + RANDOM % 60))
faults=0
printf 'seconds\trss_kib\tfds\tthreads\n' >"$SAMPLES"
while [ $((SECONDS - start)) -lt $((MINUTES * 60)) ]; do
    if ! kill -0 "$PID" 2>/dev/null; then
        echo "CRASH: eltop $PID is gone after $((SECONDS - start)) s; the pane shows:"
        screen | tail -15
        exit 1
    fi
    printf '%s\t%s\t%s\t%s\n' $((SECONDS - start)) "$(awk '/^VmRSS/ { print $2 }' /proc/$PID/status)" \
        "$(ls /proc/$PID/fd | wc -l)" "$(awk '/^Threads/ { print $2 }' /proc/$PID/status)" >>"$SAMPLES"
    if [ $SECONDS -ge $next_fault ]; then
        faults=$((faults + 1))
        case $((RANDOM % 4)) in
            0) echo "  $((SECONDS - start)) s: restart the source"; pgctl -D "$DEMO/source" restart -m fast -w >/dev/null 2>&1 ;;
            1) echo "  $((SECONDS - start)) s: stop the warehouse for 15 s"; pgctl -D "$DEMO/warehouse" stop -m fast -w >/dev/null 2>&1
               sleep 15; pgctl -D "$DEMO/warehouse" start -w -l "$WORK/warehouse.log" >/dev/null 2>&1 ;;
            2) echo "  $((SECONDS - start)) s: resize"; tmux -L "$SERVER" resize-window -t soak -x $((80 + RANDOM % 120)) -y $((24 + RANDOM % 36)) ;;
            3) echo "  $((SECONDS - start)) s: refresh (r)"; tmux -L "$SERVER" send-keys -t soak r ;;
        esac
        next_fault=$((SECONDS + 30 + RANDOM % 60))
    fi
    sleep 10
done
tmux -L "$SERVER" resize-window -t soak -x 160 -y 48
echo "no crash in $MINUTES min, $faults faults"
python3 - "$SAMPLES" <<'PY'
import sys
rows = [list(map(int, l.split())) for l in open(sys.argv[1]).read().splitlines()[1:]]
steady = [r for r in rows if r[0] >= 120] or rows
xs, ys = [r[0] / 3600 for r in steady], [r[1] for r in steady]
mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
den = sum((x - mx) ** 2 for x in xs) or 1
slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den
print(f"VmRSS: {rows[0][1]} KiB at start, {min(ys)}–{max(ys)} KiB after 2 min, slope {slope:+.0f} KiB/hour over {len(steady)} samples")
for name, i in (("fds", 2), ("threads", 3)):
    v = [r[i] for r in steady]
    print(f"{name}: {min(v)}–{max(v)} (first {v[0]}, last {v[-1]})")
PY
tmux -L "$SERVER" send-keys -t soak q
for _ in $(seq 30); do screen | grep -q "exit=" && break; sleep 1; done
screen | grep "exit=" || { echo "eltop did not exit on q"; exit 1; }
