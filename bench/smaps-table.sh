#!/usr/bin/env bash
# What holds a process's RSS, per mapping group, from a saved /proc/PID/smaps (`IDLE_SMAPS=DIR
# bench/idle.sh` keeps one per program): the executable's mappings one by one (by permissions), then
# anonymous memory, then the shared libraries summed. Rss, Pss and Anonymous in MiB.
# Usage: bench/smaps-table.sh SMAPS EXECUTABLE-PATH
set -euo pipefail
awk -v exe="$2" '
function flush() { if (key != "") { rss[key] += r; pss[key] += p; anon[key] += a; if (!(key in seen)) { seen[key] = 1; order[n++] = key } } }
/^[0-9a-f]+-[0-9a-f]+ / {
    flush(); r = p = a = 0
    path = $6; for (i = 7; i <= NF; i++) path = path " " $i
    if (path == exe) key = "eltop " $2 " #" (++segment)
    else if (path == "" || path ~ /^\[/) key = "anonymous (heap, arenas, stacks)"
    else { m = path; sub(/.*\//, "", m); key = "library " m }
    next
}
/^Size:/ { if (key ~ /^eltop/) size[key] += $2 } /^Rss:/ { r = $2 } /^Pss:/ { p = $2 } /^Anonymous:/ { a = $2 }
END {
    flush()
    print "| mapping | Rss | Pss | anonymous |"; print "|---|---|---|---|"
    for (i = 0; i < n; i++) { k = order[i]; if (k ~ /^library/) { lr += rss[k]; lp += pss[k]; la += anon[k]; continue }
        name = k; if (k in size) name = sprintf("%s (%.1f MiB mapped)", k, size[k] / 1024)
        printf "| %s | %.1f MiB | %.1f MiB | %.1f MiB |\n", name, rss[k] / 1024, pss[k] / 1024, anon[k] / 1024; tr += rss[k]; tp += pss[k] }
    printf "| shared libraries (all) | %.1f MiB | %.1f MiB | %.1f MiB |\n", lr / 1024, lp / 1024, la / 1024
    printf "| total | %.1f MiB | %.1f MiB | |\n", (tr + lr) / 1024, (tp + lp) / 1024
}' "$1"
