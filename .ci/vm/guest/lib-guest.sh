# shellcheck shell=bash disable=SC2154
# Helpers for guest test scripts (sourced). Needs the device map written by setup-targets.sh.
# shellcheck source=/dev/null
source /run/lvmpersist-vm/devices.env

CHECKS_PASSED=0
CHECKS_FAILED=0
FAILED_NAMES=()
# notes about target behaviour, collected from subshells too
OBSERVATIONS_FILE=/run/lvmpersist-vm/observations.$$
export OBSERVATIONS_FILE
: > "$OBSERVATIONS_FILE"
# every checked command runs with this bound, so that a hanging target fails one check only
STEP_TIMEOUT=${STEP_TIMEOUT:-60}

pass() { CHECKS_PASSED=$((CHECKS_PASSED + 1)); echo "PASS: $1"; }
fail() { CHECKS_FAILED=$((CHECKS_FAILED + 1)); FAILED_NAMES+=("$1"); echo "FAIL: $1${2:+ -- $2}"; }
note() { echo "$1" >> "$OBSERVATIONS_FILE"; echo "NOTE: $1"; }

# bounded CMD...: runs CMD (a program or one of the exported functions below) with a timeout.
bounded() { timeout -k 5 "$STEP_TIMEOUT" bash -c '"$@"' bounded "$@"; }
step() { echo; echo "---- $* [$(cut -d' ' -f1 /proc/uptime)s]"; }

# check NAME CMD...: passes when CMD exits 0; CMD's output is shown indented.
check() {
    local name=$1; shift
    local out rc
    out=$(bounded "$@" 2>&1); rc=$?
    [[ -n $out ]] && sed 's/^/    /' <<<"$out"
    if [[ $rc == 0 ]]; then pass "$name"; else fail "$name" "exit status $rc: $*"; fi
}

# expect_rc NAME WANTED_RC CMD...: passes when CMD exits with exactly WANTED_RC.
expect_rc() {
    local name=$1 want=$2; shift 2
    local out rc
    out=$(bounded "$@" 2>&1); rc=$?
    [[ -n $out ]] && sed 's/^/    /' <<<"$out"
    if [[ $rc == "$want" ]]; then pass "$name"; else fail "$name" "exit status $rc, wanted $want: $*"; fi
}

# expect_fail NAME CMD...: passes when CMD exits non-zero.
expect_fail() {
    local name=$1; shift
    local out rc
    out=$(bounded "$@" 2>&1); rc=$?
    [[ -n $out ]] && sed 's/^/    /' <<<"$out"
    if [[ $rc != 0 ]]; then pass "$name"; else fail "$name" "succeeded, but should have failed: $*"; fi
}

# check_eq NAME EXPECTED ACTUAL
check_eq() {
    if [[ "$2" == "$3" ]]; then pass "$1"; else fail "$1" "expected '$2', got '$3'"; fi
}

# check_match NAME REGEX TEXT
check_match() {
    if grep -Eq -- "$2" <<<"$3"; then pass "$1"; else fail "$1" "'$3' does not match /$2/"; fi
}

# ------------------------------------------------------------------ independent tools -------
# tool CMD...: a read-only query with a short bound of its own
tool() { timeout -k 5 30 "$@"; }
# SCSI PR OUT through sg_persist with a bounded retry on NOT READY (2) and UNIT ATTENTION (6)
# (a UA is pending after a preemption or a LUN reset). Only for idempotent service actions
# (register-ignore, reserve); returns sg_persist's status.
sg_out() {
    local dev=$1; shift
    local rc _
    for _ in 1 2 3 4 5; do
        sg_persist --no-inquiry --out "$@" "$dev" >/dev/null 2>&1; rc=$?
        [[ $rc == 2 || $rc == 6 ]] || return $rc
        note "sg_persist --out $1: status $rc ($([[ $rc == 2 ]] && echo 'NOT READY' || echo 'UNIT ATTENTION')), retried"
        sleep 0.2
    done
    return $rc
}

