#!/bin/sh
# Installs Countersign's udev rules so Ledger and Trezor devices open without root.
# Usage: sudo packaging/linux/udev/install-udev-rules.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
rules=51-countersign-hw-wallets.rules
if [ "$(id -u)" -ne 0 ]; then
    echo "run as root: sudo $0" >&2
    exit 1
fi
install -m 0644 "$here/$rules" "/etc/udev/rules.d/$rules"
udevadm control --reload-rules
udevadm trigger
echo "installed /etc/udev/rules.d/$rules; unplug and replug your Ledger or Trezor"
