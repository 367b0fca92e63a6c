#!/usr/bin/env bash
# The README's first command: installs, builds, writes a demo month (20 agents, 200,000
# messages), imports it into a fresh store and prints what was imported and the
# data-quality report.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --runtime
BUILD_TARGET=csperf scripts/build.sh
rm -rf demo-out
mkdir -p demo-out
echo "== csperf demo-data --out demo-out/data"
build/csperf demo-data --out demo-out/data --agents 20 --messages 200000 --seed 1 --month 2024-01
echo "== csperf import --db demo-out/csperf.db --settings demo-out/data/settings.toml demo-out/data"
build/csperf import --db demo-out/csperf.db --settings demo-out/data/settings.toml \
  --rejects demo-out/rejects demo-out/data
echo
echo "== csperf metrics --db demo-out/csperf.db --period 2024-01 --format table"
build/csperf metrics --db demo-out/csperf.db --settings demo-out/data/settings.toml \
  --period 2024-01 --format table
