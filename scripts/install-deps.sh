#!/usr/bin/env bash
# Installs everything KeyWarden needs to build, run and test on Debian 12 (run as root).
set -euo pipefail

packages=(
    # toolchain
    g++ cmake ninja-build pkg-config git
    # Qt 6.4 and the libraries the product links
    qt6-base-dev qt6-charts-dev qt6-svg-dev qt6-httpserver-dev qt6-websockets-dev qt6-tools-dev qt6-tools-dev-tools
    qt6-l10n-tools libqt6opengl6-dev libqt6sql6-sqlite libqt6svg6 qt6-qpa-plugins qtkeychain-qt6-dev
    libssl-dev libargon2-dev libcurl4-openssl-dev sqlite3
    # tests and benchmarks: real nginx, load generator, SMTP receiver, PDF text, headless X for screenshots
    nginx wrk libbenchmark-dev python3 python3-aiosmtpd poppler-utils xvfb xauth imagemagick openssl curl
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

