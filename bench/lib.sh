# Sourced by the bench scripts (not run): the binary under test, a private PostgreSQL with a logical
# slot, tmux sessions on a private tmux server, and CPU read from schedstat. Written once so that the
# figures in docs/benchmarks.md that two scripts report (idle CPU, idle bytes) are measured the same way.
# Callers run `set -euo pipefail` and `cd` to the checkout first.

# bench_binary PATH: PATH as an absolute path, for tmux sessions that start elsewhere; stops the script
# when there is no program there.
bench_binary() {
    [ -x "$1" ] || { echo "no binary at $1: run 'swift build -c release' first" >&2; exit 1; }
    echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
}

# bench_eltop [PATH]: the eltop to measure, by default the release build (bench_binary).
bench_eltop() { bench_binary "${1:-.build/release/eltop}"; }

# bench_work NAME: a fresh WORK directory (/tmp/NAME.XXXXXX, readable by the postgres user) with an empty
# home and working directory, a private tmux server SOCK, and ENVV: the isolated environment the measured
# programs run in (no feed variables; config only from $WORK/home). Removes all of it on exit.
bench_work() {
    SOCK=$1-$$
    WORK=$(mktemp -d "/tmp/$1.XXXXXX")
    chmod 755 "$WORK"
    mkdir -p "$WORK/home/.config/eltop" "$WORK/cwd"
    ENVV="env -i PATH=/usr/bin:/bin HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_STATE_HOME=$WORK/home/.state TERM=tmux-256color LANG=C.UTF-8"
    trap bench_cleanup EXIT
}

bench_cleanup() {
    tmux -L "$SOCK" kill-server 2>/dev/null || true
    if [ -n "${PGBIN:-}" ]; then "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true; fi
    bench_unaccount
    rm -rf "$WORK"
}

# bench_postgres [OPTIONS]: starts a PostgreSQL of the newest installed version in $WORK/pg, on a unix
# socket only and a random port, with logical WAL and a logical slot `airbyte_slot` (what a CDC source
# has); OPTIONS are more server options (`-c name=value ...`). Sets PGBIN, PORT and AS_PG, and writes the
# eltop config that polls it every 2 s.
bench_postgres() {
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    PORT=$((20000 + RANDOM % 20000))
    AS_PG=(); [ "$(id -u)" = 0 ] && AS_PG=(runuser -u postgres --)
    mkdir -p "$WORK/pg" "$WORK/sock"
    [ "$(id -u)" = 0 ] && chown postgres "$WORK/pg" "$WORK/sock"
    "${AS_PG[@]}" "$PGBIN/initdb" -D "$WORK/pg" -U postgres -A trust >/dev/null
    "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w \
        -o "-p $PORT -k $WORK/sock -c listen_addresses='' -c wal_level=logical -c max_replication_slots=4 ${1:-}" start >/dev/null
    PGAPPNAME=bench "$PGBIN/psql" -h "$WORK/sock" -p "$PORT" -U postgres -d postgres -qAt \
        -c "select pg_create_logical_replication_slot('airbyte_slot', 'pgoutput')" >/dev/null
    cat > "$WORK/home/.config/eltop/config.yaml" <<YAML
source:
  url: host=$WORK/sock port=$PORT dbname=postgres user=postgres
  poll_interval: 2
YAML
}

# bench_session NAME COLS ROWS COMMAND: COMMAND in ENVV in a new tmux session of that size, its CPU
# accounted (bench_account); prints the pane's process id.
bench_session() {
    tmux -L "$SOCK" new-session -d -s "$1" -x "$2" -y "$3" -c "$WORK/cwd" "$ENVV $4"
    local pid; pid=$(tmux -L "$SOCK" list-panes -t "$1" -F '#{pane_pid}')
    bench_account "$pid"
    echo "$pid"
}

# bench_pipe NAME [FILE]: with FILE, everything the session's pane writes from now on goes to FILE (what
# the terminal receives); without, that stops.
bench_pipe() {
    if [ -n "${2:-}" ]; then tmux -L "$SOCK" pipe-pane -t "$1" -o "cat > $2"; else tmux -L "$SOCK" pipe-pane -t "$1"; fi
}

# bench_account PID: from now on, PID's CPU is counted in a cpuacct cgroup of its own (cgroup v1, as
# root), which keeps the time of threads that have exited and of children, each to the nanosecond. The
# schedstat sum below loses a thread's whole time when it exits during the minute (dispatch's workers
# come and go) and counts no child. Without such a cgroup (not root, no cpuacct hierarchy), nothing changes.
bench_account() {
    local root=/sys/fs/cgroup/cpuacct group
    [ -w "$root" ] || return 0
    group=$root/eltop-bench-$$-$1
    mkdir -p "$group" && echo "$1" > "$group/cgroup.procs" || rmdir "$group" 2>/dev/null || true
}

# bench_accounted PID: true when bench_account put PID in a cgroup of its own.
bench_accounted() { [ -r "/sys/fs/cgroup/cpuacct/eltop-bench-$$-$1/cpuacct.usage" ]; }

# Removes the cgroups bench_account made, once their processes are gone.
bench_unaccount() {
    local group
    for group in /sys/fs/cgroup/cpuacct/eltop-bench-$$-*; do
        [ -d "$group" ] || continue
        for _ in 1 2 3 4 5 6 7 8 9 10; do rmdir "$group" 2>/dev/null && break; sleep 0.2; done
    done
}

# cpu_ns PID: nanoseconds on CPU of the process: its cgroup's usage when bench_account made one (with
# exited threads and children), else the first field of each /proc/PID/task/*/schedstat summed over the
# threads alive now (exact per thread, where the 10 ms ticks of /proc/PID/stat are too coarse for an idle
# minute).
cpu_ns() {
    if bench_accounted "$1"; then cat "/sys/fs/cgroup/cpuacct/eltop-bench-$$-$1/cpuacct.usage"; return; fi
    local sum=0 t; for t in /proc/$1/task/*/schedstat; do sum=$((sum + $(cut -d' ' -f1 "$t" 2>/dev/null || echo 0))); done; echo $sum
}
