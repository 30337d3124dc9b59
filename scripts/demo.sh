#!/usr/bin/env bash
# Installs dependencies, builds, and opens KeyWarden on a demo vault.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec scripts/run-demo.sh "$@"
