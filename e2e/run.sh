#!/usr/bin/env bash
# End-to-end checks of the real eltop binary in tmux: layout, keys, resize, exit paths, terminal restore,
# ASCII fallback, idle silence. Each check prints PASS/FAIL; the last line is "N passed, M failed".
#
# Usage: e2e/run.sh            (builds eltop with `swift build` and uses its bin path)
#        ELTOP=/path/to/eltop e2e/run.sh
set -u
cd "$(dirname "$0")/.."
HERE=e2e
. "$HERE/lib.sh"
. "$HERE/terminal_faults.sh"

if [ -z "${ELTOP:-}" ]; then
    if ! swift build --product eltop >"$WORK/build.log" 2>&1; then
        cat "$WORK/build.log"
        echo "FAIL swift build"
        echo "0 passed, 1 failed"
        exit 1
    fi
    ELTOP="$(swift build --show-bin-path)/eltop"
fi
command -v tmux >/dev/null || { echo "tmux is not installed"; echo "0 passed, 1 failed"; exit 1; }

# layout_at COLS ROWS: the frame has a sane layout at that size (given up to 5 s to redraw after a resize).
layout_at() {
    local out tries=50
    until out=$(screen | python3 "$HERE/layout_check.py" "$1" "$2"); do
        tries=$((tries - 1))
        if [ $tries = 0 ]; then
            fail "layout at $1x$2:"
            echo "$out" | sed 's/^/      /'
            return
        fi
        sleep 0.1
    done
}

# The five areas, each saying it is not configured and how to configure it.
check_layout() {
    start_eltop 120 40 C.UTF-8
    wait_for_dashboard || return
    for title in "1 Source" "2 Airbyte" "3 Warehouse" "4 dbt" "5 Timeline"; do expect_shows "┌─ $title"; done
    [ "$(screen | grep -oF 'Not configured.' | wc -l)" = 4 ] || fail "expected four 'Not configured.' panes"
    for hint in "ELTOP_SOURCE_URL" "AIRBYTE_SERVER_NAME" "SNOWFLAKE_ACCOUNT" "ELTOP_DBT_PROJECT_DIR"; do
        expect_shows "$hint"
    done
    expect_shows "Nothing has happened yet."
    layout_at 120 40
    show_on_failure
}

check_help() {
    start_eltop 100 30 C.UTF-8
    wait_for_dashboard || return
    keys '?'
    wait_for "Help · Esc closes" || fail "? did not open help"
    expect_shows "focus the next pane"
    expect_shows "q, Ctrl-C quit"
    keys Escape
    wait_gone "Help · Esc closes" || fail "Esc did not close help"
    expect_shows "┌─ 1 Source"
    show_on_failure
}

# True when the title bar shows LABEL in reverse video (the focus mark): an SGR with 7, maybe followed by
# colour SGRs, right before the label.
title_marks() {
    screen -e | head -1 | grep -qE $'\e\\[([0-9;]*;)?7m(\e\\[[0-9;]*m)*'" $1"
}

# Tab moves focus: the title bar reverses the focused pane, and Enter opens that pane's detail.
check_focus() {
    start_eltop 100 30 C.UTF-8
    wait_for_dashboard || return
    title_marks "1 Source" || fail "Source is not marked focused at start"
    title_marks "2 Airbyte" && fail "Airbyte is marked focused at start"
    keys Tab
    local tries=50
    until title_marks "2 Airbyte" || [ $tries = 0 ]; do sleep 0.1; tries=$((tries - 1)); done
    [ $tries = 0 ] && fail "Tab did not move the focus mark to Airbyte"
    title_marks "1 Source" && fail "Source still marked focused after Tab"
    keys Enter
    wait_for "2 Airbyte · connections · detail" || fail "Enter did not open the focused pane's detail"
    expect_not_shows "┌─ 1 Source"
    keys Escape
    wait_for "┌─ 1 Source" || fail "Esc did not leave the detail view"
    show_on_failure
}

check_resize() {
    start_eltop 120 40 C.UTF-8
    wait_for_dashboard || return
    resize 80 24
    layout_at 80 24
    resize 200 60
    layout_at 200 60
    expect_shows "Source · replication slots"
    resize 80 24
    layout_at 80 24
    show_on_failure
}

# After eltop ends, the pane must hold the shell's lines and nothing of the dashboard, scrollback included.
expect_restored() {
    local status=$1
    wait_for "exit=$status" || fail "expected exit=$status"
    [ "$(pane_flag alternate_on)" = 0 ] || fail "still on the alternate screen"
    if scrollback | grep -qE '[┌┐└┘│]|eltop  1 Source|Not configured'; then
        fail "dashboard residue left in the terminal"
    fi
    [ "$(pane_flag cursor_flag)" = 1 ] || fail "cursor still hidden"
    # The shell's line is typed where the tty's own settings put it: echo and line mode are back.
    keys 'echo typed-back' Enter
}

check_quit_key() {
    start_eltop 100 30 C.UTF-8
    wait_for_dashboard || return
    resize 160 50
    sleep 0.3
    keys q
    expect_restored 0
    show_on_failure
}

check_ctrl_c() {
    start_eltop 100 30 C.UTF-8
    wait_for_dashboard || return
    keys C-c
    expect_restored 0
    show_on_failure
}

check_sighup() {
    start_eltop 100 30 C.UTF-8
    wait_for_dashboard || return
    kill -HUP "$(eltop_pid)" || fail "no eltop process"
    expect_restored 129
    show_on_failure
}

