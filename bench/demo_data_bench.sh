#!/usr/bin/env bash
# Benchmark: `csperf demo-data` writing MESSAGES chat messages (default 20 million), its wall
# time and peak memory, next to copying the messages file it wrote (the cost of writing
# that many bytes at all), measured in the same run.
#   bench/demo_data_bench.sh [MESSAGES] [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
messages="${1:-20000000}"
work="${2:-$(mktemp -d /tmp/csperf-bench.XXXXXX)}"
scripts/install-deps.sh --with-bench
BUILD_TYPE=Release BUILD_DIR=build-release BUILD_TARGET=csperf scripts/build.sh
bin=build-release/csperf
rm -rf "$work/demo"
/usr/bin/time -f "%e %M" -o "$work/gen.time" \
  "$bin" demo-data --out "$work/demo" --messages "$messages" --seed 7 >/dev/null
read -r gen_s gen_kb < "$work/gen.time"
sync
/usr/bin/time -f "%e %M" -o "$work/copy.time" cp "$work/demo/messages.csv" "$work/copy.csv"
read -r copy_s _ < "$work/copy.time"
rm -f "$work/copy.csv"
bytes=$(stat -c %s "$work/demo/messages.csv")
written=$(du -sb "$work/demo" | cut -f1)
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "demo-data: ${messages} messages (${bytes} bytes of messages.csv, ${written} bytes in all)"
echo "  csperf demo-data   ${gen_s} s, peak memory $((gen_kb / 1024)) MB"
echo "  cp messages.csv    ${copy_s} s (baseline: writing the messages file's bytes)"
awk -v g="$gen_s" -v c="$copy_s" -v m="$messages" 'BEGIN {
  printf "  ratio demo-data / cp = %.2f; %.0f messages per second\n", (c > 0 ? g / c : 0), m / g }'
rm -rf "$work/demo" "$work"/*.time
