#!/usr/bin/env bash
# Benchmark: `csperf import` of generated months of chat messages (by default 2 million and
# 10 million) and their agents into a new store, next to sqlite3's own `.import` of the same
# messages file into a plain table, in the same run. Prints, per month, the time and peak
# memory of each, rows per second and the ratio of the times; with BASE=path/to/csperf an
# earlier build's import of the same files too.
#   bench/import_bench.sh [SIZES] [WORKDIR]      SIZES: e.g. "2000000 10000000"
# REPEAT=3 keeps the fastest of three runs of each (on a machine shared with other work).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="${1:-2000000 10000000}"
work="${2:-$(mktemp -d /tmp/csperf-bench.XXXXXX)}"
repeat="${REPEAT:-1}"
scripts/install-deps.sh --with-bench
if [[ -z "${CSPERF:-}" ]]; then
  BUILD_TYPE=Release BUILD_DIR=build-release BUILD_TARGET=csperf scripts/build.sh
fi
bin="${CSPERF:-build-release/csperf}"

# timed NAME CMD...: the fastest of $repeat runs of CMD (each on a new store) into
# $work/NAME.time as "seconds peak_kb".
timed() {
  local name="$1" i
  shift
  rm -f "$work/$name.time"
  for ((i = 0; i < repeat; i++)); do
    rm -f "$work"/*.db "$work"/*.db-journal
    /usr/bin/time -f "%e %M" -o "$work/$name.try" "$@" >"$work/$name.log"
    if [[ ! -e "$work/$name.time" ]] ||
       awk 'NR == FNR { best = $1; next } { exit !($1 < best) }' "$work/$name.time" "$work/$name.try"; then
      mv "$work/$name.try" "$work/$name.time"
    fi
  done
  rm -f "$work/$name.try"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
for messages in $sizes; do
  rm -rf "$work/demo" "$work/in"
  "$bin" demo-data --out "$work/demo" --messages "$messages" --seed 7 >/dev/null
  mkdir -p "$work/in"
  cp "$work/demo/agents.csv" "$work/demo/messages.csv" "$work/in/"
  rows=$(($(wc -l <"$work/in/messages.csv") - 1))
  sync
  cat "$work"/in/*.csv >/dev/null  # every run reads from the page cache
  timed sqlite sqlite3 "$work/plain.db" -cmd ".mode csv" ".import $work/in/messages.csv messages"
  timed csperf "$bin" import --db "$work/csperf.db" --now 2024-03-01 "$work/in"
  stored=$(sqlite3 "$work/csperf.db" "SELECT sum(copies) FROM messages" 2>/dev/null || echo "?")
  if [[ -n "${BASE:-}" ]]; then timed base "$BASE" import --db "$work/base.db" --now 2024-03-01 "$work/in"; fi
  echo "import: ${rows} messages (${stored} stored), $(stat -c %s "$work/in/messages.csv") bytes"
  read -r sqlite_s sqlite_kb <"$work/sqlite.time"
  read -r csperf_s csperf_kb <"$work/csperf.time"
  awk -v r="$rows" -v s="$sqlite_s" -v c="$csperf_s" -v sk="$sqlite_kb" -v ck="$csperf_kb" 'BEGIN {
    printf "  sqlite3 .import (plain table)  %7.1f s  %9.0f rows/s  peak %5d MB\n", s, r / s, sk / 1024
    printf "  csperf import (keyed, checked) %7.1f s  %9.0f rows/s  peak %5d MB\n", c, r / c, ck / 1024
    printf "  ratio csperf / sqlite3 time = %.2f  [<= 2.5]; csperf peak [< 300 MB]\n", c / s }'
  if [[ -n "${BASE:-}" ]]; then
    read -r base_s base_kb <"$work/base.time"
    awk -v r="$rows" -v b="$base_s" -v c="$csperf_s" -v bk="$base_kb" 'BEGIN {
      printf "  BASE csperf import             %7.1f s  %9.0f rows/s  peak %5d MB (%.2f times this)\n",
        b, r / b, bk / 1024, b / c }'
  fi
done
rm -rf "$work/demo" "$work/in" "$work"/*.db "$work"/*.db-journal "$work"/*.time "$work"/*.log
