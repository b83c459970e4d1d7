# Sourced by the .ci scripts: exports JAVA_HOME for a JDK >= 22, or fails with a clear message.
lvmpersist_java_major() {
    sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}
lvmpersist_pick_jdk() {
    for home in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
        [ -n "$home" ] && [ -x "$home/bin/javac" ] || continue
        v=$(lvmpersist_java_major "$home")
        if [ -n "$v" ] && [ "$v" -ge 22 ]; then
            export JAVA_HOME="$home"
            export PATH="$JAVA_HOME/bin:$PATH"
            return 0
        fi
    done
    echo "lvmpersist: no JDK 22 or newer found (looked at JAVA_HOME=${JAVA_HOME:-unset} and /usr/lib/jvm/*)." >&2
    echo "lvmpersist: install one (e.g. apt-get install openjdk-25-jdk or Temurin 25) or set JAVA_HOME." >&2
    return 1
}
lvmpersist_pick_jdk || exit 4
echo "lvmpersist: using JDK at $JAVA_HOME ($(lvmpersist_java_major "$JAVA_HOME"))" >&2
