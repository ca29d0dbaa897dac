#!/usr/bin/env bash
# Keypress to frame in tmux: from `tmux send-keys` to the first byte the pane writes (seen through
# `tmux pipe-pane`), p50 and p99 over N presses, for eltop (Tab, which moves the focus and so always
# changes the frame) and for the floor: a trivial program that echoes each key at once, measured the
# same way. The difference is eltop's own latency.
#
# Usage: bench/keypress.sh [path/to/eltop] [presses]   (default: the release build, 200)
set -euo pipefail
cd "$(dirname "$0")/.."
ELTOP=${1:-.build/release/eltop}
N=${2:-200}
[ -x "$ELTOP" ] || { echo "no binary at $ELTOP: run 'swift build -c release' first" >&2; exit 1; }
ELTOP=$(cd "$(dirname "$ELTOP")" && pwd)/$(basename "$ELTOP")
SOCK=eltop-keys-$$
WORK=$(mktemp -d)
trap 'tmux -L $SOCK kill-server 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home"
ENVV="env -i PATH=/usr/bin:/bin HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_STATE_HOME=$WORK/home/.state TERM=tmux-256color LANG=C.UTF-8"

# press SESSION KEY READY_TEXT: starts nothing; measures N presses of KEY in SESSION, prints "p50 p99" in ms.
press() {
    python3 - "$SOCK" "$1" "$2" "$N" "$WORK/$1.bytes" <<'PY'
import os, subprocess, sys, time
sock, session, key, n, path = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
tmux = ["tmux", "-L", sock]
subprocess.run(tmux + ["pipe-pane", "-t", session, "-o", f"cat >> {path}"], check=True)
time.sleep(0.3)
def size():
    try: return os.stat(path).st_size
    except FileNotFoundError: return 0
samples = []
for i in range(n):
    time.sleep(0.05)                      # let the previous frame finish
    before = size()
    start = time.perf_counter()
    subprocess.run(tmux + ["send-keys", "-t", session, key], check=True)
    deadline = start + 2
    while size() == before:
        if time.perf_counter() > deadline: sys.exit(f"{session}: no output within 2 s of press {i}")
    samples.append((time.perf_counter() - start) * 1000)
samples.sort()
print(f"{samples[len(samples) // 2]:.2f} {samples[min(len(samples) - 1, int(len(samples) * 0.99))]:.2f}")
PY
}

tmux -L $SOCK new-session -d -s floor -x 200 -y 60 "stty raw -echo; while IFS= read -r -n1 k; do printf '%s' \"\$k\"; done"
tmux -L $SOCK new-session -d -s eltop -x 200 -y 60 -c "$WORK" "$ENVV $ELTOP"
until tmux -L $SOCK capture-pane -p -t eltop | grep -q "Timeline"; do sleep 0.05; done
read -r f50 f99 < <(press floor x)
read -r e50 e99 < <(press eltop Tab)
printf 'keypress to first byte (tmux send-keys -> pipe-pane), %d presses, 200x60\n' "$N"
printf '  %-34s p50 %7.2f ms   p99 %7.2f ms\n' "floor (a shell loop echoing keys)" "$f50" "$f99"
printf '  %-34s p50 %7.2f ms   p99 %7.2f ms\n' "eltop (Tab: focus moves)" "$e50" "$e99"
printf '  %-34s p50 %7.2f ms   p99 %7.2f ms   (target: p99 <= 16 ms above the floor)\n' "eltop above the floor" \
    "$(echo "$e50 - $f50" | bc -l)" "$(echo "$e99 - $f99" | bc -l)"
