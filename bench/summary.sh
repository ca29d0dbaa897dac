#!/usr/bin/env bash
# The summary table `make bench` prints last: each bench step appends its figures, eltop beside its peer
# from the same run, to one file ($BENCH_SUMMARY), and `print` turns them into a Markdown table with the
# ratio and whether the target is met. A row is six tab-separated fields:
#   figure, unit, eltop value, peer (name), peer value ("-": none), target ("-": none)
# A target is `<=N`, `>=N`, or relative to the peer: `<=peer+N`, `>=peer*N`. The ratio is eltop / peer.
#
# Usage: bench/summary.sh add FIGURE UNIT ELTOP PEER PEER_VALUE TARGET   (nothing when BENCH_SUMMARY is unset)
#        bench/summary.sh print [FILE]
set -euo pipefail
case "${1:-}" in
add)
    [ -n "${BENCH_SUMMARY:-}" ] || exit 0
    [ $# -eq 7 ] || { echo "usage: $0 add FIGURE UNIT ELTOP PEER PEER_VALUE TARGET" >&2; exit 2; }
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$2" "$3" "$4" "$5" "$6" "$7" >> "$BENCH_SUMMARY"
    ;;
print)
    FILE=${2:-${BENCH_SUMMARY:-}}
    [ -s "$FILE" ] || { echo "no figures in '${FILE}'" >&2; exit 1; }
    echo "| figure | eltop | peer | eltop / peer | target | met? |"
    echo "|---|---|---|---|---|---|"
    awk -F'\t' '
        function num(v) { return v ~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/ }
        function fmt(v) { return num(v) ? (v + 0 >= 100 ? sprintf("%.0f", v) : v + 0 >= 10 ? sprintf("%.1f", v) : sprintf("%.3g", v)) : v }
        {
            figure = $1; unit = $2; e = $3; peer = $4; p = $5; target = $6
            peertext = (p == "-" || p == "") ? peer : peer ": " fmt(p) " " unit
            ratio = (num(e) && num(p) && p + 0 != 0) ? sprintf("%.3gx", e / p) : "-"
            met = "-"; shown = "-"
            if (target != "-" && target != "" && num(e)) {
                op = substr(target, 1, 2); rhs = substr(target, 3)
                if (rhs ~ /^peer[+*]/) {
                    n = substr(rhs, 6) + 0
                    if (!num(p)) { rhs = "" } else if (substr(rhs, 5, 1) == "+") { limit = p + n } else { limit = p * n }
                    shown = op " " peer (substr(rhs, 5, 1) == "+" ? " + " n : " x " n) " " unit
                } else { limit = rhs + 0; shown = op " " fmt(rhs) " " unit }
                if (rhs != "") met = (op == "<=" ? (e + 0 <= limit) : (e + 0 >= limit)) ? "yes" : "**no**"
            }
            sub(/^<=/, "≤", shown); sub(/^>=/, "≥", shown)
            printf "| %s | %s %s | %s | %s | %s | %s |\n", figure, fmt(e), unit, peertext, ratio, shown, met
        }' "$FILE"
    ;;
*) echo "usage: $0 add ... | print [FILE]" >&2; exit 2 ;;
esac
