#!/usr/bin/env bash
# The README's first command: installs, builds, and imports the sample month into a fresh
# store, printing what was imported and the data-quality report.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
BUILD_TARGET=csperf scripts/build.sh
mkdir -p demo-out
rm -f demo-out/csperf.db
echo "== csperf import --db demo-out/csperf.db samples/basic"
build/csperf import --db demo-out/csperf.db --rejects demo-out/rejects samples/basic
