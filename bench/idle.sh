#!/usr/bin/env bash
# The idle protocol of docs/benchmarks.md, for eltop and pg_activity side by side on the same Postgres at
# the same refresh in the same run: release build, tmux 120x40, a live source polled every 2 s (a config
# file with `poll_interval: 2`), 5 s to settle, then 60 s with no key.
#   CPU   = ns on CPU from a cpuacct cgroup of the program's own (exited threads and children included),
#           else the sum over /proc/PID/task/*/schedstat first fields (bench/lib.sh, cpu_ns)
#   bytes = what `tmux pipe-pane` captured over the idle minute
#   RSS   = VmRSS at the end, with PSS (smaps_rollup) beside it
#   switches = context switches over all threads (voluntary + involuntary) over the idle minute: wake-ups
#   server = what the bench Postgres logged over the idle minute (log_statement=all): statements and
#            connections per refresh, and transactions left open at the end
# eltop is measured twice: as is, and with --record (the recorder's idle cost); beside it pg_activity
# and `watch -n 2 psql -f slots.sql` (a peer that runs eltop's slot question by hand every 2 s). watch's
# CPU includes its psql children (in its cgroup; without one, those it reaped, in 10 ms ticks).
#
# Usage: bench/idle.sh [path/to/eltop] [idle-seconds]   (default: the release build, 60 s)
# IDLE_THREADS=1 prints, for each program, what each of its threads spent over the idle minute (to stderr).
# IDLE_ONLY="eltop watch-psql" measures only the programs named (all four when unset).
# IDLE_PERF=DIR records each program's idle minute with `perf record -g` into DIR/NAME.perf (where its CPU goes).
# IDLE_SMAPS=DIR keeps each program's /proc/PID/smaps, status and stat (its page faults) at the end (what holds the RSS).
# pg_activity comes from a bench-only virtualenv (.venv-bench, git-ignored) that `make bench` creates.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ELTOP=$(bench_eltop "${1:-}")
IDLE=${2:-60}
SETTLE=5
PG_ACTIVITY=$PWD/.venv-bench/bin/pg_activity
bench_work eltop-idle

# A real Postgres with a logical slot, as the source a CDC pipeline reads; every statement logged.
bench_postgres "-c log_statement=all -c log_connections=on -c log_line_prefix='%p|%a|'"
PGLOG=$WORK/pg/log
bench_sql() { PGAPPNAME=bench "$PGBIN/psql" -h "$WORK/sock" -p $PORT -U postgres -d postgres -qAtF' ' -c "$1"; }
# The peer's question: the logical slots with their lag and retained WAL, what the Source pane shows.
cat > "$WORK/slots.sql" <<'SQL'
SELECT slot_name, plugin, active, active_pid,
       pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn) AS lag_bytes,
       pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn) AS retained_bytes, wal_status
FROM pg_replication_slots WHERE slot_type = 'logical' ORDER BY slot_name;
SQL

# One line per live thread: tid, name, ns on CPU, context switches (for IDLE_THREADS).
threads_now() {
    local t
    for t in /proc/$1/task/*; do
        printf '%s %s %s %s\n' "${t##*/}" "$(tr ' ' _ < "$t/comm")" "$(cut -d' ' -f1 "$t/schedstat")" \
            "$(awk '/^(non)?voluntary_ctxt_switches/ {s += $2} END {print s + 0}' "$t/status")"
    done 2>/dev/null | sort
}
# What each thread spent over the minute: threads alive at both ends, then those born or gone between.
threads_table() {
    join -a1 -a2 -e - -o 0,1.2,2.2,1.3,2.3,1.4,2.4 "$1" "$2" | awk '{
        name = ($2 == "-") ? $3 : $2
        if ($4 == "-") printf "  %-8s %-20s born:   %8.2f ms %6d switches\n", $1, name, $5 / 1e6, $7
        else if ($5 == "-") printf "  %-8s %-20s gone, had %.2f ms at the start\n", $1, name, $4 / 1e6
        else printf "  %-8s %-20s %8.2f ms %6d switches\n", $1, name, ($5 - $4) / 1e6, $7 - $6 }'
}

