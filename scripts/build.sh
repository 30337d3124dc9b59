#!/usr/bin/env bash
# Configures and builds KeyWarden with Ninja into ./build (or $KW_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${KW_BUILD_DIR:-build}
cmake -G Ninja -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=${KW_BUILD_TYPE:-RelWithDebInfo} "$@"
ninja -C "$build_dir" -j "$(nproc)"
