#!/usr/bin/env bash
# Check for bench/metrics_bench.sh: the analyst's DuckDB SQL (bench/analyst.sql) does the
# same work as `csperf metrics`. On small inputs it prints, byte for byte, csperf's chat and
# conversion columns (agent_id, sessions … answer_ratio, inquirers … aov):
#   - a generated month (20,000 messages, seed 7) with its own settings.toml, a day of it,
#     the same month with bench/fixtures/service-hours.toml (service hours inside the day and
#     past midnight, per-shop windows), and its messages reordered by time and by customer;
#   - samples/basic (every time format, platform words, money written ¥1,299.00);
#   - bench/fixtures/metrics-edge (same-second replies, a reply after the session gap,
#     unmapped and shared accounts, routed accounts, conversation ids beside plain messages,
#     duplicate message ids and orders, sessions across the period's ends, orders on the
#     window's edges, the same customer id at two shops).
# Exits non-zero on the first difference, printing it.
#   bench/metrics_check.sh [WORKDIR]
# CSPERF=path/to/csperf uses that binary; otherwise a Release build in build-release/.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-}"
if [[ -z "$work" ]]; then work=$(mktemp -d /tmp/csperf-check.XXXXXX); made_work=1; fi
if [[ -z "${CSPERF:-}" ]]; then
  scripts/install-deps.sh --with-bench
  BUILD_TYPE=Release BUILD_DIR=build-release BUILD_TARGET=csperf scripts/build.sh
fi
bin="${CSPERF:-build-release/csperf}"
(cd bench && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

rm -rf "$work/demo" "$work/by-time" "$work/by-customer"
"$bin" demo-data --out "$work/demo" --messages 20000 --seed 7 >/dev/null
for order in time customer; do
  mkdir -p "$work/by-$order"
  cp "$work/demo/agents.csv" "$work/demo/orders.csv" "$work/by-$order/"
  node bench/reorder.js "$order" "$work/demo/messages.csv" "$work/by-$order/messages.csv"
done

checked=0
check() {  # NAME DIR PERIOD [SETTINGS]
  local name="$1" dir="$2" period="$3" settings="${4:-}"
  local opts=(--data "$dir" --period "$period")
  if [[ -n "$settings" ]]; then opts+=(--settings "$settings"); fi
  node bench/analyst.js "${opts[@]}" > "$work/sql.csv"
  "$bin" metrics "${opts[@]}" --format csv > "$work/csperf-all.csv"
  awk -F, -f bench/pick_columns.awk "$work/sql.csv" "$work/csperf-all.csv" > "$work/csperf.csv"
  if ! diff -u --label "csperf $name" --label "analyst.sql $name" \
      "$work/csperf.csv" "$work/sql.csv"; then
    echo "metrics_check: FAILED on $name (csperf ${opts[*]})" >&2
    exit 1
  fi
  local sessions
  sessions=$(awk -F, 'NR > 1 { s += $2 } END { print s + 0 }' "$work/sql.csv")
  printf '  %-44s %3d rows, %6d sessions: equal\n' "$name" "$(($(wc -l < "$work/sql.csv") - 1))" \
    "$sessions"
  checked=$((checked + 1))
}

service=bench/fixtures/service-hours.toml
edge=bench/fixtures/metrics-edge
echo "metrics_check: csperf ($bin) against bench/analyst.sql, chat and conversion columns"
check "demo month" "$work/demo" 2024-01 "$work/demo/settings.toml"
check "demo day 2024-01-11" "$work/demo" 2024-01-11 "$work/demo/settings.toml"
check "demo month, service hours" "$work/demo" 2024-01 "$service"
check "demo month, messages by time" "$work/by-time" 2024-01 "$work/demo/settings.toml"
check "demo month, messages by customer" "$work/by-customer" 2024-01 "$work/demo/settings.toml"
check "samples/basic" samples/basic 2024-01
check "samples/basic, service hours" samples/basic 2024-01 "$service"
check "metrics-edge" "$edge" 2024-01
check "metrics-edge, service hours" "$edge" 2024-01 "$service"
check "metrics-edge 2023-12-31..2024-01-11" "$edge" 2023-12-31..2024-01-11
echo "metrics_check: all $checked equal"
rm -rf "$work/demo" "$work/by-time" "$work/by-customer" "$work"/*.csv
if [[ -n "${made_work:-}" ]]; then rmdir "$work"; fi
