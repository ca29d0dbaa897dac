#!/usr/bin/env bash
# The scale figure: the real eltop binary watching a big pipeline, its resident memory once everything is
# loaded and 60 s have passed. The pipeline, all on this machine:
#   source    a real PostgreSQL with 50 logical slots (pgoutput), polled every 2 s
#   warehouse the same cluster's database `warehouse`: 1,000 tables (500 in raw, each with
#             _airbyte_extracted_at and 20 rows, and their 500 stg_ tables in staging), polled every 30 s
#   airbyte   the test suite's fake Airbyte (`eltop-bench serve-airbyte 100`: public and config API over
#             loopback HTTP) with 100 connections, each with 3 finished syncs, every 4th with one running
#   dbt       the synthetic 5,000-model manifest (~100 MB, 18,833 nodes) of bench/manifest.sh
# eltop runs in tmux at 200x60 with the config file pointing at all four. "Loaded" is when
# `eltop snapshot --json` on the same config lists 50 slots, 100 connections, 1,000 tables and 18,833
# nodes (checked once first, so the figure is known to be of the full pipeline) and the dashboard shows
# all four panes' data; then 60 s without a key, then VmRSS, PSS, anonymous RSS, VmHWM, threads and the
# CPU of the minute (schedstat).
#
# Usage: bench/scale.sh [path/to/eltop] [path/to/eltop-bench] [seconds]   (default: the release build, 60)
# SCALE_SMAPS=DIR keeps the dashboard's /proc/PID/smaps and status at the end (what holds the RSS);
# SCALE_ENV="NAME=VALUE ..." adds variables to the dashboard's environment (e.g. glibc's MALLOC_ARENA_MAX).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ELTOP=$(bench_eltop "${1:-}")
BENCH=$(bench_binary "${2:-.build/release/eltop-bench}")
WAIT=${3:-60}
SLOTS=50 CONNECTIONS=100 RAW_TABLES=500
bench_work eltop-scale
# bench_postgres's cluster has a slot of its own, and this one must have exactly SLOTS: started here.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PORT=$((20000 + RANDOM % 20000))
AS_PG=(); [ "$(id -u)" = 0 ] && AS_PG=(runuser -u postgres --)
AIRBYTE_PID=
cleanup() {
    [ -n "$AIRBYTE_PID" ] && kill "$AIRBYTE_PID" 2>/dev/null
    bench_cleanup
}
trap cleanup EXIT

mkdir -p "$WORK/pg" "$WORK/sock" "$WORK/home" "$WORK/project/target"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/pg" "$WORK/sock"
"${AS_PG[@]}" "$PGBIN/initdb" -D "$WORK/pg" -U postgres -A trust >/dev/null
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w \
    -o "-p $PORT -k $WORK/sock -c listen_addresses='' -c wal_level=logical -c max_replication_slots=$((SLOTS + 4)) -c max_locks_per_transaction=256" start >/dev/null
sql() { "$PGBIN/psql" -h "$WORK/sock" -p $PORT -U postgres -d "$1" -qAtX -v ON_ERROR_STOP=1 -c "$2"; }
# One statement each: a slot is created outside any transaction that has written.
for i in $(seq -w 1 $SLOTS); do echo "select pg_create_logical_replication_slot('slot_$i', 'pgoutput');"; done |
    "$PGBIN/psql" -h "$WORK/sock" -p $PORT -U postgres -d postgres -qAtX -v ON_ERROR_STOP=1 >/dev/null
sql postgres "create database warehouse" >/dev/null
sql warehouse "create schema raw; create schema staging;
do \$\$ begin for i in 1..$RAW_TABLES loop
  execute format('create table raw.table_%s (id int primary key, name text, amount numeric, _airbyte_raw_id text, _airbyte_extracted_at timestamptz, _airbyte_meta jsonb)', i);
  execute format('insert into raw.table_%s select g, md5(g::text), g * 1.5, md5(g::text), now() - g * interval ''1 minute'', ''{}'' from generate_series(1, 20) g', i);
  execute format('create table staging.stg_table_%s as select id, name, amount from raw.table_%s', i, i);
end loop; end \$\$; analyze;" >/dev/null

"$BENCH" write-manifest "$WORK/project/target/manifest.json"
echo "name: big_project" > "$WORK/project/dbt_project.yml"

"$BENCH" serve-airbyte $CONNECTIONS > "$WORK/airbyte.url" 2> "$WORK/airbyte.err" &
AIRBYTE_PID=$!
for _ in $(seq 300); do [ -s "$WORK/airbyte.url" ] && break; sleep 0.1; done
AIRBYTE_URL=$(head -1 "$WORK/airbyte.url")
[ -n "$AIRBYTE_URL" ] || { echo "the fake Airbyte did not start: $(cat "$WORK/airbyte.err")" >&2; exit 1; }

