#!/usr/bin/env bash
# Benchmark: `csperf import` of a generated month of MESSAGES chat messages (default 10
# million) into a new store, next to sqlite3's own `.import` of the same messages file into
# a plain table, in the same run. Prints rows per second for each and their ratio.
#   bench/import_bench.sh [MESSAGES] [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
messages="${1:-10000000}"
work="${2:-$(mktemp -d /tmp/csperf-bench.XXXXXX)}"
scripts/install-deps.sh --with-bench
BUILD_TYPE=Release BUILD_DIR=build-release BUILD_TARGET=csperf scripts/build.sh
bin=build-release/csperf
rm -rf "$work/demo" "$work/in" "$work"/*.db
"$bin" demo-data --out "$work/demo" --messages "$messages" --seed 7 >/dev/null
mkdir -p "$work/in"
cp "$work/demo/agents.csv" "$work/demo/messages.csv" "$work/in/"
rows=$(( $(wc -l < "$work/in/messages.csv") - 1 ))
sync

/usr/bin/time -f "%e %M" -o "$work/sqlite.time" \
  sqlite3 "$work/plain.db" -cmd ".mode csv" ".import $work/in/messages.csv messages"
read -r sqlite_s sqlite_kb < "$work/sqlite.time"
/usr/bin/time -f "%e %M" -o "$work/csperf.time" \
  "$bin" import --db "$work/csperf.db" --now 2024-03-01 "$work/in" > "$work/import.log"
read -r csperf_s csperf_kb < "$work/csperf.time"
stored=$(sqlite3 "$work/csperf.db" "SELECT sum(copies) FROM messages")

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "import: ${rows} messages (${stored} stored), $(stat -c %s "$work/in/messages.csv") bytes"
awk -v r="$rows" -v s="$sqlite_s" -v c="$csperf_s" -v sk="$sqlite_kb" -v ck="$csperf_kb" 'BEGIN {
  printf "  sqlite3 .import (plain table)  %7.1f s  %9.0f rows/s  peak %d MB\n", s, r / s, sk / 1024
  printf "  csperf import (keyed, checked) %7.1f s  %9.0f rows/s  peak %d MB\n", c, r / c, ck / 1024
  printf "  ratio csperf / sqlite3 time = %.2f\n", c / s }'
rm -rf "$work/demo" "$work/in" "$work"/*.db "$work"/*.time
