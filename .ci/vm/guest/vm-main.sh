#!/bin/bash
# Guest entry point (runs chrooted into the overlay of the host root, as PID 1's child).
# Sets up the targets unless told not to, runs the job's command with a timeout and writes its
# exit status to the job share, where run-in-vm picks it up.
set -u
JOB=/run/lvmpersist-vm/job
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=dumb LANG=C.UTF-8
# no udev in the VM: libdevmapper and LVM create their /dev nodes themselves
export DM_DISABLE_UDEV=1
# shellcheck source=/dev/null
source "$JOB/job.env"
export LVMPERSIST_REPO
# optional settings handed through by run-in-vm
for var in LVMPERSIST_CLI LVMPERSIST_VM_VERBOSE LVMPERSIST_VM_SKIP_CLI LVMPERSIST_VM_SCSI_FABRIC; do
    [[ -n ${!var:-} ]] && export "${var?}"
done

uptime_s() { cut -d' ' -f1 /proc/uptime; }

rc=0
if [[ $GUEST_SETUP == 1 ]]; then
    echo "=== guest: setting up targets ($(uptime_s)s since boot)"
    if ! timeout 120 bash "$LVMPERSIST_REPO/.ci/vm/guest/setup-targets.sh"; then
        echo "=== guest: target setup FAILED"
        rc=2
    fi
fi
if [[ $rc == 0 ]]; then
    echo "=== guest: running ${GUEST_CMD[*]} ($(uptime_s)s since boot)"
    cd "$LVMPERSIST_REPO" || exit 1
    # the budget counts from boot, so that the status still reaches the host before its timeout
    up=$(uptime_s); budget=$(( GUEST_TIMEOUT - ${up%.*} )); (( budget < 10 )) && budget=10
    timeout --kill-after=5 "$budget" bash "${GUEST_CMD[@]}"
    rc=$?
    [[ $rc == 124 ]] && echo "=== guest: script timed out after ${budget}s"
fi
echo "=== guest: exit status $rc ($(uptime_s)s since boot)"
echo "$rc" > "$JOB/rc"
sync
exit "$rc"
