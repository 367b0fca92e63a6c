#!/usr/bin/env bash
# The README's first command: installs, builds, writes a demo month (20 agents, 200,000
# messages), imports it into a fresh store and prints what was imported and the
# data-quality report, every agent's indicators, and their scorecards under the default
# templates; writes the payroll workbook and agent A01's printable scorecard.
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
templates=(templates/presales.toml templates/aftersales.toml templates/supervisor.toml)
echo
echo "== csperf score --db demo-out/csperf.db --period 2024-01 --template templates/*.toml"
build/csperf score --db demo-out/csperf.db --settings demo-out/data/settings.toml \
  --period 2024-01 --template "${templates[@]}" --format csv |
  cut -d, -f1-7,10-15
echo
echo "== csperf export / csperf scorecard"
build/csperf export --db demo-out/csperf.db --settings demo-out/data/settings.toml \
  --period 2024-01 --template "${templates[@]}" --out demo-out/payroll_2024-01.xlsx
build/csperf scorecard --agent A01 --db demo-out/csperf.db \
  --settings demo-out/data/settings.toml --period 2024-01 --template "${templates[@]}" \
  --format html --out demo-out/A01_2024-01.html
echo "Open demo-out/payroll_2024-01.xlsx in Excel or WPS; open demo-out/A01_2024-01.html in a"
echo "browser and print it (A4). docs/worked-example.md works a scorecard out by hand."
