#!/bin/bash
# Guest side: creates the PR targets and writes the device map /run/lvmpersist-vm/devices.env.
#
#   SCSI (LIO, fileio backstores in tmpfs, tcm_loop fabric):
#     lu0 lu1 lu2  each seen by host A (target port A1) and host B (target port B1)
#     lump         seen by host A through two paths (A1, A2: combined into the dm-multipath map
#                  'mpatha') and by host B through one path (B1)
#   NVMe (nvmet, file-backed namespaces, nvme-loop): one subsystem with ns1 ns2, connected twice
#     with different hostnqn/hostid: controller of host A and controller of host B
#   LVM: VG 'vgmix' on host A's lu2 (SCSI) + ns2 (NVMe); private lvm.conf per host so that each
#     host's LVM sees only its own device nodes (no duplicate PVs, no host lvm.conf/devices file).
set -euo pipefail

RUN=/run/lvmpersist-vm
CFG=/sys/kernel/config
LIO=$CFG/target
NVMET=$CFG/nvmet
SIZE_MB=64
# SCSI fabric: iscsi (default; LIO iSCSI target + open-iscsi over the loopback interface) or
# loop (tcm_loop; faster to set up, but PREEMPT AND ABORT deadlocks the target, see the docs)
SCSI_FABRIC=${LVMPERSIST_VM_SCSI_FABRIC:-iscsi}
mkdir -p "$RUN/backing" /var/target/pr /run/lock/lvm

log() { echo "setup: [$(cut -d' ' -f1 /proc/uptime)s] $*"; }

# ---------------------------------------------------------------- LIO (SCSI) ----------------
SCSI_LUS=(lu0 lu1 lu2 lump)
for i in "${!SCSI_LUS[@]}"; do
    lu=${SCSI_LUS[$i]}
    dev=$LIO/core/fileio_$i/$lu
    truncate -s ${SIZE_MB}M "$RUN/backing/$lu.img"
    mkdir -p "$dev"
    echo "fd_dev_name=$RUN/backing/$lu.img,fd_dev_size=$((SIZE_MB * 1024 * 1024))" > "$dev/control"
    # LIO derives the NAA identifier (the wwid) from the hex digits of the serial: keep it hex
    echo "5e7a11500000000$i" > "$dev/wwn/vpd_unit_serial"
    echo 1 > "$dev/enable"
done

# Three I_T nexuses ("ports"): host A has two (A1, A2: the two multipath paths of lump), host B
# one. Each port sees the listed LUs, in LUN order.
declare -A PORT_LUS=([A1]="lu0 lu1 lu2 lump" [A2]="lump" [B1]="lu0 lu1 lu2 lump")
PORTS=(A1 A2 B1)
lu_index() { local i; for i in "${!SCSI_LUS[@]}"; do [[ ${SCSI_LUS[$i]} == "$1" ]] && echo "$i"; done; }
link_luns() {   # <tpg dir> <port>
    local lun=0 lu
    for lu in ${PORT_LUS[$2]}; do
        mkdir "$1/lun/lun_$lun"
        ln -s "$LIO/core/fileio_$(lu_index "$lu")/$lu" "$1/lun/lun_$lun/$lu"
        lun=$((lun + 1))
    done
}
declare -A PORT_SCSI_HOST=()   # port -> SCSI host number of the initiator side
declare -A PORT_INITIATOR=()   # port -> initiator name as LIO shows it in pr/ attributes
declare -A PORT_DESC=()        # port -> human-readable description for devices.tsv

if [[ $SCSI_FABRIC == loop ]]; then
    # tcm_loop: one emulated SAS target port per WWN, its 'nexus' is the initiator port.
    # CAVEAT: PREEMPT AND ABORT deadlocks on tcm_loop (see docs/vm-tests.md).
    declare -A PORT_WWN=([A1]=naa.5001405a00000001 [A2]=naa.5001405a00000002 [B1]=naa.5001405b00000001)
    declare -A PORT_NEXUS=([A1]=naa.5001405a000000f1 [A2]=naa.5001405a000000f2 [B1]=naa.5001405b000000f1)
    for port in "${PORTS[@]}"; do
        tpg=$LIO/loopback/${PORT_WWN[$port]}/tpgt_1
        mkdir -p "$tpg"
        # the nexus must exist BEFORE the LUNs, or no /dev/sdX appears
        echo "${PORT_NEXUS[$port]}" > "$tpg/nexus"
        link_luns "$tpg" "$port"
        addr=$(cat "$tpg/address")          # "host:0:tpgt"
        PORT_SCSI_HOST[$port]=${addr%%:*}
        PORT_INITIATOR[$port]=${PORT_NEXUS[$port]}
        PORT_DESC[$port]="tcm_loop ${PORT_WWN[$port]} nexus ${PORT_NEXUS[$port]}"
    done
    INITIATOR_A=${PORT_NEXUS[A1]}; INITIATOR_B=${PORT_NEXUS[B1]}
