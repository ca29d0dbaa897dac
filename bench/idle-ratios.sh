#!/usr/bin/env bash
# The idle table's ratios: eltop's figures over each peer's from the same run (bench/idle.sh's rows),
# printed, and added to the summary `make bench` prints last (bench/summary.sh). Targets from the
# Runtime issue's idle protocol: CPU <= 30 ms and terminal <= 1,400 B per idle minute, VmRSS <= 20 MiB,
# one statement per refresh on one persistent connection (no new connection per refresh).
#
# Usage: bench/idle-ratios.sh ROWS   (the Markdown rows bench/idle.sh printed)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=$1
# value PROGRAM COLUMN: the number in that column of the program's row (2 = CPU, 3 = switches, 4 = threads,
# 5 = terminal, 6 = VmRSS, 7 = PSS, 8 = statements, 9 = connections per refresh), as bench/idle.sh prints them.
value() { awk -F'|' -v p="$1" -v c=$(( $2 + 1 )) '{ n = $2; gsub(/ /, "", n) } n == p { v = $c; gsub(/[^0-9.]/, "", v); print v }' "$ROWS"; }
figures=("2 CPU/idle-min ms <=30" "3 switches/idle-min n -" "5 terminal/idle-min B <=1400" "6 VmRSS MiB <=20" "7 PSS MiB -" "8 statements/refresh stmts <=1" "9 new-connections/refresh conns <=0")
echo "eltop / peer, same run:"
for peer in pg_activity watch-psql; do
    [ -n "$(value "$peer" 2)" ] || continue
    line="  vs $peer:"
    for f in "${figures[@]}"; do
        read -r column label unit target <<<"$f"
        e=$(value eltop "$column") p=$(value "$peer" "$column")
        ratio=$(awk -v e="$e" -v p="$p" 'BEGIN { if (p + 0 == 0) print "-"; else printf "%.3gx", e / p }')
        line+=" $label $ratio;"
        bench/summary.sh add "idle: $label" "$unit" "$e" "$peer" "$p" "$target"
    done
    echo "$line"
done