cat > "$WORK/eltop.yaml" <<YAML
source: { url: "host=$WORK/sock port=$PORT dbname=postgres user=postgres", poll_interval: 2 }
airbyte: { server: "$AIRBYTE_URL" }
warehouse: { kind: postgres, url: "host=$WORK/sock port=$PORT dbname=warehouse user=postgres" }
dbt: { project_dir: "$WORK/project" }
YAML

# The pipeline as eltop sees it: every feed at full size, or the figure would be of something smaller.
$ENVV "$ELTOP" snapshot --json --config "$WORK/eltop.yaml" > "$WORK/snapshot.json"
read -r slots connections tables nodes < <(python3 - "$WORK/snapshot.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def count(*path):
    v = d
    for k in path:
        v = v.get(k) if isinstance(v, dict) else None
        if v is None: return 0
    return len(v)
print(count("source", "slots"), count("airbyte", "connections"), count("warehouse", "tables"), count("dbt", "nodes"))
PY
)
echo "snapshot --json on the bench pipeline: $slots slots, $connections connections, $tables tables, $nodes dbt nodes"
if [ "$slots" != $SLOTS ] || [ "$connections" != $CONNECTIONS ] || [ "$tables" != $((RAW_TABLES * 2)) ] || [ "$nodes" != 18833 ]; then
    echo "the pipeline is not at full size: keys of the snapshot are $(python3 -c "import json,sys; print(list(json.load(open(sys.argv[1]))))" "$WORK/snapshot.json")" >&2
    exit 1
fi

tmux -L $SOCK new-session -d -s scale -x 200 -y 60 "$ENVV ${SCALE_ENV:-} $ELTOP --config $WORK/eltop.yaml"
pid=$(tmux -L $SOCK list-panes -t scale -F '#{pane_pid}')
bench_account "$pid"
start=$(date +%s%N)
loaded() {
    local screen; screen=$(tmux -L $SOCK capture-pane -p -t scale)
    grep -q slot_01 <<<"$screen" && grep -q postgres_to_warehouse_ <<<"$screen" && grep -q table_ <<<"$screen" && grep -q model_ <<<"$screen"
}
until loaded; do
    if [ $(( ($(date +%s%N) - start) / 1000000000 )) -gt 180 ]; then
        echo "the dashboard did not show all four feeds within 180 s:" >&2; tmux -L $SOCK capture-pane -p -t scale >&2; exit 1
    fi
    sleep 0.2
done
load_ms=$(( ($(date +%s%N) - start) / 1000000 ))
before=$(cpu_ns "$pid")
sleep "$WAIT"
after=$(cpu_ns "$pid")
status() { awk -v k="$1:" '$1 == k { print $2 }' /proc/$pid/status; }
rss=$(status VmRSS) hwm=$(status VmHWM) anon=$(status RssAnon) threads=$(status Threads)
pss=$(awk '/^Pss:/ {print $2}' /proc/$pid/smaps_rollup)
if [ -n "${SCALE_SMAPS:-}" ]; then cp /proc/$pid/smaps "$SCALE_SMAPS/scale.smaps"; cp /proc/$pid/status "$SCALE_SMAPS/scale.status"; fi
tmux -L $SOCK capture-pane -p -t scale > "$WORK/screen"
if [ -n "${SCALE_SHOW:-}" ]; then cat "$WORK/screen" >&2; fi

mib() { echo "$1 / 1024" | bc -l; }
printf 'scale: %d slots, %d Airbyte connections, %d warehouse tables, %d dbt nodes (5,000 models); tmux 200x60\n' "$slots" "$connections" "$tables" "$nodes"
printf '  all four feeds on screen after       %8d ms\n' "$load_ms"
printf '  VmRSS %d s later                      %8.1f MiB   (target <= 40 MiB)\n' "$WAIT" "$(mib "$rss")"
printf '  PSS / anonymous RSS                  %8.1f / %.1f MiB\n' "$(mib "$pss")" "$(mib "$anon")"
printf '  VmHWM (peak, the manifest load)      %8.1f MiB\n' "$(mib "$hwm")"
printf '  CPU over those %d s                   %8.0f ms   (%d threads)\n' "$WAIT" "$(echo "($after - $before) / 1000000" | bc -l)" "$threads"
bench/summary.sh add "scale: VmRSS, loaded + ${WAIT} s" MiB "$(mib "$rss")" - - "<=40"
bench/summary.sh add "scale: VmHWM" MiB "$(mib "$hwm")" - - "-"