# Context switches over the process's threads (voluntary + involuntary): how often it woke, whatever it did then.
switches() { cat /proc/$1/task/*/status 2>/dev/null | awk '/^(non)?voluntary_ctxt_switches/ {s += $2} END {print s + 0}'; }
# CPU of the children the process has reaped (fields 16 and 17 of /proc/PID/stat, in 10 ms ticks), in ns;
# none where the process's cgroup already counts them (bench_account).
children_ns() { if bench_accounted "$1"; then echo 0; return; fi; awk '{ sub(/.*\) /, ""); print ($14 + $15) * 10000000 }' /proc/$1/stat; }

# What the server logged between two offsets of its log, from everyone but the bench itself: statements
# (simple and extended protocol), distinct backends among them, new connections, and BEGINs.
server_cost() {
    local from=$1 to=$2 slice
    slice=$(tail -c +$((from + 1)) "$PGLOG" | head -c $((to - from)) | grep -v '^[0-9]*|bench|' || true)
    local statements backends connections begins
    statements=$(grep -cE '^[0-9]+\|[^|]*\|LOG:  (statement|execute [^:]*): ' <<<"$slice" || true)
    backends=$({ grep -E '^[0-9]+\|[^|]*\|LOG:  (statement|execute [^:]*): ' <<<"$slice" || true; } | cut -d'|' -f1 | sort -u | grep -c . || true)
    connections=$(grep -c 'LOG:  connection authorized' <<<"$slice" || true)
    begins=$(grep -ciE '\|LOG:  (statement|execute [^:]*): *(BEGIN|START TRANSACTION)' <<<"$slice" || true)
    echo "$statements $backends $connections $begins"
}

# Runs one command in its own tmux window and prints: name, CPU ms/min, bytes/min, RSS MiB, PSS MiB.
measure() {
    local name=$1; shift
    if [ -n "${IDLE_ONLY:-}" ] && ! [[ " $IDLE_ONLY " == *" $name "* ]]; then return 0; fi
    local pid; pid=$(bench_session "$name" 120 40 "$*")
    sleep $SETTLE
    bench_pipe "$name" "$WORK/$name.bytes"
    local before after log_from log_to
    before=$(( $(cpu_ns "$pid") + $(children_ns "$pid") ))
    local woke_before; woke_before=$(switches "$pid")
    log_from=$(stat -c %s "$PGLOG")
    if [ -n "${IDLE_THREADS:-}" ]; then threads_now "$pid" > "$WORK/$name.threads0"; fi
    if [ -n "${IDLE_PERF:-}" ]; then perf record -q -F 10000 -g -o "$IDLE_PERF/$name.perf" -p "$pid" -- sleep "$IDLE" 2>/dev/null; else sleep "$IDLE"; fi
    if [ -n "${IDLE_THREADS:-}" ]; then threads_now "$pid" > "$WORK/$name.threads1"; echo "$name, per thread:" >&2; threads_table "$WORK/$name.threads0" "$WORK/$name.threads1" >&2; fi
    after=$(( $(cpu_ns "$pid") + $(children_ns "$pid") ))
    local woke; woke=$(( $(switches "$pid") - woke_before ))
    local threads; threads=$(ls /proc/$pid/task | wc -l)
    log_to=$(stat -c %s "$PGLOG")
    bench_pipe "$name"
    # A transaction the program holds open between refreshes shows here, sampled at the end.
    local open; open=$(bench_sql "select count(*) from pg_stat_activity where backend_type = 'client backend'
        and application_name <> 'bench' and (state like 'idle in transaction%' or backend_xid is not null)")
    local bytes rss pss
    bytes=$(stat -c %s "$WORK/$name.bytes")
    rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
    pss=$(awk '/^Pss:/ {print $2}' /proc/$pid/smaps_rollup)
    tmux -L $SOCK capture-pane -p -t "$name" > "$WORK/$name.screen"
    if [ -n "${IDLE_SMAPS:-}" ]; then cp /proc/$pid/smaps "$IDLE_SMAPS/$name.smaps"; cp /proc/$pid/status "$IDLE_SMAPS/$name.status"; cp /proc/$pid/stat "$IDLE_SMAPS/$name.stat"; fi
    if [ -n "${IDLE_SHOW:-}" ]; then head -12 "$WORK/$name.screen" >&2; fi
    tmux -L $SOCK kill-session -t "$name"
    local statements backends connections begins refreshes
    read -r statements backends connections begins < <(server_cost "$log_from" "$log_to")
    refreshes=$(echo "$IDLE / 2" | bc -l)
    printf '| %-22s | %8.0f ms | %6.0f | %2d | %8.0f B | %6.1f MiB | %6.1f MiB | %5.2f | %5.2f | %d | %d, %d open |\n' "$name" \
        "$(echo "($after - $before) / 1000000 * 60 / $IDLE" | bc -l)" "$(echo "$woke * 60 / $IDLE" | bc -l)" "$threads" "$(echo "$bytes * 60 / $IDLE" | bc -l)" \
        "$(echo "$rss / 1024" | bc -l)" "$(echo "$pss / 1024" | bc -l)" \
        "$(echo "$statements / $refreshes" | bc -l)" "$(echo "$connections / $refreshes" | bc -l)" "$backends" "$begins" "$open"
}

echo "idle protocol: tmux 120x40, source polled every 2 s, ${SETTLE} s settle, ${IDLE} s without a key; per idle minute"
echo "server columns: statements and new connections per refresh, backends that ran them, BEGINs and open transactions"
echo "switches: context switches per idle minute over all threads (each a wake-up); threads at the end"
echo "| program                | CPU         | switches | threads | terminal    | VmRSS      | PSS        | stmts | conns | backends | transactions |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
# A session of its own keeps the tmux server up between the measured ones.
tmux -L $SOCK new-session -d -s keep -x 20 -y 5 "sleep 100000"
tmux -L $SOCK set-option -g remain-on-exit on  # a program that dies leaves its last screen to read
measure eltop "$ELTOP" | tee -a "$WORK/rows"
# The flight recorder's cost: the same run recording every event (docs/recorder.md).
measure eltop-record "$ELTOP --record $WORK/idle.jsonl" | tee -a "$WORK/rows"
if [ -f "$WORK/idle.jsonl" ]; then echo "(recording: $(stat -c %s "$WORK/idle.jsonl") bytes over the ${SETTLE} + ${IDLE} s)"; fi
if [ -x "$PG_ACTIVITY" ]; then
    measure pg_activity "$PG_ACTIVITY --refresh 2 -h $WORK/sock -p $PORT -U postgres -d postgres" | tee -a "$WORK/rows"
else
    echo "(pg_activity not installed: run 'make bench', which creates .venv-bench)"
fi
measure watch-psql "watch -n 2 $PGBIN/psql -h $WORK/sock -p $PORT -U postgres -d postgres -f $WORK/slots.sql" | tee -a "$WORK/rows"
bench/idle-ratios.sh "$WORK/rows"
