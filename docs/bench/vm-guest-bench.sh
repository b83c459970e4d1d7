#!/bin/bash
# Real-target benchmark, run INSIDE the test VM (LIO + nvmet on loop fabrics):
#
#   .ci/vm/run-in-vm --timeout 900 --no-setup docs/bench/vm-guest-bench.sh [REPEATS [VG...]]
#
# VG is vgscsi and/or vgnvme (default both). ACCESS=sh in the environment runs both sides with
# --access sh (WEAR) instead of the default ex (WE); LVMPERSIST_CLI picks another launcher.
#
# Creates 16 SCSI LUs (LIO fileio over tcm_loop) and 16 NVMe namespaces (nvmet over nvme-loop), the
# VGs vgscsi and vgnvme on them, and times `start`, `read` and `stop` of our CLI against a shell
# baseline that runs, process for process, what LVM2's lvmpersist (2.03.42) runs for the same command
# line: sg_persist / sg_turs / nvme-cli / jq, one device after another (behaviour reference, sections
# 1, 5, 6 and 6.10; the baseline's comments name the script's functions). Both sides are run as one
# process per command (the baseline as a bash script, as lvm runs lvmpersist), resolve the VG through
# `lvm vgs`, are warmed up once before timing, and alternate who goes first. Prints medians (and
# minima: the VM shares the host's CPUs, so the minimum is the least disturbed figure) and the
# ratio ours/baseline of the medians.
set -euo pipefail
repeats=${1:-5}
shift || true
[[ $# -gt 0 ]] && vgs=("$@") || vgs=(vgscsi vgnvme)
N=16
RUN=/run/lvmpersist-bench
LIO=/sys/kernel/config/target
NVMET=/sys/kernel/config/nvmet
cli=${LVMPERSIST_CLI:-$LVMPERSIST_REPO/cli/target/dist/bin/lvmpersist}
KEY=0xa
mkdir -p "$RUN" /run/lock/lvm
modprobe -a target_core_mod target_core_file tcm_loop nvmet nvme_loop nvme_fabrics 2>/dev/null || true
mountpoint -q /sys/kernel/config || mount -t configfs none /sys/kernel/config

# ---- 16 SCSI LUs on one tcm_loop port
tpg=$LIO/loopback/naa.5001405c00000001/tpgt_1
mkdir -p "$tpg"
echo naa.5001405c000000f1 > "$tpg/nexus"
for i in $(seq 0 $((N - 1))); do
    dev=$LIO/core/fileio_$((10 + i))/lu$i
    truncate -s 16M "$RUN/lu$i.img"
    mkdir -p "$dev"
    echo "fd_dev_name=$RUN/lu$i.img,fd_dev_size=$((16 * 1024 * 1024))" > "$dev/control"
    printf '5e7a1150000001%02x\n' "$i" > "$dev/wwn/vpd_unit_serial"
    echo 1 > "$dev/enable"
    mkdir "$tpg/lun/lun_$i"
    ln -s "$dev" "$tpg/lun/lun_$i/lu$i"
done
host=$(cut -d: -f1 "$tpg/address")
# ---- 16 NVMe namespaces in one subsystem, one controller
sub=$NVMET/subsystems/nqn.2014-08.org.lvmpersist:bench
mkdir "$sub"
echo 1 > "$sub/attr_allow_any_host"
for i in $(seq 1 $N); do
    truncate -s 16M "$RUN/ns$i.img"
    mkdir "$sub/namespaces/$i"
    echo "$RUN/ns$i.img" > "$sub/namespaces/$i/device_path"
    echo 1 > "$sub/namespaces/$i/resv_enable"
    echo 1 > "$sub/namespaces/$i/enable"
done
mkdir "$NVMET/ports/9"
echo loop > "$NVMET/ports/9/addr_trtype"
ln -s "$sub" "$NVMET/ports/9/subsystems/"
echo "transport=loop,nqn=nqn.2014-08.org.lvmpersist:bench,hostnqn=nqn.2014-08.org.lvmpersist:bench-host,hostid=c0c0c0c0-0000-4000-8000-00000000000c" > /dev/nvme-fabrics
scsi=() nvme=()
for _ in $(seq 1 300); do
    scsi=() nvme=()
    for blk in /sys/block/sd*; do
        [[ $(basename "$(readlink -f "$blk/device")") == "$host":* ]] && scsi+=("/dev/$(basename "$blk")")
    done
    for blk in /sys/block/nvme*n*; do
        [[ $(cat "$blk/device/subsysnqn" 2>/dev/null) == nqn.2014-08.org.lvmpersist:bench ]] && nvme+=("/dev/$(basename "$blk")")
    done
    [[ ${#scsi[@]} -ge $N && ${#nvme[@]} -ge $N ]] && break
    sleep 0.1
done
echo "bench: ${#scsi[@]} SCSI disks, ${#nvme[@]} NVMe namespaces"
# ---- LVM on them, with a private configuration that sees only these devices
export LVM_SYSTEM_DIR=$RUN/lvm DM_DISABLE_UDEV=1
mkdir -p "$LVM_SYSTEM_DIR"
accept=""; for d in "${scsi[@]}" "${nvme[@]}"; do accept+="\"a|^$d\$|\", "; done
cat > "$LVM_SYSTEM_DIR/lvm.conf" <<CONF
devices { use_devicesfile = 0 filter = [ $accept"r|.*|" ] obtain_device_list_from_udev = 0 external_device_info_source = "none" }
global { use_lvmlockd = 0 }
CONF
vgcreate -q vgscsi "${scsi[@]}" >/dev/null
vgcreate -q vgnvme "${nvme[@]}" >/dev/null

# ---- the baseline: what LVM2's lvmpersist 2.03.42 (scripts/lvmpersist.sh) runs for the same command
# line, process for process and serially: the same sg_persist / sg_turs / nvme / jq invocations, the
# grep / sort / xargs pipelines around them, getopt and basename, in one bash process per command.
# Only syslog is left out on both sides (ours runs with LVMPERSIST_SYSLOG=off; the script would run
# `logger` once per start or stop). Function names in the comments are the script's. Checked against
# the real script (2.03.42, with mock tools logging their calls): the same calls with the same
# arguments for start, read and stop on SCSI and NVMe, with and without keys and reservation; in this
# VM it takes 0.86-1.05 of the real script's time (it skips the script's own shell overhead).
cat > "$RUN/baseline.sh" <<'BASELINE'
set -o pipefail
SCRIPTNAME=$(basename "$0")
OPTIONS=$(getopt -o h -l help,ourkey:,removekey:,key:,prtype:,access:,ptpl,debug,device:,vg: -n "$SCRIPTNAME" -- "$@")
eval set -- "$OPTIONS"
ACCESS=ex KEY= VG=
while true; do
    case $1 in
        --ourkey) KEY=$2; shift 2 ;;
        --access) ACCESS=$2; shift 2 ;;
        --vg) VG=$2; shift 2 ;;
        --) shift; break ;;
        *) shift ;;
    esac
