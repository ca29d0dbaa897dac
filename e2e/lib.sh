# Helpers for the tmux end-to-end checks: one private tmux server per check, an isolated environment,
# waiting on what the pane shows, and PASS/FAIL bookkeeping. Sourced by e2e/run.sh.

PASSED=0
FAILED=0
CHECK_FAILED=0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/eltop-e2e.XXXXXX")
SERVERS=()

cleanup() {
    local server
    for server in "${SERVERS[@]}"; do tmux -L "$server" kill-server 2>/dev/null; done
    rm -rf "$WORK"
}
trap cleanup EXIT

# The terminal type inside the panes: tmux's own if this machine knows it, else plain screen.
if infocmp tmux-256color >/dev/null 2>&1; then PANE_TERM=tmux-256color; else PANE_TERM=screen; fi

fail() {
    echo "    $*"
    CHECK_FAILED=1
}

# check NAME FUNCTION: runs one check in a fresh environment and prints its PASS/FAIL line.
check() {
    local name=$1 fn=$2
    # E2E_ONLY=REGEX runs only the checks whose name matches.
    if [ -n "${E2E_ONLY:-}" ] && ! [[ "$name" =~ $E2E_ONLY ]]; then return; fi
    CHECK_FAILED=0
    SERVER="eltop-e2e-$$-$((PASSED + FAILED))"
    SERVERS+=("$SERVER")
    HOME_DIR="$WORK/$SERVER/home"
    CWD="$WORK/$SERVER/cwd"
    mkdir -p "$HOME_DIR" "$CWD"
    "$fn"
    tmux -L "$SERVER" kill-server 2>/dev/null
    if [ "$CHECK_FAILED" = 0 ]; then
        PASSED=$((PASSED + 1))
        echo "PASS $name"
    else
        FAILED=$((FAILED + 1))
        echo "FAIL $name"
    fi
}

# start_eltop COLS ROWS LANG [ARGS...]: runs eltop in a shell in a new tmux session; the shell prints
# "exit=<status>" when eltop ends and stays, so the pane can be inspected afterwards. The environment is
# emptied (no ELTOP_*, PG*, NO_COLOR, LC_*), HOME and XDG dirs are private, the cwd is empty: no config
# is picked up.
start_eltop() {
    local cols=$1 rows=$2 lang=$3
    shift 3
    local args=""
    local a
    for a in "$@"; do args="$args '$a'"; done
    local script="cd '$CWD' && '$ELTOP'$args; echo \"exit=\$?\"; exec sleep 3600"
    tmux -L "$SERVER" -f /dev/null new-session -d -s e2e -x "$cols" -y "$rows" \
        env -i PATH=/usr/bin:/bin TERM="$PANE_TERM" LANG="$lang" HOME="$HOME_DIR" \
        XDG_STATE_HOME="$HOME_DIR/state" XDG_CONFIG_HOME="$HOME_DIR/config" XDG_CACHE_HOME="$HOME_DIR/cache" \
        sh -c "$script"
    tmux -L "$SERVER" set-option -g status off >/dev/null
}

# The pane's text, or with -e its colours and attributes too.
screen() { tmux -L "$SERVER" capture-pane -p -t e2e "$@"; }

# Everything the pane holds, scrollback included.
scrollback() { tmux -L "$SERVER" capture-pane -p -t e2e -S - "$@"; }

keys() { tmux -L "$SERVER" send-keys -t e2e "$@"; }

resize() { tmux -L "$SERVER" resize-window -t e2e -x "$1" -y "$2"; }

pane_flag() { tmux -L "$SERVER" display-message -p -t e2e "#{$1}"; }

# The pid of eltop, the child of the pane's shell.
eltop_pid() { pgrep -P "$(pane_flag pane_pid)" -x eltop; }

# wait_for TEXT [SECONDS]: until the pane shows TEXT (fixed string); false on timeout.
wait_for() {
    local text=$1 tries=$((${2:-5} * 10))
    while [ "$tries" -gt 0 ]; do
        screen | grep -qF -- "$text" && return 0
        sleep 0.1
        tries=$((tries - 1))
    done
    return 1
}

# wait_gone TEXT [SECONDS]: until the pane no longer shows TEXT.
wait_gone() {
    local text=$1 tries=$((${2:-5} * 10))
    while [ "$tries" -gt 0 ]; do
        screen | grep -qF -- "$text" || return 0
        sleep 0.1
        tries=$((tries - 1))
    done
    return 1
}

expect_shows() {
    screen | grep -qF -- "$1" || fail "expected the screen to show: $1"
}

expect_not_shows() {
    screen | grep -qF -- "$1" && fail "expected the screen not to show: $1"
    return 0
}

# Waits for the dashboard's first frame; fails the check (and dumps the pane) if it never comes.
wait_for_dashboard() {
    if ! wait_for "5 Timeline"; then
        fail "the dashboard never appeared; the pane shows:"
        screen | sed 's/^/      | /'
        return 1
    fi
}

# Dumps the pane into the output when a check failed, so a failure explains itself.
show_on_failure() {
    [ "$CHECK_FAILED" = 0 ] && return
    echo "    the pane shows:"
    screen | sed 's/^/      | /'
}
