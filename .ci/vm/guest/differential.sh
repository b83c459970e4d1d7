#!/bin/bash
# shellcheck disable=SC2154  # LU_*, NS_* come from devices.env (lib-guest.sh)
# Differential test: the same seeded random PR command sequences go through our transports to LIO
# (SG_IO) and nvmet (NVMe passthrough) and to the simulator; every step's outcome and the resulting
# keys / reservation / generation must agree (cli/src/test/java/io/lvmpersist/cli/vm/DifferentialMain.java).
set -u
source "$(dirname "$0")/lib-guest.sh"
CLASSES=$LVMPERSIST_REPO/cli/target/test-classes
LIB=$LVMPERSIST_REPO/cli/target/dist/lib
if [[ ! -d $CLASSES || ! -d $LIB ]]; then
    echo "differential: SKIPPED: build the tree first (mvn package: cli/target/test-classes and dist/lib)"
    exit 77
fi
if [[ $SCSI_FABRIC == loop ]]; then
    echo "differential: SKIPPED: the tcm_loop fabric deadlocks on PREEMPT AND ABORT (use the default iscsi)"
    exit 77
fi
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
STEPS=${LVMPERSIST_DIFF_STEPS:-40}
SEEDS=${LVMPERSIST_DIFF_SEEDS:-1 2}
echo "--- seeds $SEEDS, $STEPS steps each, SCSI ${LU_lu1_A}/${LU_lu1_B}, NVMe ${NS_ns1_A}/${NS_ns1_B}"
# all seeds in one JVM (a JVM start costs 5-30 s under TCG); each step prints a line
status=0
timeout -k 5 900 "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED \
    -Dslf4j.provider=io.lvmpersist.cli.logging.WarningsProvider \
    -cp "$CLASSES:$LIB/*" io.lvmpersist.cli.vm.DifferentialMain "$(tr -s ' ' ',' <<<"$SEEDS")" "$STEPS" \
    scsi "$LU_lu1_A" "$LU_lu1_B" nvme "$NS_ns1_A" "$NS_ns1_B" || status=1
if [[ $status == 0 ]]; then echo "differential: 1 passed, 0 failed"; else echo "differential: 0 passed, 1 failed"; fi
exit $status
