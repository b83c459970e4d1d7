#!/bin/bash
# JMH micro-benchmarks (FFM ioctl round trip on /dev/null, SCSI and NVMe encoders/decoders). They live in
# src/jmh/java of transport-sgio and transport-nvme and are compiled only by the Maven profile 'bench',
# never by `mvn verify`. Needs transport-api in ~/.m2 (mvn install -DskipTests).
#
#   docs/bench/jmh.sh [JMH-ARGS...]     default: -f 1 -wi 3 -w 1s -i 5 -r 1s (brief: wide errors on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/../.."
args="${*:--f 1 -wi 3 -w 1s -i 5 -r 1s}"
for module in transport-sgio transport-nvme; do
    mvn -B -q -ntp -Pbench -pl "$module" test-compile exec:exec@jmh -Djmh.args="$args"
done
