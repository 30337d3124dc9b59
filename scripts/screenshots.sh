#!/usr/bin/env bash
# Takes the console's screenshots for the README under a virtual X server (Xvfb), from the demo vault.
#   scripts/screenshots.sh [BUILD_DIR] [OUT_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
out="${2:-$root/docs/screenshots}"
ninja -C "$build" shoot_console >/dev/null
# A scratch home: the demo vault and settings of the screenshots never touch the user's own.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
HOME="$scratch" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s "-screen 0 1600x1000x24" "$build/tests/screenshots/shoot_console" "$out"
