# shellcheck shell=bash
# The one list of host packages the tests need (sourced by .ci/test and .ci/vm/run-vm-tests, so
# the two cannot drift apart). Each entry is "command package": the package is needed when the
# command is not found. Debian bookworm package names.
#
#   lvmpersist_missing_packages GROUP...   prints the missing packages (sorted, one per line)
#   lvmpersist_install_packages PKG...     apt-get installs them (root only), log on failure
#   lvmpersist_ensure_packages GROUP...    as root installs the missing ones; otherwise says
#                                          exactly what to install; status 1 while any is missing
#
# LVMPERSIST_PRETEND_MISSING="cmd ..." treats those commands as not installed (for testing this
# file: as root that only re-installs installed packages, which apt-get does not change).
#
# Groups: build (Maven build and the real-LVM tests), vm (the QEMU VM tests, .ci/vm: the guest
# chroots into the host root, so every tool it runs must be installed on the host).

LVMPERSIST_PACKAGES_build=(
    "mvn maven"
    "lvm lvm2"
    "losetup mount"
)
LVMPERSIST_PACKAGES_vm=(
    "qemu-system-x86_64 qemu-system-x86"
    "sg_persist sg3-utils"
    "nvme nvme-cli"
    "lvm lvm2"
    "dmsetup dmsetup"
    "iscsiadm open-iscsi"
    "iscsid open-iscsi"
    "modprobe kmod"
    "depmod kmod"
    "cpio cpio"
    "xz xz-utils"
    "jq jq"
    "ip iproute2"
    "ldd libc-bin"
    "dpkg-deb dpkg"
    "apt-get apt"
    "busybox-static busybox-static"   # not a command: see lvmpersist_has_command
)

# lvmpersist_has_command CMD: like command -v, also looking in the sbin directories (a non-root
# PATH often lacks them). "busybox-static" stands for a statically linked /bin/busybox: the
# initramfs has no libc, and the dynamic busybox package also installs /bin/busybox.
lvmpersist_has_command() {
    [[ " ${LVMPERSIST_PRETEND_MISSING:-} " == *" $1 "* ]] && return 1
    if [[ $1 == busybox-static ]]; then
        [[ -x /bin/busybox ]] && [[ $(LC_ALL=C ldd /bin/busybox 2>&1) == *"not a dynamic"* ]]
        return
    fi
    PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin" command -v "$1" >/dev/null 2>&1
}

lvmpersist_missing_packages() {
    local group entry cmd pkg
    for group in "$@"; do
        local -n list="LVMPERSIST_PACKAGES_$group"
        for entry in "${list[@]}"; do
            read -r cmd pkg <<<"$entry"
            lvmpersist_has_command "$cmd" || printf '%s\n' "$pkg"
        done
        unset -n list
    done | sort -u
}

lvmpersist_install_packages() {
    local log
    log=$(mktemp /tmp/lvmpersist-apt.XXXXXX)
    echo "lvmpersist: installing $* (apt-get, log $log)" >&2
    export DEBIAN_FRONTEND=noninteractive
    if apt-get update -q >"$log" 2>&1 \
        && apt-get install -y -q --no-install-recommends "$@" >>"$log" 2>&1; then
        rm -f "$log"
        return 0
    fi
    tail -20 "$log" >&2
    echo "lvmpersist: apt-get install $* failed (full log: $log)" >&2
    return 1
}

lvmpersist_ensure_packages() {
    local missing
    mapfile -t missing < <(lvmpersist_missing_packages "$@")
    [[ ${#missing[@]} == 0 ]] && return 0
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        lvmpersist_install_packages "${missing[@]}" || return 1
        mapfile -t missing < <(LVMPERSIST_PRETEND_MISSING='' lvmpersist_missing_packages "$@")
        [[ ${#missing[@]} == 0 ]] && return 0
        echo "lvmpersist: still missing after apt-get install: ${missing[*]}" >&2
        return 1
    fi
    echo "lvmpersist: missing host packages (for the tests: $*): ${missing[*]}" >&2
    echo "lvmpersist: install them as root:  apt-get install --no-install-recommends ${missing[*]}" >&2
    return 1
}
