#!/bin/bash
# shellcheck disable=SC2154  # LU_*, NS_*, LIO_*, ... come from devices.env (lib-guest.sh)
# Our built CLI (cli/target/dist/bin/lvmpersist) against the real kernel targets, run inside the
# VM as host A and host B (each through its own device nodes / LVM view). Every step is
# cross-checked with the independent tools (sg_persist, nvme resv-report) and LIO's configfs.
# Prints PASS/FAIL per check; exit status 1 on any failure, 77 when skipped (no launcher, tcm_loop).
set -u
source "$(dirname "$0")/lib-guest.sh"

CLI=${LVMPERSIST_CLI:-$LVMPERSIST_REPO/cli/target/dist/bin/lvmpersist}
if [[ ! -f $CLI ]]; then
    echo "cli-scenarios: SKIPPED: launcher $CLI not built (mvn package in cli/)"
    exit 77
fi
if [[ $SCSI_FABRIC == loop ]]; then
    # takeover and remove use PREEMPT AND ABORT, which deadlocks LIO behind tcm_loop
    echo "cli-scenarios: SKIPPED: the tcm_loop fabric deadlocks on PREEMPT AND ABORT (use the default iscsi)"
    exit 77
fi
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
CLI_TIMEOUT=${CLI_TIMEOUT:-90}

KA=0xa1      # host A's key
KB=0xb2      # host B's key
KZ=0xdead    # key the cleanup uses (independent tools only)

# Device sets: one SCSI LU and one NVMe namespace, as each host sees them.
S_A=$LU_lu1_A; S_B=$LU_lu1_B; N_A=$NS_ns1_A; N_B=$NS_ns1_B; LIO=$LIO_lu1
DEVS_A=(--device "$S_A" --device "$N_A")
DEVS_B=(--device "$S_B" --device "$N_B")

# ------------------------------------------------------------------------------ helpers -----
# Most commands run in one JVM (VmCommandServer, from cli's test classes): under TCG every JVM
# start costs 5-30 s, the command itself milliseconds. The server runs each command line through
# the same Cli class as the launcher's Main, with host X's LVM configuration through LVM_BINARY
# (the CLI takes LVM_BINARY from its environment map; LVM_SYSTEM_DIR reaches lvm through the
# wrapper). "LP_VIA=launcher lp_ok ..." runs one command through the real launcher (a JVM of its
# own, as a user runs it): two do, A's first start (step 1) and its start --vg (step 8, where
# lvm gets LVM_SYSTEM_DIR from the environment, not from the wrapper).
# LVMPERSIST_VM_CLI_SERVER=0 sends every command there.
CLASSES=$LVMPERSIST_REPO/cli/target/test-classes
LIB=$(dirname "$CLI")/../lib
LP_VIA=launcher
if [[ ${LVMPERSIST_VM_CLI_SERVER:-1} == 1 && -f $CLASSES/io/lvmpersist/cli/VmCommandServer.class ]]; then
    LP_VIA=server
else
    note "CLI commands run through the launcher only (no cli/target/test-classes or LVMPERSIST_VM_CLI_SERVER=0)"
fi
for host in A B; do
    dir_var=LVM_SYSTEM_DIR_$host
    printf '#!/bin/sh\nLVM_SYSTEM_DIR=%q exec %q "$@"\n' "${!dir_var}" "$(command -v lvm)" > "/run/lvmpersist-vm/lvm-$host"
    chmod +x "/run/lvmpersist-vm/lvm-$host"
