#!/bin/bash
# Real-target benchmark, run INSIDE the test VM (LIO + nvmet on loop fabrics):
#
#   .ci/vm/run-in-vm --timeout 900 --no-setup docs/bench/vm-guest-bench.sh [REPEATS [VG...]]
#
# VG is vgscsi and/or vgnvme (default both).
#
# Creates 16 SCSI LUs (LIO fileio over tcm_loop) and 16 NVMe namespaces (nvmet over nvme-loop), the
# VGs vgscsi and vgnvme on them, and times `start`, `read` and `stop` of our CLI against a shell
# baseline that sends the same sequence the way LVM2's lvmpersist does: sg_persist / nvme-cli, one
# device after another (docs/bench and the behaviour reference, section 6.10). Prints medians and the
# ratio ours/baseline. Both sides resolve the VG through `lvm vgs`.
set -euo pipefail
repeats=${1:-5}
shift || true
[[ $# -gt 0 ]] && vgs=("$@") || vgs=(vgscsi vgnvme)
N=16
RUN=/run/lvmpersist-bench
LIO=/sys/kernel/config/target
NVMET=/sys/kernel/config/nvmet
cli="$LVMPERSIST_REPO/cli/target/dist/bin/lvmpersist"
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
pvs_of() { lvm vgs --nolocking --noheadings --separator : --sort pv_uuid -o pv_name --rows --config 'log/prefix=""' "$1" | tr -d ' ' | tr : ' '; }

# ---- the baseline: LVM2 lvmpersist's sequences (section 6.10), serially, with the same tools
base_start() { # VG
    local devs; devs=$(pvs_of "$1")
    if [[ $1 == vgscsi ]]; then
        for d in $devs; do sg_turs "$d"; done
        for d in $devs; do sg_persist --in --report-capabilities "$d" | grep -q "Write Exclusive: 1"; done
        for d in $devs; do sg_persist --no-inquiry --out --register-ignore --param-sark=$KEY "$d" >/dev/null; done
        for d in $devs; do sg_persist --no-inquiry --out --reserve --param-rk=$KEY --prout-type=1 "$d" >/dev/null; done
    else
        for d in $devs; do nvme resv-report --eds "$d" >/dev/null; done
        for d in $devs; do
            nvme resv-register --nrkey=$KEY --rrega=0 "$d" >/dev/null
            nvme resv-report --eds -o json "$d" | jq -r .rtype >/dev/null
            nvme resv-acquire --crkey=$KEY --rtype=1 --racqa=0 "$d" >/dev/null
        done
    fi
}
base_read() { # VG
    local devs; devs=$(pvs_of "$1")
    for d in $devs; do
        if [[ $1 == vgscsi ]]; then
            sg_persist --no-inquiry --in --read-keys "$d" | grep '    0x' | sort -u >/dev/null
            sg_persist --no-inquiry --in --read-reservation "$d" | grep -E 'LU_SCOPE|Key' >/dev/null || true
        else
            nvme resv-report --eds -o json "$d" | jq -r '.regctlext[].rkey' | sort >/dev/null
            nvme resv-report --eds -o json "$d" | jq -r .rtype >/dev/null
        fi
    done
}
base_stop() { # VG
    local devs; devs=$(pvs_of "$1")
    if [[ $1 == vgscsi ]]; then
        for d in $devs; do sg_turs "$d"; done
        for d in $devs; do
            sg_persist --no-inquiry --out --register --param-rk=$KEY "$d" >/dev/null
            sg_persist --no-inquiry --in --read-keys "$d" >/dev/null
        done
    else
        for d in $devs; do
            nvme resv-register --crkey=$KEY --rrega=1 "$d" >/dev/null
            nvme resv-report --eds -o json "$d" >/dev/null
        done
    fi
}
ours() { "$cli" "$1" --ourkey $KEY --vg "$2" >/dev/null; }
ours_read() { "$cli" read --vg "$1" >/dev/null; }

ms() { local t0 t1; t0=$(date +%s%N); "$@"; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

export LVMPERSIST_SYSLOG=off
echo "# $(date -u +%FT%TZ) in the test VM ($(nproc) vCPUs, TCG), $N PVs per VG, $repeats runs each"
printf '%-8s %-6s %12s %12s %7s\n' vg command "ours ms" "baseline ms" ratio
for vg in "${vgs[@]}"; do
    declare -A o=() b=()
    for _ in $(seq 1 "$repeats"); do
        o[start]+="$(ms ours start "$vg") "; o[read]+="$(ms ours_read "$vg") "; o[stop]+="$(ms ours stop "$vg") "
        b[start]+="$(ms base_start "$vg") "; b[read]+="$(ms base_read "$vg") "; b[stop]+="$(ms base_stop "$vg") "
    done
    for c in start read stop; do
        mo=$(tr ' ' '\n' <<<"${o[$c]}" | grep . | median); mb=$(tr ' ' '\n' <<<"${b[$c]}" | grep . | median)
        printf '%-8s %-6s %12s %12s %7.2f\n' "$vg" "$c" "$mo" "$mb" "$(echo "$mo / $mb" | bc -l)"
    done
    unset o b
done
