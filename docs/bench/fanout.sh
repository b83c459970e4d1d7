#!/bin/bash
# Fan-out benchmark: wall time of whole `lvmpersist` processes for start, takeover (start --removekey)
# and remove on a simulated VG of 1 PV and of N PVs (default 64), every PV with an injected latency
# per PR command (default 5 ms). Prints the median and p90 per command and VG size, and the ratio
# N-PV median / 1-PV median. Both sizes are measured in the same run, interleaved.
#
#   docs/bench/fanout.sh [-n PVS] [-l LATENCY_MS] [-r REPEATS] [-b LAUNCHER]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
pvs=64 latency=5 repeats=11
launcher="$here/../../cli/target/dist/bin/lvmpersist"
while getopts n:l:r:b: opt; do
    case $opt in
        n) pvs=$OPTARG ;; l) latency=$OPTARG ;; r) repeats=$OPTARG ;; b) launcher=$OPTARG ;;
        *) echo "usage: $0 [-n PVS] [-l LATENCY_MS] [-r REPEATS] [-b LAUNCHER]" >&2; exit 2 ;;
    esac
done
work=$(mktemp -d /tmp/lvmpersist-fanout.XXXXXX)
trap 'rm -rf "$work"' EXIT
unset LVMPERSIST_SIM LVMPERSIST_SIM_HOST

# One process; its summary lines (stderr) are shown only when it fails.
lp() { "$launcher" "$@" 2>"$work/stderr" || { cat "$work/stderr" >&2; return 1; }; }

# A template SAN per size: the VG and the latency fault on every PV. Each measured run starts from a
# fresh copy of it, so every repetition does the same work.
make_template() { # size
    local dir="$work/template-$1"
    mkdir -p "$dir"
    lp sim create-vg vg0 --pvs "$1" --sim "$dir/san" >/dev/null
    seq 1 "$1" | xargs -P 2 -I{} "$launcher" sim fault --sim "$dir/san" --device /dev/sim/vg0/pv{} \
        --latency-ms "$latency" >/dev/null
}

fresh() { # size -> prints the state file of a fresh copy of the template
    rm -rf "$work/run"
    cp -a "$work/template-$1" "$work/run"
    echo "$work/run/san"
}

now() { date +%s%N; }

# timed STATE HOST ARGS...: runs one whole process and prints its wall time in ms; it must succeed.
timed() {
    local state=$1 host=$2; shift 2
    local t0 t1
    t0=$(now)
    lp "$@" --sim "$state" --sim-host "$host" >/dev/null
    t1=$(now)
    echo $(( (t1 - t0) / 1000000 ))
}

run_once() { # size -> "start takeover remove" times in ms
    local s t1 t2 t3
    s=$(fresh "$1")
    t1=$(timed "$s" a start --ourkey 0xa --vg vg0)
    t2=$(timed "$s" b start --ourkey 0xb --removekey 0xa --vg vg0)
    s=$(fresh "$1")
    lp start --ourkey 0xa --access sh --vg vg0 --sim "$s" --sim-host a >/dev/null
    lp start --ourkey 0xb --access sh --vg vg0 --sim "$s" --sim-host b >/dev/null
    t3=$(timed "$s" b remove --ourkey 0xb --removekey 0xa --vg vg0)
    echo "$t1 $t2 $t3"
}

stats() { # numbers on stdin -> "median p90"
    sort -n | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        p = int(0.9 * NR + 0.999); if (p < 1) p = 1
        printf "%d %d\n", m, v[p] }'
}

make_template 1
make_template "$pvs"
lp start --ourkey 0xa --vg vg0 --sim "$(fresh 1)" --sim-host a >/dev/null   # warm the page cache
for size in 1 "$pvs"; do : >"$work/times-$size"; done
for ((i = 0; i < repeats; i++)); do
    for size in 1 "$pvs"; do
        run_once "$size" >>"$work/times-$size"
    done
done

echo "# $(date -u +%FT%TZ) $(nproc) cores; $pvs PVs vs 1 PV, ${latency} ms latency per PR command, $repeats runs each"
printf '%-9s %12s %12s %12s %12s %7s\n' command "1PV median" "1PV p90" "${pvs}PV median" "${pvs}PV p90" ratio
col=1
for cmd in start takeover remove; do
    read -r m1 p1 < <(cut -d' ' -f$col "$work/times-1" | stats)
    read -r mn pn < <(cut -d' ' -f$col "$work/times-$pvs" | stats)
    printf '%-9s %10d ms %10d ms %10d ms %10d ms %7.2f\n' "$cmd" "$m1" "$p1" "$mn" "$pn" "$(echo "$mn / $m1" | bc -l)"
    col=$((col + 1))
done
