#!/bin/bash
# shellcheck disable=SC2154  # LU_*, NS_*, LIO_*, ... come from devices.env (lib-guest.sh)
# Sanity scenario, run inside the VM with the INDEPENDENT tools only (sg_persist, nvme-cli, dd,
# LIO configfs): proves that the environment gives two hosts on one LU / namespace with real
# reservation semantics. Prints PASS/FAIL per check; exit status 1 on any failure.
set -u
source "$(dirname "$0")/lib-guest.sh"

KA=0xa; KB=0xb
# PREEMPT AND ABORT deadlocks LIO behind tcm_loop (docs/vm-tests.md): use plain PREEMPT there
PREEMPT=--preempt-abort
if [[ $SCSI_FABRIC == loop ]]; then
    PREEMPT=--preempt
    note "tcm_loop fabric: SCSI preemption tested with PREEMPT, not PREEMPT AND ABORT (deadlock)"
fi

# ---------------------------------------------------------------------------- SCSI / LIO ----
A=$LU_lu0_A; B=$LU_lu0_B; LIO=$LIO_lu0
step "SCSI lu0: host A = $A, host B = $B"
check_eq "scsi: no keys at start" "" "$(sg_keys "$A")"
check "scsi: A registers $KA" sg_out "$A" --register-ignore --param-sark=$KA
check "scsi: B registers $KB" sg_out "$B" --register-ignore --param-sark=$KB
check_eq "scsi: A reads keys $KA $KB" "$KA $KB" "$(sg_keys "$A")"
check_eq "scsi: B reads the same keys" "$KA $KB" "$(sg_keys "$B")"
check "scsi: A reserves Write Exclusive" sg_out "$A" --reserve --param-rk=$KA --prout-type=1
check_match "scsi: reservation is WE held by $KA" "^$KA Write Exclusive$" "$(sg_reservation "$B")"
expect_rc "scsi: B's reserve is a RESERVATION CONFLICT (24)" 24 \
    sg_persist --no-inquiry --out --reserve --param-rk=$KB --prout-type=1 "$B"
expect_fail "scsi: B's O_DIRECT write fails" direct_write "$B"
check "scsi: B's O_DIRECT read works (WE lets others read)" direct_read "$B"
check "scsi: A's O_DIRECT write works (holder)" direct_write "$A"

step "SCSI lu0: LIO configfs pr/ attributes"
for attr in res_pr_type res_holder res_pr_registered_i_pts res_pr_generation; do
    echo "  $attr: $(lio_pr "$LIO" $attr | tr '\n' ' ')"
done
check_match "lio: res_pr_type is Write Exclusive" "Write Exclusive" "$(lio_pr "$LIO" res_pr_type)"
check_match "lio: holder is host A's initiator port" "$INITIATOR_A" "$(lio_pr "$LIO" res_holder)"
regs=$(lio_pr "$LIO" res_pr_registered_i_pts)
check_match "lio: host A's port is registered" "$INITIATOR_A" "$regs"
check_match "lio: host B's port is registered" "$INITIATOR_B" "$regs"
check_eq "lio: generation equals the one sg_persist reports" \
    "$(printf '0x%x' "$(lio_pr "$LIO" res_pr_generation)")" "$(sg_generation "$A")"

step "SCSI lu0: B preempts A, then clears"
check "scsi: B preempts $KA ($PREEMPT)" sg_persist --no-inquiry --out $PREEMPT \
    --param-rk=$KB --param-sark=$KA --prout-type=1 "$B"
check_eq "scsi: only $KB is left" "$KB" "$(sg_keys "$A")"
check_match "scsi: B holds WE now" "^$KB Write Exclusive$" "$(sg_reservation "$A")"
expect_fail "scsi: fenced A's O_DIRECT write fails" direct_write "$A"
check "scsi: B clears" sg_persist --no-inquiry --out --clear --param-rk=$KB "$B"
check_eq "scsi: no keys after clear" "" "$(sg_keys "$A")"
check_eq "scsi: no reservation after clear" "none" "$(sg_reservation "$A")"
check_match "lio: no holder after clear" "No SPC-3 Reservation holder" "$(lio_pr "$LIO" res_holder)"
check "scsi: A's O_DIRECT write works again" direct_write "$A"

