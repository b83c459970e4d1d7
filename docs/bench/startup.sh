#!/bin/bash
# Start-up benchmark: runs one whole `lvmpersist` process N times (default: `read --device` on a
# simulated device) and prints the median and p90 wall time, the median CPU time (user + system, less
# sensitive to other load on the machine) and the largest peak RSS (/usr/bin/time -v).
#
#   docs/bench/startup.sh [-r RUNS] [-b LAUNCHER] [-- LVMPERSIST-ARGS...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runs=21
launcher="$here/../../cli/target/dist/bin/lvmpersist"
while getopts r:b: opt; do
    case $opt in
        r) runs=$OPTARG ;; b) launcher=$OPTARG ;;
        *) echo "usage: $0 [-r RUNS] [-b LAUNCHER] [-- ARGS...]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
work=$(mktemp -d /tmp/lvmpersist-startup.XXXXXX)
trap 'rm -rf "$work"' EXIT
unset LVMPERSIST_SIM LVMPERSIST_SIM_HOST
if [ $# -eq 0 ]; then
    "$launcher" sim create-vg vg0 --pvs 1 --sim "$work/san" >/dev/null
    set -- read --device /dev/sim/vg0/pv1 --sim "$work/san" --sim-host a
fi
"$launcher" "$@" >/dev/null   # warm the page cache; also shows that the command works
for ((i = 0; i < runs; i++)); do
    t0=$(date +%s%N)
    /usr/bin/time -v -o "$work/time" "$launcher" "$@" >/dev/null
    t1=$(date +%s%N)
    cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%d", s * 10000 }' "$work/time")
    echo "$(( (t1 - t0) / 100000 )) $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time") $cpu" \
        >>"$work/runs"
done
echo "# $(date -u +%FT%TZ) $(nproc) cores, $runs runs: lvmpersist $*"
cpu=$(cut -d' ' -f3 "$work/runs" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
sort -n "$work/runs" | awk -v cpu="$cpu" '{ t[NR] = $1; if ($2 > rss) rss = $2 } END {
    m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    p = int(0.9 * NR + 0.999)
    printf "wall median %.1f ms, p90 %.1f ms, min %.1f ms; CPU median %.1f ms; peak RSS max %.1f MB\n",
        m / 10, t[p] / 10, t[1] / 10, cpu / 10, rss / 1024 }'
