# shellcheck shell=bash disable=SC2034
# Shared settings for the .ci/vm scripts (sourced, not executed).
# Everything downloaded or built lives OUTSIDE the repository, in the cache directory.

VM_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$VM_DIR/../.." && pwd)"
VM_CACHE="${LVMPERSIST_VM_CACHE:-/var/cache/lvmpersist-vm}"

# The kernel must be >= 6.13 (nvmet reservations). trixie-backports carries one; if this exact
# package has left the archive, fetch-kernel falls back to whatever linux-image-amd64 points to there.
VM_KERNEL_PKG="${LVMPERSIST_VM_KERNEL_PKG:-linux-image-6.17.13+deb13-amd64}"
VM_DEBIAN_MIRROR="${LVMPERSIST_VM_MIRROR:-http://deb.debian.org/debian}"

vm_log() { printf '[vm] %s\n' "$*" >&2; }
vm_die() { printf '[vm] ERROR: %s\n' "$*" >&2; exit 1; }

# True when /bin/busybox is the static build (busybox-static): the initramfs has no libc.
vm_busybox_is_static() {
    local out
    [[ -x /bin/busybox ]] || return 1
    out=$(LC_ALL=C ldd /bin/busybox 2>&1)
    [[ $out == *"not a dynamic"* ]]
}

# Directory of the unpacked kernel package (written by fetch-kernel).
vm_kernel_dir() { printf '%s/kernel/current' "$VM_CACHE"; }