# ---------------------------------------------------------------------------- multipath -----
M=$LU_lump_A; read -r P1 P2 <<<"$LU_lump_A_PATHS"; MB=$LU_lump_B
step "dm-multipath lump: host A = $M over $P1 $P2, host B = $MB"
check "mpath: A registers $KA on path $P1" sg_out "$P1" --register-ignore --param-sark=$KA
check "mpath: A registers $KA on path $P2" sg_out "$P2" --register-ignore --param-sark=$KA
check "mpath: A reserves WEAR through the dm node" sg_out "$M" --reserve --param-rk=$KA --prout-type=7
check_match "mpath: both paths registered, read through the dm node" "^$KA$" "$(sg_keys "$M")"
check_eq "mpath: two I_T nexuses registered in LIO" 2 \
    "$(lio_pr "$LIO_lump" res_pr_registered_i_pts | grep -cE "${INITIATORS_A// /|}")"
check "mpath: A's O_DIRECT write through the map works" direct_write "$M"
expect_fail "mpath: unregistered B's O_DIRECT write fails" direct_write "$MB"
check "mpath: A clears" sg_persist --no-inquiry --out --clear --param-rk=$KA "$P1"
check_eq "mpath: no keys after clear" "" "$(sg_keys "$MB")"

# ---------------------------------------------------------------------------- NVMe / nvmet --
A=$NS_ns1_A; B=$NS_ns1_B
step "NVMe ns1: host A = $A, host B = $B"
check "nvme: resv-report --eds works" nvme resv-report --eds "$A"
check_eq "nvme: no keys at start" "" "$(nvme_keys "$A")"
check "nvme: A registers $KA" nvme resv-register "$A" --nrkey=$KA --rrega=0
check "nvme: B registers $KB" nvme resv-register "$B" --nrkey=$KB --rrega=0
check_eq "nvme: A reads keys $KA $KB" "$KA $KB" "$(nvme_keys "$A")"
check "nvme: A acquires Write Exclusive" nvme resv-acquire "$A" --crkey=$KA --rtype=1 --racqa=0
check_eq "nvme: reservation is WE (1) held by $KA" "1 $KA" "$(nvme_reservation "$B")"
report=$(nvme_report "$A")
echo "$report" | jq -c . | sed 's/^/    /'
check_eq "nvme: the report is extended (128-bit host ids)" "$HOSTID_A" \
    "$(jq -r '.regctlext[] | select(.rkey == 10) | .hostid' <<<"$report" | sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12})$/\1-\2-\3-\4-\5/')"
expect_fail "nvme: B's acquire is refused (reservation conflict)" \
    nvme resv-acquire "$B" --crkey=$KB --rtype=1 --racqa=0
conflict=$(nvme resv-acquire "$B" --crkey=$KB --rtype=1 --racqa=0 2>&1)
check_match "nvme: the status is RESERVATION CONFLICT" "Reservation Conflict" "$conflict"
expect_fail "nvme: B's O_DIRECT write fails" direct_write "$B"
check "nvme: B's O_DIRECT read works" direct_read "$B"
check "nvme: A's O_DIRECT write works (holder)" direct_write "$A"
check "nvme: B preempt-aborts $KA" nvme resv-acquire "$B" --crkey=$KB --prkey=$KA --rtype=1 --racqa=2
check_eq "nvme: only $KB is left" "$KB" "$(nvme_keys "$A")"
check_eq "nvme: B holds WE" "1 $KB" "$(nvme_reservation "$A")"
expect_fail "nvme: fenced A's O_DIRECT write fails" direct_write "$A"
check "nvme: B clears" nvme resv-release "$B" --crkey=$KB --rrela=1
check_eq "nvme: no keys after clear" "" "$(nvme_keys "$A")"
check_eq "nvme: no reservation after clear" "0 none" "$(nvme_reservation "$A")"

# ---------------------------------------------------------------------------- LVM -----------
step "LVM: VG $VG mixing SCSI and NVMe PVs"
pvs_a=$(LVM_SYSTEM_DIR=$LVM_SYSTEM_DIR_A vgs --noheadings -o pv_name --rows --separator ' ' "$VG" 2>/dev/null | xargs)
pvs_b=$(LVM_SYSTEM_DIR=$LVM_SYSTEM_DIR_B vgs --noheadings -o pv_name --rows --separator ' ' "$VG" 2>/dev/null | xargs)
check_match "lvm: host A sees $VG on a SCSI and an NVMe PV" "/dev/sd.* /dev/nvme|/dev/nvme.* /dev/sd" "$pvs_a"
check_match "lvm: host B sees $VG on its own nodes" "/dev/sd.* /dev/nvme|/dev/nvme.* /dev/sd" "$pvs_b"

summary "vm-sanity"
