#!/usr/bin/env bash
# What simulating adds to `safe sign` on anvil, against one bare JSON-RPC round trip
# (docs/simulation.md, "Cost"). Runs bench/simulate/SimulateBench.java in one warmed-up JVM on
# the built jars; interleaved runs, medians printed.
#
# Usage: bench/simulate.sh [RUNS]   (default 40; needs a built app: mvn -q -DskipTests package)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
java="${COUNTERSIGN_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
[[ -f "$root/app/target/countersign.jar" ]] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
cp="$root/app/target/countersign.jar:$(ls "$root"/app/target/lib/*.jar | tr '\n' ':')"
exec "$java" -cp "$cp" "$here/simulate/SimulateBench.java" "$root/testchain/node_modules" "${1:-40}"
