#!/usr/bin/env bash
# The three start-up figures of README.md ("Start-up"), each against its reference, in one run on one machine:
#   1. `countersign safe hash REQ --json`, cold process, wall time
#        vs a Node.js script with ethers v6 printing the same safeTxHash (bench/node/safe-hash.js);
#   2. console start to its main window mapped (Xvfb)
#        vs a bare JavaFX 25 window with one label (bench/fx-reference/HelloLabel.java, same JDK
#        and JavaFX jars as the console);
#   3. console idle resident memory (VmRSS) after opening a queue of 100 requests vs 250 MB.
# The runs are interleaved (A, ref A, B, ref B, then ref A, A, ref B, B, … N times), so a noisy
# machine slows both sides alike; the medians and their ratios are printed. A ratio <= 1 meets the target.
#
# Usage: bench/startup.sh [RUNS]   (default 7; needs a built app, node/npm, Xvfb and xdotool)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
runs="${1:-7}"
java_home="${COUNTERSIGN_JAVA:+$(dirname "$(dirname "$COUNTERSIGN_JAVA")")}"
java_home="${java_home:-/usr/lib/jvm/temurin-25-jdk-amd64}"
lib_fx="$root/app/target/lib-fx"
work="$(mktemp -d /tmp/countersign-bench.XXXXXX)"
xvfb_pid=""
app_pid=""
cleanup() {
  [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null || true
  [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

[[ -f "$root/app/target/countersign.jar" ]] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
for tool in node npm Xvfb xdotool; do
  command -v "$tool" >/dev/null || { echo "startup.sh needs $tool" >&2; exit 1; }
done
[[ -d "$here/node/node_modules/ethers" ]] || npm ci --prefix "$here/node" --no-audit --no-fund >/dev/null

if grep -qs "did not start" "$root/app/target/aot/aot-cache-console.log"; then
  echo "note: the console's AOT cache was trained without a display; build with one for the real figure:" \
    "xvfb-run -a mvn -q -DskipTests package" >&2
fi

# The JavaFX reference, compiled with the console's JDK against the console's JavaFX jars.
fx_cp="$(ls "$lib_fx"/javafx-*.jar | tr '\n' ':')"
mkdir -p "$work/fx-reference"
"$java_home/bin/javac" --release 25 -d "$work/fx-reference" -cp "$fx_cp" "$here/fx-reference/HelloLabel.java"

# The request hashed, and a data folder with 100 requests for the console.
req="$here/request.json"
node "$here/node/make-requests.js" "$req" "$work/data" 100
cs_hash="$("$root/countersign" safe hash "$req" --json | sed -n 's/.*"safeTxHash":"\(0x[0-9a-f]*\)".*/\1/p')"
node_hash="$(node "$here/node/safe-hash.js" "$req" | sed -n 's/.*"safeTxHash":"\(0x[0-9a-f]*\)".*/\1/p')"
if [[ -z "$cs_hash" || "$cs_hash" != "$node_hash" ]]; then
  echo "the two safeTxHashes differ: countersign $cs_hash, ethers $node_hash" >&2
  exit 1
fi

Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do [[ -s "$work/display" ]] && break; sleep 0.05; done
export DISPLAY=":$(cat "$work/display")"
for _ in $(seq 100); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.05; done

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# Wall time of one command, output discarded.
time_cmd() {
  local t0 t1
  t0="$(now)"; "$@" >/dev/null; t1="$(now)"
  elapsed "$t0" "$t1"
}

# Starts a window app in the background, waits until a window with exactly this title is
# mapped (viewable), prints the seconds that took; app_pid stays set for the caller.
time_window() {
  local title="$1"; shift
  local t0 t1
  t0="$(now)"
  "$@" >/dev/null 2>"$work/window.err" &
  app_pid=$!
  until xdotool search --onlyvisible --name "^$title\$" >/dev/null 2>&1; do
    if ! kill -0 "$app_pid" 2>/dev/null; then
      echo "$title exited before its window showed:" >&2; cat "$work/window.err" >&2; exit 1
    fi
    sleep 0.01
  done
  t1="$(now)"
  elapsed "$t0" "$t1"
}

stop_app() {
  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
}

# Resident memory (MB) of app_pid once it has settled: VmRSS changes by less than 1 MB over
# 2 s (or 20 s have passed).
settled_rss_mb() {
  local prev=0 cur stable=0
  for _ in $(seq 40); do
    sleep 0.5
    cur="$(awk '/^VmRSS/ { print $2 }' "/proc/$app_pid/status")"
    if (( cur - prev < 1024 && prev - cur < 1024 )); then stable=$((stable + 1)); else stable=0; fi
    prev=$cur
    (( stable >= 4 )) && break
  done
  awk -v kb="$prev" 'BEGIN { printf "%.1f", kb / 1024 }'
}

# env execs the launcher, which execs java: app_pid is the console's JVM.
console=(env COUNTERSIGN_DATA_DIR="$work/data" COUNTERSIGN_DEV_MODE=1 COUNTERSIGN_OFFLINE=1 "$root/countersign")

: >"$work/cli" >"$work/node" >"$work/console" >"$work/fx" >"$work/rss"
measure_cli() { time_cmd "$root/countersign" safe hash "$req" --json >>"$work/cli"; echo >>"$work/cli"; }
measure_node() { time_cmd node "$here/node/safe-hash.js" "$req" >>"$work/node"; echo >>"$work/node"; }
measure_console() {
  time_window Countersign "${console[@]}" >>"$work/console"; echo >>"$work/console"
  settled_rss_mb >>"$work/rss"; echo >>"$work/rss"
  stop_app
}
measure_fx() {
  time_window HelloLabel "$java_home/bin/java" -cp "$work/fx-reference:$fx_cp" HelloLabel >>"$work/fx"; echo >>"$work/fx"
  stop_app
}

for i in $(seq "$runs"); do
  # Odd runs measure Countersign first, even runs the reference first, so neither side always
  # runs right after a window has closed; a second's pause lets a closed window's process go.
  if (( i % 2 )); then measure_cli; measure_node; else measure_node; measure_cli; fi
  sleep 1
  if (( i % 2 )); then measure_console; sleep 1; measure_fx; else measure_fx; sleep 1; measure_console; fi
  sleep 1
  echo "run $i/$runs: hash $(tail -1 "$work/cli")s vs $(tail -1 "$work/node")s," \
    "window $(tail -1 "$work/console")s vs $(tail -1 "$work/fx")s, RSS $(tail -1 "$work/rss") MB" >&2
done

median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
cli="$(median "$work/cli")"; node_t="$(median "$work/node")"
con="$(median "$work/console")"; fx="$(median "$work/fx")"
rss="$(median "$work/rss")"

echo "Countersign start-up, $(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), median of $runs interleaved runs"
printf '%-52s %8s  %-30s %8s  ratio %s\n' \
  "safe hash REQ --json (s)" "$cli" "ethers TypedDataEncoder (s)" "$node_t" "$(ratio "$cli" "$node_t")" \
  "console start to main window mapped (s)" "$con" "JavaFX window, one label (s)" "$fx" "$(ratio "$con" "$fx")" \
  "console idle RSS, 100 requests queued (MB)" "$rss" "target (MB)" "250" "$(ratio "$rss" 250)"
