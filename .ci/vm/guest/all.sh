#!/bin/bash
# Everything in one boot (saves a boot and the target setup): the sanity scenario with the
# independent tools, then our CLI's scenarios when the launcher is built. Each part starts from
# clean targets (every part clears what it set). Exit status 1 if any part failed.
set -u
here=$(dirname "$0")
CLI=${LVMPERSIST_CLI:-$LVMPERSIST_REPO/cli/target/dist/bin/lvmpersist}
results=()
status=0

part() {   # NAME SCRIPT
    local t0=$SECONDS rc
    echo; echo "################ $1"
    bash "$2"; rc=$?
    if [[ $rc == 0 ]]; then results+=("$1: PASSED ($((SECONDS - t0))s)")
    elif [[ $rc == 77 ]]; then results+=("$1: SKIPPED")
    else results+=("$1: FAILED, exit status $rc ($((SECONDS - t0))s)"); status=1; fi
}

part "sanity (sg_persist, nvme-cli, LIO configfs)" "$here/sanity.sh"
if [[ ${LVMPERSIST_VM_SKIP_CLI:-0} == 1 ]]; then
    results+=("cli-scenarios: SKIPPED (--sanity-only)")
elif [[ -f $CLI ]]; then
    part "cli-scenarios (our lvmpersist as host A and B)" "$here/cli-scenarios.sh"
else
    results+=("cli-scenarios: SKIPPED (launcher $CLI not built)")
fi
if [[ ${LVMPERSIST_VM_SKIP_CLI:-0} != 1 ]]; then
    part "differential (our transports: LIO/nvmet vs the simulator)" "$here/differential.sh"
fi
echo
echo "================ guest results"
printf '  %s\n' "${results[@]}"
exit $status
