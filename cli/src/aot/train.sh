#!/bin/sh
# Makes the JDK 25 AOT cache of the CLI (JEP 483/514/515): one training run of the common commands
# through the real launcher (so the class path and JVM flags are exactly those of later runs),
# recorded with -XX:AOTCacheOutput. Writes DIST/lib/lvmpersist.aot and DIST/lib/lvmpersist.aot.jdk,
# the identity of the runtime it belongs to, which the launcher compares before using the cache.
# Run by the 'aot' profile of cli/pom.xml (active on JDK 25+) as:  sh train.sh DIST JAVA_HOME
set -eu
dist=$1
# The runtime the launcher will pick: a bundled jlink runtime first, else the building JDK.
if [ -x "$dist/runtime/bin/java" ]; then
    runtime="$dist/runtime"
    unset LVMPERSIST_JAVA_HOME
else
    runtime=$2
    export LVMPERSIST_JAVA_HOME="$2"
fi
bin="$dist/bin/lvmpersist"
lib="$dist/lib"
work=$(mktemp -d "${TMPDIR:-/tmp}/lvmpersist-aot.XXXXXX")
trap 'rm -rf "$work"' EXIT
rm -f "$lib/lvmpersist.aot" "$lib/lvmpersist.aot.jdk"
unset LVMPERSIST_SIM LVMPERSIST_SIM_HOST JDK_JAVA_OPTIONS
# The training run: AotTraining (started by Main when lvmpersist.aot.training is set) runs the common
# commands on a scratch simulated SAN in this one JVM. The JVM reports the classes it cannot archive
# (picocli's pre-Java-6 class files) on its log: kept out of the build's output unless training fails.
JDK_JAVA_OPTIONS="-XX:AOTCacheOutput=$lib/lvmpersist.aot -Dlvmpersist.aot.training=$work/training" \
    "$bin" >"$work/training.log" 2>&1 || {
    cat "$work/training.log" >&2
    exit 1
}
# The runtime's identity, which the launcher checks (with shell built-ins) before passing -XX:AOTCache:
# these lines of its release file.
grep -E '^(JAVA_RUNTIME_VERSION|IMPLEMENTOR|MODULES)=' "$runtime/release" >"$lib/lvmpersist.aot.jdk"
grep -q '^JAVA_RUNTIME_VERSION=' "$lib/lvmpersist.aot.jdk" || {
    echo "train.sh: no JAVA_RUNTIME_VERSION in $runtime/release" >&2
    exit 1
}
echo "AOT cache: $lib/lvmpersist.aot ($(stat -c %s "$lib/lvmpersist.aot") bytes) for $(sed -n 's/^JAVA_RUNTIME_VERSION=//p' "$lib/lvmpersist.aot.jdk")"