check_sigterm() {
    start_eltop 100 30 C.UTF-8
    wait_for_dashboard || return
    kill -TERM "$(eltop_pid)" || fail "no eltop process"
    expect_restored 143
    show_on_failure
}

# A crash (here a SIGSEGV from outside) still gives the terminal back, says so, and dies of the signal.
check_crash() {
    start_eltop 100 30 C.UTF-8
    wait_for_dashboard || return
    kill -SEGV "$(eltop_pid)" || fail "no eltop process"
    wait_for "eltop crashed; the terminal was restored" || fail "no crash note"
    expect_restored 139
    show_on_failure
}

# Under a non-UTF-8 locale the same binary draws plain ASCII.
check_ascii_locale() {
    start_eltop 100 30 C
    wait_for "5 Timeline" || { fail "the dashboard never appeared"; show_on_failure; return; }
    expect_shows "+- 1 Source"
    expect_shows "| Not configured."
    if screen | LC_ALL=C grep -q '[^ -~]'; then
        fail "non-ASCII bytes on screen:"
        screen | LC_ALL=C grep -n '[^ -~]' | head -3 | sed 's/^/      /'
    fi
    keys '?'
    wait_for "Help - Esc closes" || fail "help under LANG=C"
    expect_shows "^, k"
    keys Escape
    wait_gone "Help - Esc closes" || fail "Esc under LANG=C"
    keys q
    expect_restored 0
    show_on_failure
}

# Nothing visible changes while idle, so nothing at all may be written (the clock still ticks inside).
check_idle_is_silent() {
    start_eltop 120 40 C.UTF-8
    wait_for_dashboard || return
    sleep 0.5
    local bytes="$WORK/$SERVER/idle.bytes"
    tmux -L "$SERVER" pipe-pane -t e2e "cat > '$bytes'"
    sleep 3.2
    tmux -L "$SERVER" pipe-pane -t e2e
    local size
    size=$(stat -c %s "$bytes" 2>/dev/null || echo missing)
    [ "$size" = 0 ] || fail "idle for 3 s wrote $size bytes"
    keys '?'
    sleep 0.5
    tmux -L "$SERVER" pipe-pane -t e2e "cat > '$bytes'"
    keys Escape
    wait_gone "Help · Esc closes"
    sleep 0.3
    tmux -L "$SERVER" pipe-pane -t e2e
    size=$(stat -c %s "$bytes" 2>/dev/null || echo 0)
    [ "$size" -gt 0 ] || fail "closing help wrote nothing: the byte count cannot be trusted"
    show_on_failure
}

# Logging goes to the XDG state dir, mode 0600, and nothing of it reaches the screen.
check_log_file() {
    start_eltop 100 30 C.UTF-8
    wait_for_dashboard || return
    keys q
    wait_for "exit=0" || fail "did not exit"
    local log="$HOME_DIR/state/eltop/eltop.log"
    [ -f "$log" ] || { fail "no log at $log"; return; }
    [ "$(stat -c %a "$log")" = 600 ] || fail "log mode is $(stat -c %a "$log"), not 600"
    grep -q "dashboard started" "$log" || fail "start not logged"
    grep -q "dashboard stopped reason=quit status=0" "$log" || fail "stop not logged"
    expect_not_shows "dashboard started"
    show_on_failure
}

# The CLI paths that need no terminal.
check_cli() {
    local out
    out=$(cd "$CWD" && env -i PATH=/usr/bin:/bin HOME="$HOME_DIR" "$ELTOP" --version) || fail "--version failed"
    echo "$out" | grep -qE '^eltop [0-9]+\.[0-9]+\.[0-9]+$' || fail "--version printed: $out"
    out=$(cd "$CWD" && env -i PATH=/usr/bin:/bin HOME="$HOME_DIR" "$ELTOP" snapshot --json) || fail "snapshot --json failed"
    echo "$out" | python3 -c 'import json, sys
d = json.load(sys.stdin)
assert all(d[s]["status"] == "unconfigured" for s in ("source", "airbyte", "warehouse", "dbt")), d
assert d["events"] == []' || fail "snapshot --json is not the expected JSON"
    out=$(cd "$CWD" && env -i PATH=/usr/bin:/bin HOME="$HOME_DIR" "$ELTOP" dash </dev/null 2>&1)
    local status=$?
    [ $status = 1 ] || fail "dash without a terminal exited $status"
    echo "$out" | grep -q "needs a terminal" || fail "dash without a terminal said: $out"
}

check "layout shows five areas with configure hints (120x40)" check_layout
check "? opens help, Esc closes it" check_help
check "Tab moves focus, Enter opens its detail" check_focus
check "resize to 80x24 and 200x60 keeps the layout" check_resize
check "q exits 0 and restores the terminal" check_quit_key
check "Ctrl-C (a key in raw mode) exits 0 and restores" check_ctrl_c
check "SIGHUP exits 129 and restores the terminal" check_sighup
check "SIGTERM exits 143 and restores the terminal" check_sigterm
check "a crash (SIGSEGV) restores the terminal" check_crash
check "LANG=C draws ASCII only" check_ascii_locale
check "idle dashboard writes 0 bytes" check_idle_is_silent
check "log file under XDG_STATE_HOME, mode 0600" check_log_file
check "--version, snapshot --json, dash without a tty" check_cli
check "a resize storm (50/s for 10 s) keeps drawing, memory flat" check_resize_storm
check "SIGHUP/SIGTERM/SIGINT at random moments restore the tty" check_random_signals
check "output nobody reads: memory flat, SIGTERM still exits" check_blocked_output

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
