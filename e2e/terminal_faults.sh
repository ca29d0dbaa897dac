# Terminal faults on the real binary (the fault suite's terminal half), sourced by e2e/run.sh:
# a resize storm, signals at random moments, and output nobody reads. Each ends with the terminal
# restored (the tty's `stty -g` state equal before and after) and no process of eltop's left.

# start_eltop_stty COLS ROWS: like start_eltop (C.UTF-8, no config), with the tty's settings saved
# before and after eltop runs, and the pane session's processes (everything but the shell) listed after.
start_eltop_stty() {
    local script="cd '$CWD' && stty -g >'$WORK/$SERVER.stty-before'; '$ELTOP'; status=\$?; stty -g >'$WORK/$SERVER.stty-after'; \
ps -o pid=,comm= -s \$\$ | grep -v \" \$\$ \" | grep -vw -e ps -e grep -e sh >'$WORK/$SERVER.left'; echo \"exit=\$status\"; exec sleep 3600"
    tmux -L "$SERVER" -f /dev/null new-session -d -s e2e -x "$1" -y "$2" \
        env -i PATH=/usr/bin:/bin TERM="$PANE_TERM" LANG=C.UTF-8 HOME="$HOME_DIR" \
        XDG_STATE_HOME="$HOME_DIR/state" XDG_CONFIG_HOME="$HOME_DIR/config" XDG_CACHE_HOME="$HOME_DIR/cache" \
        sh -c "$script"
    tmux -L "$SERVER" set-option -g status off >/dev/null
}

# expect_clean_exit STATUS: the exit status, the tty's settings as before, nothing of eltop's left.
expect_clean_exit() {
    wait_for "exit=$1" 10 || { fail "expected exit=$1"; return; }
    [ "$(pane_flag alternate_on)" = 0 ] || fail "still on the alternate screen"
    [ "$(pane_flag cursor_flag)" = 1 ] || fail "cursor still hidden"
    cmp -s "$WORK/$SERVER.stty-before" "$WORK/$SERVER.stty-after" ||
        fail "tty settings not restored: $(cat "$WORK/$SERVER.stty-before") → $(cat "$WORK/$SERVER.stty-after")"
    [ -s "$WORK/$SERVER.left" ] && fail "left behind in the pane's session: $(tr '\n' ' ' <"$WORK/$SERVER.left")"
    return 0
}

rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status" 2>/dev/null; }

# 50 resizes a second for RESIZE_STORM_SECONDS (10): eltop keeps drawing, its memory does not climb,
# and it still answers q with a layout fitting the last size.
check_resize_storm() {
    start_eltop_stty 120 40
    wait_for_dashboard || return
    local pid rss_before rss_after count
    pid=$(eltop_pid)
    rss_before=$(rss_kib "$pid")
    # tmux's own resize-window costs a client round trip each (10/s on a busy box); setting the pane
    # tty's size directly is what a terminal emulator does, and the kernel sends SIGWINCH each time.
    count=$(python3 - "$(pane_flag pane_tty)" "${RESIZE_STORM_SECONDS:-10}" <<'PY'
import fcntl, struct, sys, termios, time
tty, seconds = open(sys.argv[1], "wb"), float(sys.argv[2])
sizes, n, start = [(24, 80), (60, 200), (30, 100), (48, 160), (20, 60), (43, 132)], 0, time.monotonic()
while time.monotonic() - start < seconds:
    fcntl.ioctl(tty, termios.TIOCSWINSZ, struct.pack("HHHH", *sizes[n % len(sizes)], 0, 0))
    n += 1
    time.sleep(max(0, start + n / 50 - time.monotonic()))
print(n)
PY
)
    rss_after=$(rss_kib "$pid")
    echo "    $count resizes in ${RESIZE_STORM_SECONDS:-10} s; VmRSS $rss_before → $rss_after KiB"
    [ -n "$rss_after" ] || { fail "eltop died during the storm"; show_on_failure; return; }
    # A storm may grow caches once (grids of a few sizes); a leak per frame would be megabytes.
    [ $((rss_after - rss_before)) -lt 8192 ] || fail "VmRSS grew by $((rss_after - rss_before)) KiB over $count resizes"
    resize 100 30
    layout_at 100 30
    keys q
    expect_clean_exit 0
    show_on_failure
}

# SIGHUP, SIGTERM or SIGINT at a random moment of eltop's life (while it starts, draws its first frame
# or idles), SIGNAL_RUNS times (20 in `make test`; docs/faults.md has a 100-run figure): every run
# exits with 128 + the signal, the tty as it was, nothing left.
check_random_signals() {
    local run signal status delay failures=0 runs=${SIGNAL_RUNS:-20} pid tries
    local signals=(HUP TERM INT) statuses=(129 143 130) base=$SERVER
    for run in $(seq 1 "$runs"); do
        local k=$((RANDOM % 3))
        signal=${signals[$k]}
        status=${statuses[$k]}
        delay=$(printf '0.%03d' $((RANDOM % 800)))
        # A server of its own per run: reusing one just killed races its shutdown.
        tmux -L "$SERVER" kill-server 2>/dev/null
        SERVER="$base-$run"
        SERVERS+=("$SERVER")
        start_eltop_stty 100 30
        tries=300 pid=""
        while [ -z "$pid" ] && [ $tries -gt 0 ]; do
            local shell_pid
            shell_pid=$(pane_flag pane_pid 2>/dev/null)
            [ -n "$shell_pid" ] && pid=$(pgrep -P "$shell_pid" -x eltop)
            [ -z "$pid" ] && sleep 0.01
            tries=$((tries - 1))
        done
        [ -n "$pid" ] || { fail "run $run: eltop never started"; failures=$((failures + 1)); continue; }
        sleep "$delay"
        kill -"$signal" "$pid" 2>/dev/null
        local before=$CHECK_FAILED
        CHECK_FAILED=0
        expect_clean_exit "$status"
        if [ "$CHECK_FAILED" = 1 ]; then
            failures=$((failures + 1))
            echo "    run $run: SIG$signal after ${delay}s"
            screen | tail -5 | sed 's/^/      | /'
        fi
        [ "$before" = 1 ] && CHECK_FAILED=1
    done
    echo "    $runs runs, $failures failed"
    [ $failures = 0 ] || CHECK_FAILED=1
}

# Output nobody reads: eltop on a pty whose master stops being read while resizes make it redraw.
# Its writes block; memory must not grow with the frames it cannot send, and once the reader is back a
# SIGTERM still ends it with the tty restored. (e2e/blocked_output.py drives the pty.)
check_blocked_output() {
    local out driver="$PWD/$HERE/blocked_output.py"
    if ! out=$(cd "$CWD" && env -i PATH=/usr/bin:/bin TERM="$PANE_TERM" LANG=C.UTF-8 HOME="$HOME_DIR" \
        XDG_STATE_HOME="$HOME_DIR/state" XDG_CONFIG_HOME="$HOME_DIR/config" \
        python3 "$driver" "$ELTOP" "${BLOCKED_SECONDS:-5}" 2>&1); then
        fail "blocked output:"
        echo "$out" | sed 's/^/      /'
        return
    fi
    echo "$out" | sed 's/^/    /'
}
