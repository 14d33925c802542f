#!/usr/bin/env bash
# Acceptance test of the Linux .deb (docs/install.md): build it, install it with dpkg, run the installed
# command line and console, remove it, and check that only the user's data folder is left.
#
# Usage (as root, on a Debian/Ubuntu machine with Xvfb):
#   packaging/linux/test-deb.sh              build the .deb with `mvn -Ppackage`, then test it
#   packaging/linux/test-deb.sh --no-build   test the .deb already in packaging/target/installers
#
# Needs: maven, JDK 25 (found by the root POM's toolchain), dpkg, fakeroot, binutils,
# xvfb xauth libgtk-3-0 libxtst6 libgl1, imagemagick (`import`). Missing runtime dependencies
# of the .deb are installed with apt-get first (set COUNTERSIGN_TEST_NO_APT=1 to fail instead).
# Idempotent: a Countersign package left installed by an earlier run is purged first.
# Exit status: 0 when every check passed, 1 on the first failure.
# Leaves: packaging/target/test-deb/ (screenshot console.png, request, logs, the data folder).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
target="$root/packaging/target"
work="$target/test-deb"
max_deb_bytes=$((80 * 1024 * 1024))
build=1
[[ "${1:-}" == "--no-build" ]] && build=0

t_start=$(date +%s)
step_start=$t_start
step() { local now; now=$(date +%s); printf '\n== [%4ss] %s\n' "$((now - t_start))" "$*"; step_start=$now; }
ok() { printf '   ok   %s\n' "$*"; }
fail() { printf '   FAIL %s\n' "$*" >&2; exit 1; }
took() { printf '   (%ss)\n' "$(( $(date +%s) - step_start ))"; }

[[ $(id -u) -eq 0 ]] || fail "run as root (dpkg -i / dpkg -r): sudo $0"
for tool in dpkg dpkg-deb xvfb-run import convert; do
    command -v "$tool" >/dev/null || fail "missing tool: $tool (apt-get install -y xvfb xauth imagemagick)"
done

pom_version=$(sed -n '0,/<version>/s|.*<version>\(.*\)</version>.*|\1|p' "$root/pom.xml")
[[ -n "$pom_version" ]] || fail "could not read the version from $root/pom.xml"

remove_leftovers() {
    if dpkg-query -W -f='${Status}' countersign 2>/dev/null | grep -qv 'not-installed'; then
        echo "   an earlier countersign package is installed: purging it"
        dpkg -P countersign >/dev/null
    fi
}

step "clean state"
remove_leftovers
rm -rf "$work"
mkdir -p "$work"
ok "work folder $work"
took

