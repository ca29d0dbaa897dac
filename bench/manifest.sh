#!/usr/bin/env bash
# The dbt manifest load, eltop beside its peer in the same run: the whole `eltop snapshot --json` process
# on the synthetic 5,000-model manifest (~100 MB, 18,833 nodes) against
# `python3 -c 'import json; json.load(open(F))'` on the same file. Wall time and peak memory (VmHWM, from
# /usr/bin/time -v "Maximum resident set size"; wall from the shell's clock, as time's is in centiseconds), the median of RUNS runs each, after one warm-up run
# so the file is in the page cache for both.
#
# Usage: bench/manifest.sh [path/to/eltop] [path/to/eltop-bench] [runs]   (default: the release build, 5)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ELTOP=$(bench_eltop "${1:-}")
BENCH=$(bench_binary "${2:-.build/release/eltop-bench}")
RUNS=${3:-5}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/project/target" "$WORK/home"
echo "name: big_project" > "$WORK/project/dbt_project.yml"
"$BENCH" write-manifest "$WORK/project/target/manifest.json"
F="$WORK/project/target/manifest.json"
ENVV=(env -i PATH=/usr/bin:/bin HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_STATE_HOME="$WORK/home/.state" ELTOP_DBT_PROJECT_DIR="$WORK/project")

# measure NAME CMD...: prints "wall_seconds max_rss_kib" of the median run (by wall time).
measure() {
    local out="$WORK/time.$1"; shift
    "$@" > /dev/null 2>&1 || true   # warm-up: page cache, dynamic loader
    : > "$out.all"
    for _ in $(seq "$RUNS"); do
        local start=$(date +%s%N)
        /usr/bin/time -v -o "$out" "$@" > "$WORK/stdout" 2>/dev/null || { echo "failed: $*" >&2; cat "$out" >&2; exit 1; }
        local wall=$(( $(date +%s%N) - start ))
        awk -F': ' -v w="$wall" '/Maximum resident set size/ { r = $2 } END { print w / 1e9, r }' "$out" >> "$out.all"
    done
    sort -n "$out.all" | awk -v m=$(( (RUNS + 1) / 2 )) 'NR == m'
}

read -r e_wall e_rss < <(measure eltop "${ENVV[@]}" "$ELTOP" snapshot --json)
# The snapshot must really have read the manifest: every node in the JSON.
nodes=$(grep -c '"unique_id"' "$WORK/stdout" || true)
[ "$nodes" -eq 18833 ] || { echo "eltop snapshot --json listed $nodes nodes, not 18833" >&2; exit 1; }
read -r p_wall p_rss < <(measure python python3 -c "import json; json.load(open('$F'))")

size=$(stat -c %s "$F")
printf 'dbt manifest: %.1f MB, 18833 nodes, median of %d runs\n' "$(echo "$size / 1000000" | bc -l)" "$RUNS"
printf '  %-34s %8.3f s %8.1f MiB\n' "eltop snapshot --json (whole run)" "$e_wall" "$(echo "$e_rss / 1024" | bc -l)"
printf '  %-34s %8.3f s %8.1f MiB\n' "python3 json.load" "$p_wall" "$(echo "$p_rss / 1024" | bc -l)"
printf '  %-34s %8.2fx    %8.2fx   (below 1: eltop is faster / smaller)\n' "eltop / python" \
    "$(echo "$e_wall / $p_wall" | bc -l)" "$(echo "$e_rss / $p_rss" | bc -l)"
printf '  %-34s %8.3f s %8.1f MiB\n' "target" 0.15 150
bench/summary.sh add "dbt manifest load: wall (snapshot --json)" s "$e_wall" "python3 json.load" "$p_wall" "<=0.15"
bench/summary.sh add "dbt manifest load: VmHWM" MiB "$(echo "$e_rss / 1024" | bc -l)" "python3 json.load" "$(echo "$p_rss / 1024" | bc -l)" "<=150"
