#!/usr/bin/env bash
# Opens the KeyWarden console on the demo vault (created on first use with a realistic organisation, a few
# hundred keys and 90 days of usage; its passphrase is "keywarden-demo").
# Without a display (a server or CI shell), the console runs under a virtual X server instead and its
# screens are saved as PNG files, so the run still shows what it would have put on screen.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${KW_BUILD_DIR:-build}
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    exec "$build_dir/app/keywarden/keywarden" --demo "$@"
fi
out=${KW_SCREENSHOT_DIR:-$PWD/demo-screenshots}
echo "No display found: running the console on the demo vault under Xvfb; its screens go to $out"
scripts/screenshots.sh "$build_dir" "$out"
echo "Open the PNG files in $out, or run scripts/demo.sh from a desktop session to use the console."