if [[ $build -eq 1 ]]; then
    # The README's installer command (README.md, "Installers"), under Xvfb: the build trains the
    # app image's AOT cache on a console start. It builds each installer type whose tool is
    # installed and says which it skipped (packaging/installers/BuildInstallers.java).
    step "build the installers: xvfb-run -a mvn -Ppackage -DskipTests -pl packaging -am package"
    (cd "$root" && xvfb-run -a mvn -q -Ppackage -DskipTests -pl packaging -am package) \
        > "$work/build.log" 2>&1 || { tail -40 "$work/build.log" >&2; fail "build failed (log: $work/build.log)"; }
    ok "built"
    grep -q '^\[installers\]   deb: built installers/countersign_.*\.deb' "$work/build.log" \
        || { grep '^\[installers\]' "$work/build.log" >&2; fail "the build did not report the .deb built"; }
    ok "the build reports the .deb built"
    rpm_missing=()
    command -v rpm >/dev/null || rpm_missing+=(rpm)
    command -v rpmbuild >/dev/null || rpm_missing+=(rpmbuild)
    if ((${#rpm_missing[@]})); then
        expected="[installers]   rpm: skipped, $(printf '%s' "${rpm_missing[0]}")${rpm_missing[1]:+ and ${rpm_missing[1]}} not found: sudo apt-get install rpm"
        grep -qxF "$expected" "$work/build.log" \
            || { grep '^\[installers\]' "$work/build.log" >&2; fail "expected the line: $expected"; }
        compgen -G "$target/installers/*.rpm" >/dev/null && fail "an .rpm was made without rpm tools"
        ok "without ${rpm_missing[*]} the .rpm is skipped, and the build says so: ${expected#\[installers\]   }"
    else
        compgen -G "$target/installers/countersign-*.rpm" >/dev/null || fail "rpmbuild is installed but no .rpm was made"
        ok "rpmbuild is installed and the .rpm was made"
    fi
    took

    step "the installer step fails when no type can be built (PATH without dpkg-deb, fakeroot, rpmbuild)"
    jdk_java=$(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | while read -r j; do
        "$j" -version 2>&1 | grep -q 'version "25' && { echo "$j"; break; }; done)
    [[ -n "$jdk_java" ]] || fail "no JDK 25 under /usr/lib/jvm to run packaging/installers/BuildInstallers.java"
    set +e
    (cd "$target" && PATH=/nonexistent "$jdk_java" "$root/packaging/installers/BuildInstallers.java" linux countersign deb rpm false false) \
        > "$work/no-tools.log" 2>&1
    status=$?
    set -e
    [[ $status -eq 1 ]] || { cat "$work/no-tools.log" >&2; fail "expected exit 1 without any packaging tool, got $status"; }
    grep -qF '[installers] no installer could be built' "$work/no-tools.log" || { cat "$work/no-tools.log" >&2; fail "no 'no installer could be built' line"; }
    grep -qF '[installers] deb: skipped, dpkg-deb, dpkg and fakeroot not found' "$work/no-tools.log" \
        || { cat "$work/no-tools.log" >&2; fail "the .deb's missing tools are not named"; }
    ok "exit 1: $(grep -F 'no installer could be built' "$work/no-tools.log")"
    took
fi

step "the .deb"
shopt -s nullglob
debs=("$target"/installers/countersign_*_amd64.deb "$target"/installers/countersign_*.deb)
shopt -u nullglob
[[ ${#debs[@]} -gt 0 ]] || fail "no .deb in $target/installers (run without --no-build)"
deb=${debs[0]}
size=$(stat -c %s "$deb")
printf '   %s: %s bytes (%s MB)\n' "$(basename "$deb")" "$size" "$(awk -v s="$size" 'BEGIN{printf "%.1f", s/1048576}')"
[[ $size -le $max_deb_bytes ]] || fail ".deb is larger than 80 MB"
ok ".deb is at most 80 MB"
dpkg-deb -f "$deb" Package Version Depends Installed-Size | sed 's/^/   /'
took

step "runtime dependencies of the .deb"
missing=()
IFS=',' read -ra groups <<< "$(dpkg-deb -f "$deb" Depends)"
for group in "${groups[@]}"; do
    satisfied=0
    IFS='|' read -ra alternatives <<< "$group"
    for alt in "${alternatives[@]}"; do
        name=$(echo "$alt" | sed 's/(.*)//; s/[[:space:]]//g')
        if dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q 'install ok installed' \
           || dpkg-query -W -f='${Provides}\n' 2>/dev/null | tr ',' '\n' | sed 's/(.*)//; s/[[:space:]]//g' | grep -qx "$name"; then
            satisfied=1; break
        fi
    done
    [[ $satisfied -eq 1 ]] || missing+=("$(echo "${alternatives[0]}" | sed 's/(.*)//; s/[[:space:]]//g')")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    [[ -z "${COUNTERSIGN_TEST_NO_APT:-}" ]] || fail "missing dependencies: ${missing[*]}"
    echo "   installing missing dependencies: ${missing[*]}"
    apt-get install -y --no-install-recommends "${missing[@]}" > "$work/apt.log" 2>&1 || fail "apt-get failed (log: $work/apt.log)"
fi
ok "all dependencies present"
took

step "install: dpkg -i"
dpkg -i "$deb" > "$work/dpkg-install.log" 2>&1 || { cat "$work/dpkg-install.log" >&2; fail "dpkg -i failed"; }
[[ -x /opt/countersign/bin/countersign ]] || fail "/opt/countersign/bin/countersign missing"
[[ -x /opt/countersign/bin/countersign-cli ]] || fail "/opt/countersign/bin/countersign-cli missing or not executable"
[[ -L /usr/bin/countersign && "$(readlink /usr/bin/countersign)" == /opt/countersign/bin/countersign-cli ]] \
    || fail "/usr/bin/countersign is not a symlink to /opt/countersign/bin/countersign-cli"
rules=/usr/lib/udev/rules.d/51-countersign-hw-wallets.rules
cmp -s "$rules" "$root/packaging/linux/udev/51-countersign-hw-wallets.rules" || fail "$rules missing or not the packaged rules"
desktop=$(grep -l '^Exec=/opt/countersign/bin/countersign' /usr/share/applications/*.desktop 2>/dev/null | head -1 || true)
[[ -n "$desktop" ]] || fail "no desktop entry for /opt/countersign/bin/countersign in /usr/share/applications"
ok "/opt/countersign, /usr/bin/countersign -> /opt/countersign/bin/countersign-cli, $rules, $desktop"
took

# The user's data folder for everything below: $XDG_DATA_HOME/countersign (DataDirs), so the
# removal check can tell it apart and make sure it survives.
export XDG_DATA_HOME="$work/xdg-data"
data_dir="$XDG_DATA_HOME/countersign"

step "installed CLI: countersign --version"
out=$(cd / && countersign --version 2>&1) || fail "countersign --version exited $?: $out"
echo "$out" | sed 's/^/   /'
echo "$out" | grep -qx "Countersign $pom_version" || fail "expected 'Countersign $pom_version' (the POM version)"
echo "$out" | grep -q '^Java 25' || fail "expected the bundled Java 25 runtime"
ok "version from the POM, bundled Java 25"
took

step "installed CLI: safe propose (offline) + safe hash"
req="$work/request.json"
(cd / && countersign safe propose --offline --dev-mode \
    --safe 0x1111111111111111111111111111111111111111 \
    --to 0x2222222222222222222222222222222222222222 --value 1 \
    --chain-id 1 --safe-version 1.4.1 \
    --owners 0xaAaAaAaaAaAaAaaAaAAAAAAAAaaaAaAaAaaAaaAa,0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB,0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC \
    --threshold 2 --nonce 0 --out "$req") > "$work/propose.log" 2>&1 \
    || { cat "$work/propose.log" >&2; fail "safe propose failed"; }
[[ -s "$req" ]] || fail "no request file written"
hash_out=$(cd / && countersign --json safe hash "$req" 2>&1) || fail "safe hash exited non-zero: $hash_out"
echo "$hash_out" | sed 's/^/   /'
echo "$hash_out" | grep -Eq '"safeTxHash" *: *"0x[0-9a-f]{64}"' || fail "no safeTxHash in the output"
ok "request written and hashed by the installed command"
took

step "the installed command starts from its AOT cache (README.md, Start-up)"
[[ -s /opt/countersign/lib/app/countersign.aot ]] || fail "no /opt/countersign/lib/app/countersign.aot (the console's)"
[[ -s /opt/countersign/lib/app/countersign-cli.aot ]] || fail "no /opt/countersign/lib/app/countersign-cli.aot (the command line's)"
(cd / && JAVA_TOOL_OPTIONS="-Xlog:class+load=info:file=$work/class-load.log" countersign --json safe hash "$req") \
    > "$work/hash-aot.log" 2>&1 || { cat "$work/hash-aot.log" >&2; fail "safe hash with class logging failed"; }
grep -q 'io.countersign.app.Main source: shared objects file' "$work/class-load.log" \
    || fail "io.countersign.app.Main was not loaded from the AOT cache (log: $work/class-load.log)"
shared=$(grep -c 'source: shared objects file' "$work/class-load.log")
ok "$shared of $(wc -l < "$work/class-load.log") classes from /opt/countersign/lib/app/countersign-cli.aot"
took

step "natives from inside the image: hid4java/usb4java (devices), sqlite-jdbc (audit verify)"
dev_out=$(cd / && countersign --json devices 2>&1) || fail "countersign devices exited non-zero: $dev_out"
echo "$dev_out" | sed 's/^/   /'
echo "$dev_out" | grep -q '"devices"' || fail "devices printed no JSON"
if echo "$dev_out" | grep -qi 'unavailable\|UnsatisfiedLink\|could not load'; then
    fail "a transport's native library did not load on linux-x86_64"
fi
audit_out=$(cd / && countersign --dev-mode audit verify --data-dir "$work/audit-data" 2>&1) \
    || fail "audit verify exited non-zero: $audit_out"
echo "$audit_out" | sed 's/^/   /'
ls "$work/audit-data" | grep -q . || fail "audit verify created no journal (sqlite-jdbc)"
ok "HID/WebUSB discovery ran without an unavailable-transport note; SQLite journal opened"
took

step "installed console under Xvfb (screenshot)"
shot="$work/console.png"
xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
    set -u
    /usr/bin/countersign > "$0/console.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 90); do
        if xwininfo -root -tree 2>/dev/null | grep -q "\"Countersign\""; then break; fi
        if ! kill -0 $pid 2>/dev/null; then echo "console exited early" >&2; exit 3; fi
        sleep 1
    done
    xwininfo -root -tree | grep -q "\"Countersign\"" || { echo "no Countersign window after 90 s" >&2; kill $pid; exit 4; }
    sleep 3
    import -window root "$1"
    kill $pid; wait $pid 2>/dev/null || true
' "$work" "$shot" || { cat "$work/console.log" >&2; fail "console did not show a window"; }
[[ -s "$shot" ]] || fail "no screenshot"
colors=$(convert "$shot" -format '%k' info:)
[[ $colors -gt 16 ]] || fail "screenshot is (nearly) blank: $colors colours"
ok "window 'Countersign' shown; screenshot $shot ($colors colours)"
took

step "remove: dpkg -r, then dpkg -P"
dpkg -r countersign > "$work/dpkg-remove.log" 2>&1 || { cat "$work/dpkg-remove.log" >&2; fail "dpkg -r failed"; }
dpkg -P countersign > "$work/dpkg-purge.log" 2>&1 || { cat "$work/dpkg-purge.log" >&2; fail "dpkg -P failed"; }
left=()
[[ -e /opt/countersign ]] && left+=(/opt/countersign)
[[ -e /usr/bin/countersign || -L /usr/bin/countersign ]] && left+=(/usr/bin/countersign)
[[ -e $rules ]] && left+=("$rules")
[[ -e $desktop ]] && left+=("$desktop")
if dpkg-query -W countersign >/dev/null 2>&1; then left+=("dpkg database entry"); fi
[[ ${#left[@]} -eq 0 ]] || fail "left after removal: ${left[*]}"
ok "/opt/countersign, /usr/bin/countersign, $rules, desktop entry and the dpkg entry are gone"
[[ -d "$data_dir" || -d "$work/audit-data" ]] || fail "the user's data folder did not survive"
ok "user data kept: $(ls -d "$data_dir" "$work/audit-data" 2>/dev/null | tr '\n' ' ')"
took

printf '\nPASS test-deb.sh in %ss (.deb %s bytes)\n' "$(( $(date +%s) - t_start ))" "$size"
