#!/usr/bin/env bash
# Builds the CSV reader's libFuzzer target with clang and runs it for SECONDS (default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
scripts/install-deps.sh --with-fuzz
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DCSPERF_FUZZ=ON -DCSPERF_TESTS=OFF >/dev/null
cmake --build build-fuzz --target csv_fuzzer -j"$(nproc)"
mkdir -p build-fuzz/corpus
build-fuzz/csv_fuzzer -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 build-fuzz/corpus fuzz/corpus