done
CMD=$1
if [[ $ACCESS == sh ]]; then SCSI_S=WEAR SCSI_T=7 NVME_T=5; else SCSI_S=WE SCSI_T=1 NVME_T=1; fi
declare -A SUPPORTED=([WE]="Write Exclusive: 1" [WEAR]="Write Exclusive, all registrants: 1")

# get_devices_from_vg, then check_devices: `which` for the tools, sg_turs on every SCSI device
local_IFS=$IFS; IFS=:
# shellcheck disable=SC2207
all=( $(lvm vgs --nolocking --noheadings --separator : --sort pv_uuid --o pv_name --rows --config log/prefix=\"\" "$VG") )
IFS=$local_IFS
devs=(); for dev in "${all[@]}"; do [[ $dev == /dev/* ]] && devs+=("$dev"); done
if [[ ${devs[0]} == /dev/nvme* ]]; then
    class=nvme; which nvme >/dev/null
else
    class=scsi; which sg_persist >/dev/null; which sg_turs >/dev/null
    for dev in "${devs[@]}"; do sg_turs "$dev" >/dev/null 2>&1; done
fi

supports() { # device_supports_type_str
    if [[ $class == nvme ]]; then nvme resv-report --eds "$1" >/dev/null 2>&1
    else sg_persist --in --report-capabilities "$1" 2>/dev/null | grep -q "${SUPPORTED[$SCSI_S]}"; fi
}
no_reservation_held_scsi() { sg_persist --no-inquiry --in --read-reservation "$1" 2>/dev/null | grep -q "there is NO reservation held"; }
get_dev_reservation() { # sets DEV_PRDESC
    local str
    if [[ $class == nvme ]]; then
        str=$(nvme resv-report --eds -o json "$1" 2>/dev/null | jq '.rtype')
        case $str in 0) DEV_PRDESC=none ;; 1) DEV_PRDESC=WE ;; 5) DEV_PRDESC=WEAR ;; *) DEV_PRDESC=other ;; esac
        return
    fi
    str=$(sg_persist --no-inquiry --in --read-reservation "$1" 2>/dev/null | grep -e "LU_SCOPE,\s\+type")
    if [[ -z $str ]]; then no_reservation_held_scsi "$1"; DEV_PRDESC=none
    elif [[ $str == *"Write Exclusive, all registrants"* ]]; then DEV_PRDESC=WEAR
    elif [[ $str == *"Write Exclusive"* ]]; then DEV_PRDESC=WE; else DEV_PRDESC=other; fi
}
do_start() {
    for dev in "${devs[@]}"; do supports "$dev" || exit 1; done
    for dev in "${devs[@]}"; do # do_register
        if [[ $class == scsi ]]; then sg_persist --no-inquiry --out --register-ignore --param-sark="$KEY" "$dev" >/dev/null 2>&1
        else nvme resv-register --nrkey="$KEY" --rrega=0 "$dev" >/dev/null 2>&1 ||
             nvme resv-register --nrkey="$KEY" --rrega=2 --iekey "$dev" >/dev/null 2>&1; fi || exit 1
    done
    udevadm settle 2>/dev/null # stderr only: "Running in chroot, ignoring request." in the VM
    for dev in "${devs[@]}"; do
        if [[ $ACCESS == sh ]]; then # WEAR requested: is it there already?
            get_dev_reservation "$dev"; [[ $DEV_PRDESC == WEAR ]] && continue
        fi
        if [[ $class == scsi ]]; then sg_persist --no-inquiry --out --reserve --param-rk="$KEY" --prout-type=$SCSI_T "$dev" >/dev/null 2>&1
        else nvme resv-acquire --crkey="$KEY" --rtype=$NVME_T --racqa=0 "$dev" >/dev/null 2>&1; fi || exit 1
    done
}
do_stop() {
    local err=0
    for dev in "${devs[@]}"; do # unregister, then key_is_on_device
        if [[ $class == scsi ]]; then
            sg_persist --no-inquiry --out --register --param-rk="$KEY" "$dev" >/dev/null 2>&1
            sg_persist --no-inquiry --in --read-keys "$dev" 2>/dev/null | grep -q " $KEY$" && err=1
        else
            nvme resv-register --crkey="$KEY" --rrega=1 "$dev" >/dev/null 2>&1
            nvme resv-report --eds -o json "$dev" 2>/dev/null | jq -e ".regctlext[] | select(.rkey == $((KEY)))" >/dev/null 2>&1 && err=1
        fi
    done
    return $err # the loop goes on after a failure, as in the script
}
do_read() {
    local keys holder
    for dev in "${devs[@]}"; do # do_readkeys: get_key_list
        supports "$dev" || continue
        if [[ $class == scsi ]]; then
            sg_persist --no-inquiry --in --read-keys "$dev" 2>/dev/null | grep -q "there are NO registered reservation keys" && continue
            keys=$(sg_persist --no-inquiry --in --read-keys "$dev" 2>/dev/null | grep "    0x" | sort -u | xargs)
        else
            keys=$(nvme resv-report --eds -o json "$dev" 2>/dev/null | jq '.regctlext[].rkey' | sort | xargs printf '0x%x ')
        fi
        echo "Device $dev: registered keys: $keys"
    done
    for dev in "${devs[@]}"; do # do_readreservation: get_dev_reservation, get_dev_reservation_holder
        supports "$dev" || continue
        get_dev_reservation "$dev"
        [[ $DEV_PRDESC == WEAR ]] && continue
        if [[ $class == scsi ]]; then
            holder=$(sg_persist --no-inquiry --in --read-reservation "$dev" 2>/dev/null | grep -e "Key\s*=\s*0x" | xargs)
            [[ -z $holder ]] && no_reservation_held_scsi "$dev"
        else
            holder=$(nvme resv-report --eds -o json "$dev" 2>/dev/null | jq '.regctlext | map(select(.rcsts == 1)) | .[].rkey' | xargs printf '0x%x')
        fi
        echo "Device $dev: reservation: $DEV_PRDESC holder $holder"
    done
}
case $CMD in start) do_start ;; stop) do_stop ;; read) do_read ;; esac
BASELINE
base() { bash "$RUN/baseline.sh" "$1" ${ACCESS:+--access "$ACCESS"} --ourkey $KEY --vg "$2" >/dev/null; }
base_read() { bash "$RUN/baseline.sh" read ${ACCESS:+--access "$ACCESS"} --vg "$1" >/dev/null; }
# Our summary lines go to stderr: kept out of the table, shown when the command fails.
ours() { "$cli" "$1" ${ACCESS:+--access "$ACCESS"} --ourkey $KEY --vg "$2" >/dev/null 2>"$RUN/ours.err" ||
    { cat "$RUN/ours.err" >&2; return 1; }; }
ours_read() { "$cli" read ${ACCESS:+--access "$ACCESS"} --vg "$1" >/dev/null; }

ms() { local t0=${EPOCHREALTIME/./}; "$@"; echo $(( (${EPOCHREALTIME/./} - t0) / 1000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minimum() { sort -n | head -1; }

export LVMPERSIST_SYSLOG=off
(( repeats > 0 )) || exit 0 # 0: set up the targets, VGs and $RUN/baseline.sh only
echo "# $(date -u +%FT%TZ) in the test VM ($(nproc) vCPUs, TCG), $N PVs per VG, $repeats runs each, access ${ACCESS:-ex}"
printf '%-8s %-6s %12s %12s %7s %10s %10s\n' vg command "ours ms" "baseline ms" ratio "ours min" "base min"
for vg in "${vgs[@]}"; do
    # warm-up, untimed: both sides' programs and libraries into the guest's page cache (9p, cache=loose)
    ours start "$vg"; ours_read "$vg"; ours stop "$vg"; base start "$vg"; base_read "$vg"; base stop "$vg"
    declare -A o=() b=()
    for r in $(seq 1 "$repeats"); do
        # alternate who goes first, so that a slow phase of the shared host does not hit one side only
        if (( r % 2 )); then
            o[start]+="$(ms ours start "$vg") "; o[read]+="$(ms ours_read "$vg") "; o[stop]+="$(ms ours stop "$vg") "
            b[start]+="$(ms base start "$vg") "; b[read]+="$(ms base_read "$vg") "; b[stop]+="$(ms base stop "$vg") "
        else
            b[start]+="$(ms base start "$vg") "; b[read]+="$(ms base_read "$vg") "; b[stop]+="$(ms base stop "$vg") "
            o[start]+="$(ms ours start "$vg") "; o[read]+="$(ms ours_read "$vg") "; o[stop]+="$(ms ours stop "$vg") "
        fi
    done
    for c in start read stop; do
        mo=$(tr ' ' '\n' <<<"${o[$c]}" | grep . | median); mb=$(tr ' ' '\n' <<<"${b[$c]}" | grep . | median)
        no=$(tr ' ' '\n' <<<"${o[$c]}" | grep . | minimum); nb=$(tr ' ' '\n' <<<"${b[$c]}" | grep . | minimum)
        printf '%-8s %-6s %12s %12s %7.2f %10s %10s\n' "$vg" "$c" "$mo" "$mb" "$(echo "$mo / $mb" | bc -l)" "$no" "$nb"
    done
    unset o b
done