else
    # iSCSI over the VM's loopback interface: LIO's iSCSI target and open-iscsi as initiator.
    # Target t1 carries all LUs, target t2 only lump (the second path of host A).
    ip link set lo up
    IQN_T1=iqn.2014-08.org.lvmpersist:t1
    IQN_T2=iqn.2014-08.org.lvmpersist:t2
    INITIATOR_A=iqn.2014-08.org.lvmpersist:host-a
    INITIATOR_B=iqn.2014-08.org.lvmpersist:host-b
    declare -A PORT_TARGET=([A1]=$IQN_T1 [A2]=$IQN_T2 [B1]=$IQN_T1)
    declare -A PORT_IFACE=([A1]=lvmp-a [A2]=lvmp-a [B1]=lvmp-b)
    PORT_INITIATOR=([A1]=$INITIATOR_A [A2]=$INITIATOR_A [B1]=$INITIATOR_B)
    for t in "$IQN_T1:3260:A1" "$IQN_T2:3261:A2"; do
        IFS=: read -r iqn1 iqn2 tport lunsof <<<"$t"; iqn="$iqn1:$iqn2"
        tpg=$LIO/iscsi/$iqn/tpgt_1
        mkdir -p "$tpg/np/127.0.0.1:$tport"
        link_luns "$tpg" "$lunsof"
        # any initiator may log in (dynamic ACLs), read-write, without CHAP
        echo 1 > "$tpg/attrib/generate_node_acls"
        echo 1 > "$tpg/attrib/cache_dynamic_acls"
        echo 0 > "$tpg/attrib/demo_mode_write_protect"
        echo 0 > "$tpg/attrib/authentication"
        echo 1 > "$tpg/enable"
    done
    declare -A PORT_PORTAL=([A1]=127.0.0.1:3260 [A2]=127.0.0.1:3261 [B1]=127.0.0.1:3260)
    mkdir -p /run/lock/iscsi /etc/iscsi
    echo "InitiatorName=iqn.2014-08.org.lvmpersist:default" > /etc/iscsi/initiatorname.iscsi
    iscsid
    for h in A B; do
        iface=lvmp-${h,,}; name_var=INITIATOR_$h
        iscsiadm -m iface -I "$iface" -o new >/dev/null
        iscsiadm -m iface -I "$iface" -o update -n iface.initiatorname -v "${!name_var}" >/dev/null
    done
    for port in "${PORTS[@]}"; do
        iscsiadm -m node -o new -T "${PORT_TARGET[$port]}" -p "${PORT_PORTAL[$port]}" -I "${PORT_IFACE[$port]}" >/dev/null
        iscsiadm -m node -T "${PORT_TARGET[$port]}" -p "${PORT_PORTAL[$port]}" -I "${PORT_IFACE[$port]}" --login >/dev/null
    done
    # session -> SCSI host: /sys/devices/platform/hostH/sessionN/iscsi_session/sessionN
    for sess in /sys/class/iscsi_session/session*; do
        tn=$(cat "$sess/targetname"); in=$(cat "$sess/initiatorname")
        host=$(readlink -f "$sess" | sed -n 's#.*/host\([0-9]*\)/session[0-9]*/.*#\1#p')
        for port in "${PORTS[@]}"; do
            if [[ $tn == "${PORT_TARGET[$port]}" && $in == "${PORT_INITIATOR[$port]}" ]]; then
                PORT_SCSI_HOST[$port]=$host
            fi
        done
    done
    for port in "${PORTS[@]}"; do
        [[ -n ${PORT_SCSI_HOST[$port]:-} ]] || { log "no iSCSI session for port $port"; exit 1; }
        PORT_DESC[$port]="iscsi ${PORT_INITIATOR[$port]} -> ${PORT_TARGET[$port]}"
    done
fi

