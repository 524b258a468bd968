#!/usr/bin/env bash
# Runs the benchmark suite and writes benchmarks/results/latest.md and latest.json.
#
#   benchmarks/run.sh            # quick profile: a few minutes on 2 cores
#   benchmarks/run.sh --smoke    # 1 short iteration of everything: checks the plumbing
#   benchmarks/run.sh --no-build --only 'Pekko.*' --no-footprint --no-elixir
#
# Builds benchmarks/target/benchmarks.jar with the Maven wrapper first (skip with --no-build),
# then runs it on a JDK 21 or newer: $JAVA_HOME if it is one, else the newest under /usr/lib/jvm.
# Every other option goes to the runner (dev.genserver.benchmarks.Report; --help lists them).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"

java_major() { # prints the major version of the JDK whose home is $1, or 0
    local release="$1/release" v
    [[ -x "$1/bin/java" && -f "$release" ]] || { echo 0; return; }
    v="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$release")"
    v="${v#1.}"
    echo "${v%%[.+-]*}"
}

find_jdk() {
    local best="" best_major=0 home major
    if [[ -n "${JAVA_HOME:-}" ]] && (( $(java_major "$JAVA_HOME") >= 21 )); then
        echo "$JAVA_HOME"; return
    fi
    for home in /usr/lib/jvm/*; do
        major="$(java_major "$home")"
        if (( major >= 21 && major > best_major )); then best="$home"; best_major=$major; fi
    done
    [[ -n "$best" ]] || { echo "no JDK 21+ found: set JAVA_HOME or install one under /usr/lib/jvm" >&2; exit 1; }
    echo "$best"
}

build=1
args=()
for a in "$@"; do
    if [[ "$a" == "--no-build" ]]; then build=0; else args+=("$a"); fi
done

jdk="$(find_jdk)"
if (( build )); then
    (cd "$root" && ./mvnw -q -pl benchmarks -am package -DskipTests)
fi
jvm_opts=()
# JDK 23+ warns when JMH or Pekko use sun.misc.Unsafe; allow it quietly.
if (( $(java_major "$jdk") >= 23 )); then jvm_opts+=(--sun-misc-unsafe-memory-access=allow); fi
# Run a private copy of the jar: a build running meanwhile (`./mvnw verify` in another shell)
# rewrites target/benchmarks.jar, and a JVM whose jar is replaced under it fails to load classes.
# The JMH forks and footprint JVMs inherit the copy's class path.
run_dir="$(mktemp -d "${TMPDIR:-/tmp}/genserver-benchmarks.XXXXXX")"
trap 'rm -rf "$run_dir"' EXIT
cp "$here/target/benchmarks.jar" "$run_dir/benchmarks.jar"
cd "$root"
"$jdk/bin/java" "${jvm_opts[@]}" -jar "$run_dir/benchmarks.jar" --out "$here/results" "${args[@]}"