# sg_in DEV ARGS...: PR IN through sg_persist, printing its output; retried (bounded) on UNIT
# ATTENTION (6) and NOT READY (2): after a preemption the preempted nexus gets a UA
# "registrations preempted" on its next command, as SPC requires.
sg_in() {
    local dev=$1; shift
    local out rc _
    for _ in 1 2 3; do
        out=$(tool sg_persist --no-inquiry --in "$@" "$dev" 2>/dev/null); rc=$?
        [[ $rc == 2 || $rc == 6 ]] || break
        note "sg_persist --in $1: status $rc ($([[ $rc == 2 ]] && echo 'NOT READY' || echo 'UNIT ATTENTION')), retried"
    done
    printf '%s\n' "$out"
    return $rc
}
# Registered keys of a SCSI device as sorted "0x.." words (sg_persist --in -k).
sg_keys() { sg_in "$1" --read-keys | awk '$1 ~ /^0x/ {print $1}' | sort -u | xargs; }
# PR generation (hex as sg_persist prints it, e.g. 0x3).
sg_generation() { sg_in "$1" --read-keys | sed -n 's/.*PR generation=\(0x[0-9a-f]*\).*/\1/p'; }
# "KEY TYPE" of the reservation or "none" (sg_persist --in -r).
sg_reservation() {
    local out key type
    out=$(sg_in "$1" --read-reservation) || { echo error; return; }
    if grep -q 'NO reservation' <<<"$out"; then echo none; return; fi
    key=$(awk '/Key=/ {sub(/.*Key=/, ""); print $1; exit}' <<<"$out")
    type=$(sed -n 's/.*type: *\(.*\)$/\1/p' <<<"$out" | head -n 1)
    echo "$key $type"
}

# NVMe reservation report (EDS) as JSON.
nvme_report() { tool nvme resv-report --eds -o json "$1" 2>/dev/null; }
# registered keys as sorted "0x.." words
nvme_keys() {
    nvme_report "$1" | jq -r '.regctlext[]?.rkey' | while read -r k; do printf '0x%x\n' "$k"; done | sort -u | xargs
}
# "rtype holderkey" with rtype as the NVMe code (0 = none) and the holder's key (rcsts bit 0)
nvme_reservation() {
    local json
    json=$(nvme_report "$1") || { echo error; return; }
    jq -r '"\(.rtype) \((.regctlext // []) | map(select((.rcsts % 2) == 1)) | if length == 0 then "none" else (.[0].rkey | tostring) end)"' <<<"$json" \
        | awk '{ if ($2 == "none") print $1, "none"; else printf "%s 0x%x\n", $1, $2 }'
}
nvme_generation() { nvme_report "$1" | jq -r '.gen'; }

# O_DIRECT I/O of one 4 KiB block at offset 1 MiB (away from any LVM label)
direct_write() { dd if=/dev/zero of="$1" bs=4096 seek=256 count=1 oflag=direct conv=notrunc status=none; }
direct_read() { dd if="$1" of=/dev/null bs=4096 skip=256 count=1 iflag=direct status=none; }

# LIO configfs PR attribute of a backstore (e.g. res_pr_type)
lio_pr() { cat "$1/pr/$2"; }

export -f tool note sg_out sg_in sg_keys sg_generation sg_reservation nvme_report nvme_keys nvme_reservation \
    nvme_generation direct_write direct_read lio_pr

summary() {
    local title=$1
    echo
    if [[ -s $OBSERVATIONS_FILE ]]; then
        echo "Observed target behaviour (count, note):"
        sort "$OBSERVATIONS_FILE" | uniq -c | sed 's/^ */  /'
    fi
    if [[ $CHECKS_FAILED -gt 0 ]]; then
        echo "Failed checks:"; printf '  - %s\n' "${FAILED_NAMES[@]}"
    fi
    echo "$title: $CHECKS_PASSED passed, $CHECKS_FAILED failed"
    [[ $CHECKS_FAILED == 0 ]]
}