done
LPS_PID=
lp_server_start() {
    coproc LPS { exec "$JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xmx256m \
        -Xlog:disable -Xlog:all=warning:stderr --enable-native-access=ALL-UNNAMED \
        -cp "$CLASSES:$LIB/*" io.lvmpersist.cli.VmCommandServer; }
    LPS_PID=$LPS_PID
}
# As timeout -k 5 stops a launcher run: SIGTERM, then SIGKILL after 5 s (on SIGTERM the CLI waits
# for a command in flight, up to 300 s; a hung one must not hold the scenarios that long).
lp_server_stop() {
    [[ -n $LPS_PID ]] || return 0
    local _
    kill "$LPS_PID" 2>/dev/null
    for _ in 1 2 3 4 5; do kill -0 "$LPS_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$LPS_PID" 2>/dev/null; wait "$LPS_PID" 2>/dev/null
    LPS_PID=
}
trap lp_server_stop EXIT
# lp_run_server HOST OUT ERR ARGS...: one request to the server (started on first use, restarted
# after a timeout or a crash); sets LP_RC.
lp_run_server() {
    local host=$1 out=$2 err=$3; shift 3
    local answer
    [[ -n $LPS_PID ]] && kill -0 "$LPS_PID" 2>/dev/null || lp_server_start
    { printf '%s\t%s\t%s\tLVM_BINARY=%s\t--' "$out" "$err" "$CLI_TIMEOUT" "/run/lvmpersist-vm/lvm-$host"
      printf '\t%s' "$@"; printf '\n'; } >&"${LPS[1]}"
    # the first answer includes the JVM start
    if read -r -t $((CLI_TIMEOUT + 60)) answer <&"${LPS[0]}" && [[ $answer == "exit "* ]]; then
        LP_RC=${answer#exit }
    else
        LP_RC=124
    fi
    [[ $LP_RC == 124 ]] && lp_server_stop
}
# lp HOST ARGS...: our CLI as host A or B (with that host's lvm.conf); sets LP_OUT, LP_ERR, LP_RC.
lp() {
    local host=$1; shift
    local dir_var=LVM_SYSTEM_DIR_$host out err
    local t0 t1
    out=$(mktemp); err=$(mktemp)
    echo "  \$ [host $host] lvmpersist $* (${LP_VIA})"
    t0=$(date +%s%N)
    if [[ $LP_VIA == server ]]; then
        lp_run_server "$host" "$out" "$err" "$@"
    else
        LVM_SYSTEM_DIR=${!dir_var} timeout -k 5 "$CLI_TIMEOUT" bash "$CLI" "$@" >"$out" 2>"$err"
        LP_RC=$?
    fi
    t1=$(date +%s%N)
    LP_OUT=$(cat "$out"); LP_ERR=$(cat "$err"); rm -f "$out" "$err"
    [[ -n $LP_OUT ]] && sed 's/^/    | /' <<<"$LP_OUT"
    [[ -n $LP_ERR ]] && sed 's/^/    ! /' <<<"$LP_ERR"
    echo "    -> exit $LP_RC ($(( (t1 - t0) / 1000000 )) ms)"
    [[ $LP_RC == 124 ]] && note "lvmpersist $1 timed out after ${CLI_TIMEOUT}s"
    return 0
}
lp_ok() {      # NAME HOST ARGS...: the command must succeed
    local name=$1; shift; lp "$@"
    if [[ $LP_RC == 0 ]]; then pass "$name"; else fail "$name" "exit status $LP_RC"; fi
}
lp_fails() {   # NAME HOST ARGS...: the command must fail (non-zero, and not by a timeout)
    local name=$1; shift; lp "$@"
    if [[ $LP_RC != 0 && $LP_RC != 124 ]]; then pass "$name"; else fail "$name" "exit status $LP_RC"; fi
}
out_has() {    # NAME REGEX: the last CLI output (stdout) matches
    check_match "$1" "$2" "$LP_OUT"
}
err_has() {    # NAME REGEX: the last CLI messages (stderr: summaries, negative answers, errors) match
    check_match "$1" "$2" "$LP_ERR"
}

# State of a SCSI LU + NVMe namespace pair, read with the independent tools.
#   expect_keys LABEL SCSI NVME "KEYS"   (sorted "0x.." words, "" = none)
expect_keys() {
    check_eq "$1: sg_persist keys" "$4" "$(sg_keys "$2")"
    check_eq "$1: nvme keys" "$4" "$(nvme_keys "$3")"
}
#   expect_we LABEL SCSI NVME HOLDER  (Write Exclusive held by HOLDER)
expect_we() {
    check_eq "$1: sg_persist reservation WE by $4" "$4 Write Exclusive" "$(sg_reservation "$2")"
    check_eq "$1: nvme reservation WE (1) by $4" "1 $4" "$(nvme_reservation "$3")"
}
expect_wear() {  # LABEL SCSI NVME
    check_match "$1: sg_persist reservation WEAR" "Write Exclusive, all registrants$" "$(sg_reservation "$2")"
    check_match "$1: nvme reservation WEAR (5)" "^5 " "$(nvme_reservation "$3")"
}
expect_none() {  # LABEL SCSI NVME
    check_eq "$1: sg_persist no reservation" "none" "$(sg_reservation "$2")"
    check_eq "$1: nvme no reservation" "0 none" "$(nvme_reservation "$3")"
}
lio_holder_is() {  # LABEL LIO_DIR INITIATOR
    check_match "$1: LIO res_holder is $3" "$3" "$(lio_pr "$2" res_holder)"
}

# Wipes all PR state of a SCSI device / NVMe namespace with the independent tools.
reset_scsi() {
    sg_out "$1" --register-ignore --param-sark=$KZ
    sg_persist --no-inquiry --out --clear --param-rk=$KZ "$1" >/dev/null 2>&1
    sg_in "$1" --read-keys >/dev/null   # consume the unit attention of the clear
}
reset_nvme() {
    nvme resv-register "$1" --nrkey=$KZ --rrega=0 >/dev/null 2>&1 \
        || nvme resv-register "$1" --nrkey=$KZ --rrega=2 --iekey >/dev/null 2>&1
    nvme resv-release "$1" --crkey=$KZ --rrela=1 >/dev/null 2>&1
}
reset_all() {
    reset_scsi "$S_A"; reset_nvme "$N_A"
    reset_scsi "$LU_lu2_A"; reset_nvme "$NS_ns2_A"
    reset_scsi "${LU_lump_A_PATHS%% *}"
}
reset_all

# ------------------------------------------------------------------------------ scenarios ---
step "1. exclusive start by A; B's start fails with a conflict"
LP_VIA=launcher lp_ok "A: start --ourkey $KA" A start --ourkey $KA "${DEVS_A[@]}"
expect_keys "after A's start" "$S_A" "$N_A" "$KA"
expect_we "after A's start" "$S_A" "$N_A" "$KA"
lio_holder_is "after A's start" "$LIO" "$INITIATOR_A"
lp_fails "B: start --ourkey $KB fails (reservation conflict)" B start --ourkey $KB "${DEVS_B[@]}"
# A failed start keeps B's key on the first device it reached (upstream: a key is not ownership of WE).
lp_ok "B: stop removes the key its failed start kept" B stop --ourkey $KB "${DEVS_B[@]}"
expect_keys "after B's failed start and stop" "$S_B" "$N_B" "$KA"
expect_we "after B's failed start" "$S_B" "$N_B" "$KA"
check "A's O_DIRECT write works (SCSI)" direct_write "$S_A"
check "A's O_DIRECT write works (NVMe)" direct_write "$N_A"
expect_fail "B's O_DIRECT write fails (SCSI)" direct_write "$S_B"
expect_fail "B's O_DIRECT write fails (NVMe)" direct_write "$N_B"
lp_ok "A: start again with the same key (idempotent)" A start --ourkey $KA "${DEVS_A[@]}"
expect_keys "after A's second start" "$S_A" "$N_A" "$KA"

step "2. check-key, devtest, read, read --json"
lp_ok "A: check-key --key $KA" A check-key --key $KA "${DEVS_A[@]}"
out_has "check-key says 'has key'" "Device $S_A: has key $KA"
lp_fails "B: check-key --key $KB (not registered)" B check-key --key $KB "${DEVS_B[@]}"
err_has "check-key says 'does not have key' (stderr)" "  lvmpersist: Device $S_B: does not have key $KB"
check_eq "check-key: no negative answer on stdout" "" "$(grep 'does not have key' <<<"$LP_OUT")"
lp_ok "B: devtest" B devtest "${DEVS_B[@]}"
out_has "devtest: SCSI supports WE" "Device $S_B: supports type WE"
out_has "devtest: NVMe supports WE" "Device $N_B: supports type WE"
lp_ok "B: read" B read "${DEVS_B[@]}"
out_has "read: SCSI keys" "Device $S_B: registered keys: $KA"
out_has "read: NVMe keys" "Device $N_B: registered keys: $KA"
out_has "read: SCSI reservation" "Device $S_B: reservation: WE holder $KA"
out_has "read: NVMe reservation" "Device $N_B: reservation: WE holder $KA"
lp_ok "A: read --json" A read --json "${DEVS_A[@]}"
check "read --json: valid JSON" jq -e . <<<"$LP_OUT"
for d in "$S_A" "$N_A"; do
    check_eq "read --json: $d lists key $KA" true \
        "$(jq --arg d "$d" --arg k "$KA" '[.devices[] | select(.device == $d) | .keys[]? | tostring] | index($k) != null' <<<"$LP_OUT" 2>/dev/null)"
    check_eq "read --json: $d reservation WE by $KA" "WE $KA" \
        "$(jq -r --arg d "$d" '.devices[] | select(.device == $d) | "\(.reservation.type) \(.reservation.holder)"' <<<"$LP_OUT" 2>/dev/null | head -n 1)"
    check_eq "read --json: $d generation as sg_persist/nvme report it" \
        "$(case $d in /dev/nvme*) nvme_generation "$d" ;; *) printf '%d' "$(sg_generation "$d")" ;; esac)" \
        "$(jq -r --arg d "$d" '.devices[] | select(.device == $d) | .generation' <<<"$LP_OUT" 2>/dev/null | head -n 1)"
done

step "3. takeover by B (start --removekey)"
lp_ok "B: start --ourkey $KB --removekey $KA" B start --ourkey $KB --removekey $KA "${DEVS_B[@]}"
expect_keys "after takeover" "$S_B" "$N_B" "$KB"
expect_we "after takeover" "$S_B" "$N_B" "$KB"
lio_holder_is "after takeover" "$LIO" "$INITIATOR_B"
expect_fail "fenced A's O_DIRECT write fails (SCSI)" direct_write "$S_A"
expect_fail "fenced A's O_DIRECT write fails (NVMe)" direct_write "$N_A"
check "B's O_DIRECT write works (SCSI)" direct_write "$S_B"
check "B's O_DIRECT write works (NVMe)" direct_write "$N_B"
lp_fails "A: check-key --key $KA after the takeover" A check-key --key $KA "${DEVS_A[@]}"

step "4. stop by B"
lp_ok "B: stop --ourkey $KB" B stop --ourkey $KB "${DEVS_B[@]}"
expect_keys "after stop" "$S_A" "$N_A" ""
expect_none "after stop" "$S_A" "$N_A"
check_match "after stop: LIO has no holder" "No SPC-3 Reservation holder" "$(lio_pr "$LIO" res_holder)"
lp_ok "B: stop again (idempotent)" B stop --ourkey $KB "${DEVS_B[@]}"

step "5. shared start by both hosts (--access sh)"
lp_ok "A: start --access sh" A start --ourkey $KA --access sh "${DEVS_A[@]}"
lp_ok "B: start --access sh" B start --ourkey $KB --access sh "${DEVS_B[@]}"
expect_keys "shared" "$S_A" "$N_A" "$KA $KB"
expect_wear "shared" "$S_A" "$N_A"
check_match "shared: LIO res_pr_type is all registrants" "[Aa]ll [Rr]egistrants" "$(lio_pr "$LIO" res_pr_type)"
check "shared: A's O_DIRECT write works (SCSI)" direct_write "$S_A"
check "shared: B's O_DIRECT write works (NVMe)" direct_write "$N_B"

step "6. remove (fence) A by B; A's writes really fail"
lp_ok "B: remove --ourkey $KB --removekey $KA" B remove --ourkey $KB --removekey $KA "${DEVS_B[@]}"
expect_keys "after remove" "$S_B" "$N_B" "$KB"
regs=$(lio_pr "$LIO" res_pr_registered_i_pts)
if grep -q "$INITIATOR_A" <<<"$regs"; then fail "after remove: A's port left LIO's registrations" "$regs"
else pass "after remove: A's port left LIO's registrations"; fi
expect_fail "fenced A's O_DIRECT write fails (SCSI)" direct_write "$S_A"
expect_fail "fenced A's O_DIRECT write fails (NVMe)" direct_write "$N_A"
check "B's O_DIRECT write still works (SCSI)" direct_write "$S_B"
lp_fails "A: check-key --key $KA after the fence" A check-key --key $KA "${DEVS_A[@]}"
echo "  (reservation after the fence: SCSI '$(sg_reservation "$S_B")', NVMe '$(nvme_reservation "$N_B")')"

step "7. clear (by A, not registered before: clear registers first)"
lp_ok "A: clear --ourkey $KA" A clear --ourkey $KA "${DEVS_A[@]}"
expect_keys "after clear" "$S_A" "$N_A" ""
expect_none "after clear" "$S_A" "$N_A"
check "after clear: A's O_DIRECT write works again (SCSI)" direct_write "$S_A"
check "after clear: A's O_DIRECT write works again (NVMe)" direct_write "$N_A"
lp_ok "A: read after clear" A read "${DEVS_A[@]}"
out_has "read: no keys" "Device $S_A: registered keys: none"

step "8. --vg $VG (PVs: host A $VG_PVS_A, host B $VG_PVS_B)"
for d in $VG_PVS_A; do case $d in /dev/nvme*) VN_A=$d ;; *) VS_A=$d ;; esac; done
LP_VIA=launcher lp_ok "A: start --vg $VG" A start --ourkey $KA --vg "$VG"
expect_keys "vg after A's start" "$VS_A" "$VN_A" "$KA"
expect_we "vg after A's start" "$VS_A" "$VN_A" "$KA"
lp_fails "B: start --vg $VG fails" B start --ourkey $KB --vg "$VG"
lp_ok "B: takeover --vg $VG" B start --ourkey $KB --removekey $KA --vg "$VG"
expect_keys "vg after takeover" "$VS_A" "$VN_A" "$KB"
expect_we "vg after takeover" "$VS_A" "$VN_A" "$KB"
lp_ok "B: read --vg $VG" B read --vg "$VG"
out_has "read --vg: B's key on its PVs" "registered keys: $KB"
lp_ok "B: stop --vg $VG" B stop --ourkey $KB --vg "$VG"
expect_keys "vg after stop" "$VS_A" "$VN_A" ""

step "9. dm-multipath: A through $LU_lump_A (paths $LU_lump_A_PATHS), B through $LU_lump_B"
lp_ok "A: start on the multipath map" A start --ourkey $KA --device "$LU_lump_A"
check_eq "mpath: key registered through both paths (I_T nexuses in LIO)" 2 \
    "$(lio_pr "$LIO_lump" res_pr_registered_i_pts | grep -cE "${INITIATORS_A// /|}")"
check_eq "mpath: sg_persist keys" "$KA" "$(sg_keys "$LU_lump_B")"
check_match "mpath: default access ex gives WEAR on multipath" "Write Exclusive, all registrants$" "$(sg_reservation "$LU_lump_B")"
check "mpath: A's O_DIRECT write through the map works" direct_write "$LU_lump_A"
expect_fail "mpath: B's O_DIRECT write fails (not registered)" direct_write "$LU_lump_B"
lp_fails "B: start --prtype WE conflicts with A's reservation" B start --ourkey $KB --prtype WE --device "$LU_lump_B"
lp_ok "B: stop removes the key its failed start kept" B stop --ourkey $KB --device "$LU_lump_B"
check_eq "mpath: B's key gone after stop" "$KA" "$(sg_keys "$LU_lump_B")"
lp_ok "A: read on the multipath map" A read --device "$LU_lump_A"
check_eq "mpath read: A's key listed once" "Device $LU_lump_A: registered keys: $KA" "$(head -1 <<<"$LP_OUT")"
lp_ok "A: stop on the multipath map" A stop --ourkey $KA --device "$LU_lump_A"
check_eq "mpath: no keys after stop" "" "$(sg_keys "$LU_lump_B")"

# A path fails during start: the command succeeds on the other path and names the failed one.
read -r MP1 MP2 <<<"$LU_lump_A_PATHS"
echo offline > "/sys/block/${MP2#/dev/}/device/state"
lp_ok "A: start with path $MP2 offline" A start --ourkey $KA --access sh --device "$LU_lump_A"
check_match "mpath: the failed path is named" "path $MP2 of $LU_lump_A" "$LP_ERR"
echo running > "/sys/block/${MP2#/dev/}/device/state"
check_eq "mpath: only the healthy path is registered" 1 \
    "$(lio_pr "$LIO_lump" res_pr_registered_i_pts | grep -cE "${INITIATORS_A// /|}")"
lp_ok "A: start again registers the reinstated path" A start --ourkey $KA --access sh --device "$LU_lump_A"
check_eq "mpath: both paths registered again" 2 \
    "$(lio_pr "$LIO_lump" res_pr_registered_i_pts | grep -cE "${INITIATORS_A// /|}")"

# Fencing another host that reaches the LU through its own path.
lp_ok "B: start --access sh through its own path" B start --ourkey $KB --access sh --device "$LU_lump_B"
check "mpath: B's O_DIRECT write works while registered" direct_write "$LU_lump_B"
lp_ok "A: remove B through the map" A remove --ourkey $KA --removekey $KB --device "$LU_lump_A"
expect_fail "mpath: B's O_DIRECT write fails after fencing" direct_write "$LU_lump_B"
check "mpath: A's O_DIRECT write through the map still works" direct_write "$LU_lump_A"
check_eq "mpath: only A's key left" "$KA" "$(sg_keys "$LU_lump_B")"
lp_ok "A: stop on the multipath map (2)" A stop --ourkey $KA --device "$LU_lump_A"
check_eq "mpath: no keys after the second stop" "" "$(sg_keys "$LU_lump_B")"

step "10. --ptpl"
lp_ok "A: start --ptpl (SCSI)" A start --ourkey $KA --ptpl --device "$S_A"
check_match "ptpl: LIO APTPL active" "Activated" "$(lio_pr "$LIO" res_aptpl_active)"
check_match "ptpl: PTPL_A in report capabilities" "PTPL_A\): 1" \
    "$(sg_persist --no-inquiry --in --report-capabilities "$S_A" 2>/dev/null)"
lp_ok "A: stop (SCSI)" A stop --ourkey $KA --device "$S_A"
lp "A" start --ourkey $KA --ptpl --device "$N_A"
ptpls=$(nvme_report "$N_A" | jq -r '.ptpls')
if [[ $LP_RC == 0 ]]; then
    check_eq "ptpl (NVMe): start succeeded, so the key is registered" "$KA" "$(nvme_keys "$N_A")"
    note "nvmet: start --ptpl succeeded, report ptpls=$ptpls (nvmet's rescap has no PTPL bit and ignores CPTPL)"
else
    check_eq "ptpl (NVMe): start failed, so nothing is left registered" "" "$(nvme_keys "$N_A")"
    note "nvmet: start --ptpl failed with exit $LP_RC (nvmet does not offer PTPL)"
fi
reset_all

summary "cli-scenarios"
