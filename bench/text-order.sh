#!/usr/bin/env bash
# Writes bench/eltop.order, the order the release link lays out eltop's functions in (lld's
# --symbol-ordering-file, the Makefile's RELEASE_FLAGS): first every function the dashboard runs while it
# watches a big pipeline, hottest first, then the functions only its start ran, then (lld's default) the
# rest. Why: the kernel maps a file's pages 64 kB around each one touched, so a minute of the dashboard
# scattered over the 22 MiB text segment kept ~11 MiB of it resident for ~1.2 MiB of code it runs;
# laid out together, that code fills a few dozen such windows (docs/benchmarks.md, "code laid out by use").
#
# How: bench/scale.sh's pipeline (50 slots, 100 Airbyte connections, 1,000 tables, 5,000 dbt models) with
# the dashboard under valgrind's callgrind, which records every function that runs. One dump DELAY seconds
# in (the start, the first polls and the manifest load), the final dump at exit (the minute after).
# A function renamed since the file was written is simply not placed (lld ignores names it lacks); rerun
# this after changes to the dashboard's loop. Needs valgrind (Debian's `valgrind`).
#
# Usage: bench/text-order.sh [path/to/eltop] [path/to/eltop-bench]   (default: the release build)
#        DELAY=75 (seconds before the start's dump), WAIT=90 (bench/scale.sh's minute, stretched)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ELTOP=$(bench_eltop "${1:-}")
BENCH=$(bench_binary "${2:-.build/release/eltop-bench}")
command -v valgrind >/dev/null || { echo "bench/text-order.sh needs valgrind: apt-get install valgrind" >&2; exit 1; }
OUT=$(mktemp -d /tmp/eltop-order.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
# valgrind cannot read the release binary's DWARF; a copy without it has the same code and symbols.
objcopy --strip-debug "$ELTOP" "$OUT/eltop"
cat > "$OUT/wrapper" <<WRAPPER
#!/usr/bin/env bash
[ "\$1" = snapshot ] && exec "$ELTOP" "\$@"
( sleep ${DELAY:-75}; callgrind_control -d \$\$ ) > /dev/null 2>&1 < /dev/null &
exec valgrind --tool=callgrind --demangle=no --callgrind-out-file="$OUT/callgrind.out" --log-file="$OUT/valgrind.log" "$OUT/eltop" "\$@"
WRAPPER
chmod +x "$OUT/wrapper"
bench/scale.sh "$OUT/wrapper" "$BENCH" "${WAIT:-90}" > "$OUT/scale.log" 2>&1 || true
[ -s "$OUT/callgrind.out.1" ] && [ -s "$OUT/callgrind.out" ] ||
    { echo "callgrind wrote no dumps:" >&2; cat "$OUT/scale.log" "$OUT/valgrind.log" >&2; exit 1; }
python3 bench/callgrind-order.py "$OUT/callgrind.out" "$OUT/callgrind.out.1" eltop > bench/eltop.order
echo "bench/eltop.order: $(wc -l < bench/eltop.order) functions"