# Map every expected (port, LUN) to its /dev/sdX; the sd's sysfs path ends in host:chan:target:lun.
expected=0
for port in "${PORTS[@]}"; do expected=$((expected + $(wc -w <<<"${PORT_LUS[$port]}"))); done
declare -A SD_OF=()
for _ in $(seq 1 300); do
    SD_OF=()
    for blk in /sys/block/sd*; do
        [[ -e $blk/device ]] || continue
        [[ $(cat "$blk/size") -gt 0 ]] || continue
        hctl=$(basename "$(readlink -f "$blk/device")")
        SD_OF[${hctl%%:*}:${hctl##*:}]=/dev/$(basename "$blk")
    done
    [[ ${#SD_OF[@]} -ge $expected ]] && break
    sleep 0.1
done
[[ ${#SD_OF[@]} -ge $expected ]] || { log "only ${#SD_OF[@]} of $expected SCSI disks appeared"; exit 1; }

declare -A NODE=()      # NODE[lu:port] = /dev/sdX
for port in "${PORTS[@]}"; do
    host=${PORT_SCSI_HOST[$port]}
    lun=0
    for lu in ${PORT_LUS[$port]}; do
        node=${SD_OF[$host:$lun]:-}
        [[ -n $node ]] || { log "no disk for $port LUN $lun (host $host)"; exit 1; }
        NODE[$lu:$port]=$node
        lun=$((lun + 1))
    done
done
log "SCSI ($SCSI_FABRIC): $expected disks"

# ---------------------------------------------------------------- nvmet (NVMe) --------------
SUBNQN=nqn.2014-08.org.lvmpersist:vmtest
HOSTNQN_A=nqn.2014-08.org.lvmpersist:host-a
HOSTNQN_B=nqn.2014-08.org.lvmpersist:host-b
HOSTID_A=a0a0a0a0-0000-4000-8000-00000000000a
HOSTID_B=b0b0b0b0-0000-4000-8000-00000000000b
NVME_NS=(ns1 ns2)
sub=$NVMET/subsystems/$SUBNQN
mkdir "$sub"
echo 1 > "$sub/attr_allow_any_host"
for i in "${!NVME_NS[@]}"; do
    ns=${NVME_NS[$i]}; nsid=$((i + 1))
    truncate -s ${SIZE_MB}M "$RUN/backing/$ns.img"
    mkdir "$sub/namespaces/$nsid"
    echo "$RUN/backing/$ns.img" > "$sub/namespaces/$nsid/device_path"
    # reservations must be switched on before the namespace is enabled
    echo 1 > "$sub/namespaces/$nsid/resv_enable"
    echo 1 > "$sub/namespaces/$nsid/enable"
done
mkdir "$NVMET/ports/1"
echo loop > "$NVMET/ports/1/addr_trtype"
ln -s "$sub" "$NVMET/ports/1/subsystems/$SUBNQN"

declare -A CTRL=()
for h in A B; do
    nqn_var=HOSTNQN_$h; id_var=HOSTID_$h
    echo "transport=loop,nqn=$SUBNQN,hostnqn=${!nqn_var},hostid=${!id_var}" > /dev/nvme-fabrics
done
for _ in $(seq 1 200); do
    n=0
    for c in /sys/class/nvme/nvme*; do
        [[ -e $c/hostnqn ]] || continue
        case $(cat "$c/hostnqn") in
            "$HOSTNQN_A") CTRL[A]=$(basename "$c") ;;
            "$HOSTNQN_B") CTRL[B]=$(basename "$c") ;;
        esac
    done
    for h in A B; do
        [[ -n ${CTRL[$h]:-} ]] || continue
        for blk in /sys/class/nvme/${CTRL[$h]}/nvme*n*; do
            [[ -e $blk/nsid && -b /dev/$(basename "$blk") ]] && n=$((n + 1))
        done
    done
    [[ $n -ge $((2 * ${#NVME_NS[@]})) ]] && break
    sleep 0.1
done
for h in A B; do
    [[ -n ${CTRL[$h]:-} ]] || { log "no NVMe controller for host $h"; exit 1; }
    for blk in /sys/class/nvme/${CTRL[$h]}/nvme*n*; do
        [[ -e $blk/nsid ]] || continue
        nsid=$(cat "$blk/nsid")
        NODE[${NVME_NS[$((nsid - 1))]}:$h]=/dev/$(basename "$blk")
    done
    for ns in "${NVME_NS[@]}"; do
        [[ -n ${NODE[$ns:$h]:-} ]] || { log "no namespace node for $ns host $h"; exit 1; }
    done
done
log "NVMe: controllers A=${CTRL[A]} B=${CTRL[B]}"

# ---------------------------------------------------------------- dm-multipath ---------------
# A plain 'dmsetup create' with a multipath table instead of multipathd: no udev runs in the VM,
# and multipathd's path discovery depends on it. The uuid has the 'mpath-' prefix that
# lvmpersist (and multipathd) use to recognise multipath maps.
p1=${NODE[lump:A1]}; p2=${NODE[lump:A2]}
wwid=$(cat "/sys/block/$(basename "$p1")/device/wwid")
mp_uuid="mpath-3${wwid#naa.}"
sectors=$(cat "/sys/block/$(basename "$p1")/size")
table="0 $sectors multipath 0 0 1 1 round-robin 0 2 1 $(cat "/sys/block/$(basename "$p1")/dev") 1000 $(cat "/sys/block/$(basename "$p2")/dev") 1000"
dmsetup create mpatha --noudevsync --uuid "$mp_uuid" --table "$table"
MPATH=/dev/mapper/mpatha
[[ -b $MPATH ]] || { log "dm-multipath map did not appear"; exit 1; }
MPATH_DM=/dev/$(basename "$(readlink -f "/sys/dev/block/$(dmsetup info --noheadings -c -o major,minor mpatha | tr -d ' ')")")
# Without udev, libdevmapper makes /dev/mapper/mpatha a device node of its own; on a real system
# udev makes it a symlink to ../dm-N. Do as udev does, so tools see the usual layout.
rm -f "$MPATH" && ln -s "../${MPATH_DM#/dev/}" "$MPATH"
log "multipath: $MPATH ($MPATH_DM) over $p1 $p2, uuid $mp_uuid"

# ---------------------------------------------------------------- LVM ------------------------
write_lvm_conf() {   # <dir> <device nodes this host may see...>
    local dir=$1; shift
    local accept="" d
    for d in "$@"; do accept+="\"a|^$d\$|\", "; done
    mkdir -p "$dir"
    cat > "$dir/lvm.conf" <<LVMCONF
# written by .ci/vm/guest/setup-targets.sh: this host's view only
devices {
    use_devicesfile = 0
    filter = [ $accept"r|.*|" ]
    global_filter = [ $accept"r|.*|" ]
    obtain_device_list_from_udev = 0
    external_device_info_source = "none"
    multipath_component_detection = 0
    md_component_detection = 0
    # nvmet's file backend reports 4096-byte blocks, LIO fileio 512
    allow_mixed_block_sizes = 1
}
activation {
    udev_sync = 0
    udev_rules = 0
    monitoring = 0
}
global {
    use_lvmlockd = 0
    locking_dir = "/run/lock/lvm"
    event_activation = 0
}
LVMCONF
}
write_lvm_conf "$RUN/lvm-a" "${NODE[lu0:A1]}" "${NODE[lu1:A1]}" "${NODE[lu2:A1]}" "$MPATH" "${NODE[ns1:A]}" "${NODE[ns2:A]}"
write_lvm_conf "$RUN/lvm-b" "${NODE[lu0:B1]}" "${NODE[lu1:B1]}" "${NODE[lu2:B1]}" "${NODE[lump:B1]}" "${NODE[ns1:B]}" "${NODE[ns2:B]}"
VG=vgmix
LVM_SYSTEM_DIR=$RUN/lvm-a pvcreate -q "${NODE[lu2:A1]}" "${NODE[ns2:A]}" >/dev/null
LVM_SYSTEM_DIR=$RUN/lvm-a vgcreate -q "$VG" "${NODE[lu2:A1]}" "${NODE[ns2:A]}" >/dev/null
LVM_SYSTEM_DIR=$RUN/lvm-a lvcreate -q -an -Zn -n lv0 -l 4 "$VG" >/dev/null 2>&1 \
    || LVM_SYSTEM_DIR=$RUN/lvm-a lvcreate -q -an -Zn -n lv0 -l 4 "$VG"
pvs_b=$(LVM_SYSTEM_DIR=$RUN/lvm-b vgs --noheadings -o pv_name --rows --separator ' ' "$VG" | xargs)
[[ -n $pvs_b ]] || { log "host B does not see VG $VG"; exit 1; }
log "LVM: VG $VG on ${NODE[lu2:A1]} ${NODE[ns2:A]} (host B sees $pvs_b)"

# ---------------------------------------------------------------- device map -----------------
{
    echo "# generated by .ci/vm/guest/setup-targets.sh; source it (bash)."
    echo "# LU_<lu>_<host>: node of a SCSI LU as seen by host A or B; NS_<ns>_<host>: NVMe namespace."
    echo "SCSI_FABRIC=$SCSI_FABRIC"
    echo "# initiator names as LIO's pr/ attributes show them"
    echo "INITIATOR_A=$INITIATOR_A"
    echo "INITIATOR_B=$INITIATOR_B"
    echo "# all initiator port names of host A (tcm_loop: one per path; iSCSI: one name, distinct ISIDs)"
    echo "INITIATORS_A=\"$(printf '%s\n' "${PORT_INITIATOR[A1]}" "${PORT_INITIATOR[A2]}" | sort -u | xargs)\""
    echo "SCSI_LUS=\"lu0 lu1 lu2\""
    for lu in lu0 lu1 lu2; do
        echo "LU_${lu}_A=${NODE[$lu:A1]}"
        echo "LU_${lu}_B=${NODE[$lu:B1]}"
        echo "LIO_${lu}=$LIO/core/fileio_${lu#lu}/$lu"
    done
    echo "# lump: host A through the dm-multipath map over two paths, host B through one path"
    echo "LU_lump_A=$MPATH"
    echo "LU_lump_A_DM=$MPATH_DM"
    echo "LU_lump_A_PATHS=\"$p1 $p2\""
    echo "LU_lump_B=${NODE[lump:B1]}"
    echo "LIO_lump=$LIO/core/fileio_3/lump"
    echo "NVME_NS=\"${NVME_NS[*]}\""
    for ns in "${NVME_NS[@]}"; do
        echo "NS_${ns}_A=${NODE[$ns:A]}"
        echo "NS_${ns}_B=${NODE[$ns:B]}"
    done
    echo "NVME_CTRL_A=/dev/${CTRL[A]}"
    echo "NVME_CTRL_B=/dev/${CTRL[B]}"
    echo "NVMET_SUBSYS=$sub"
    echo "HOSTNQN_A=$HOSTNQN_A"
    echo "HOSTNQN_B=$HOSTNQN_B"
    echo "HOSTID_A=$HOSTID_A"
    echo "HOSTID_B=$HOSTID_B"
    echo "VG=$VG"
    echo "VG_PVS_A=\"${NODE[lu2:A1]} ${NODE[ns2:A]}\""
    echo "VG_PVS_B=\"$pvs_b\""
    echo "LVM_SYSTEM_DIR_A=$RUN/lvm-a"
    echo "LVM_SYSTEM_DIR_B=$RUN/lvm-b"
} > "$RUN/devices.env"
# the same as a table: node protocol lu host path
{
    printf '# node\tprotocol\tlu\thost\tvia\n'
    for lu in lu0 lu1 lu2; do
        printf '%s\tscsi\t%s\tA\t%s\n' "${NODE[$lu:A1]}" "$lu" "${PORT_DESC[A1]}"
        printf '%s\tscsi\t%s\tB\t%s\n' "${NODE[$lu:B1]}" "$lu" "${PORT_DESC[B1]}"
    done
    printf '%s\tmultipath\tlump\tA\t%s %s\n' "$MPATH" "$p1" "$p2"
    printf '%s\tscsi\tlump\tA\t%s\n' "$p1" "${PORT_DESC[A1]}"
    printf '%s\tscsi\tlump\tA\t%s\n' "$p2" "${PORT_DESC[A2]}"
    printf '%s\tscsi\tlump\tB\t%s\n' "${NODE[lump:B1]}" "${PORT_DESC[B1]}"
    for ns in "${NVME_NS[@]}"; do
        printf '%s\tnvme\t%s\tA\t%s\n' "${NODE[$ns:A]}" "$ns" "${CTRL[A]}"
        printf '%s\tnvme\t%s\tB\t%s\n' "${NODE[$ns:B]}" "$ns" "${CTRL[B]}"
    done
} > "$RUN/devices.tsv"
log "device map: $RUN/devices.env"
[[ ${LVMPERSIST_VM_VERBOSE:-0} == 1 ]] && cat "$RUN/devices.tsv"
exit 0
