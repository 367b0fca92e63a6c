#!/usr/bin/env bash
# Runs the same battery of commands with two csperf binaries and compares what they print
# and write, byte for byte: imports (first, again, with revisions, with bad rows, with
# --skip-bad-rows and its reject files), the data summary and quality report, every
# grouping and format of the metrics report, scores, what-if, the payroll workbook (its XML)
# and its CSV sheets, scorecards, sessions and the evidence of every column for one agent —
# from the store (--db) and, for canonical folders, straight from the files (--data). Inputs:
# the README's demo month, a second demo month, samples/basic, bench/fixtures/metrics-edge
# and the real datasets of ../shared/datasets (through the profiles in bench/fixtures/real).
#   bench/compare_outputs.sh BASE_BINARY NEW_BINARY [WORKDIR]
# Exit status 0 when every output is the same; otherwise the differing files are listed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
base="$(realpath "$1")"
new="$(realpath "$2")"
work="${3:-$(mktemp -d /tmp/csperf-compare.XXXXXX)}"
mkdir -p "$work"
work="$(realpath "$work")"
datasets="$root/../shared/datasets"
templates=("$root/templates/presales.toml" "$root/templates/aftersales.toml"
  "$root/templates/supervisor.toml")
now=(--now 2024-03-01)

# Inputs, made once with the base binary so that both read the same bytes.
inputs="$work/inputs"
if [[ ! -e "$inputs/.done" ]]; then
  rm -rf "$inputs"
  mkdir -p "$inputs"
  "$base" demo-data --out "$inputs/demo" --agents 20 --messages 200000 --seed 1 --month 2024-01 >/dev/null
  "$base" demo-data --out "$inputs/demo2" --agents 30 --messages 50000 --seed 3 --month 2024-01 >/dev/null
  cp -r samples/basic "$inputs/basic"
  cp -r bench/fixtures/metrics-edge "$inputs/edge"
  # Bad rows: a bad amount, a bad time, one order id twice with other content.
  cp -r samples/basic "$inputs/bad"
  {
    echo 'ORD-BAD-1,旗舰店,buyer001,2024-01-05 10:00:00,,12.345,paid,'
    echo 'ORD-BAD-2,旗舰店,buyer001,2024-13-05 10:00:00,,12.00,paid,'
  } >>"$inputs/bad/orders.csv"
  tail -n 1 samples/basic/orders.csv | sed 's/,paid,/,refunded,/' >>"$inputs/bad/orders.csv"
  # Revisions: the demo's orders again with every tenth one refunded.
  mkdir -p "$inputs/revised"
  awk -F, 'NR > 1 && NR % 10 == 0 { sub(/,paid,/, ",refunded,") } { print }' \
    "$inputs/demo/orders.csv" >"$inputs/revised/orders.csv"
  mkdir -p "$inputs/twcs" "$inputs/olist"
  cp "$datasets/twcs/sample_head_1000.csv" "$inputs/twcs/"
  printf 'agent_id,name,accounts\nA1,Amazon,twitter:AmazonHelp\nA2,eBay,twitter:AskeBay\n' \
    >"$inputs/twcs/agents.csv"
  cp "$datasets/olist/olist_orders_dataset.csv" "$datasets/olist/olist_order_reviews_dataset.csv" \
    "$inputs/olist/"
  printf 'agent_id,name\nA1,Olist\n' >"$inputs/olist/agents.csv"
  touch "$inputs/.done"
fi

# run BIN OUTDIR NAME ARGS...: stdout, stderr and exit status of BIN ARGS into OUTDIR/NAME.*
run() {
  local bin="$1" out="$2" name="$3"
  shift 3
  set +e
  (cd "$out/files" && "$bin" "$@" >"$out/$name.out" 2>"$out/$name.err")
  # Whether it succeeded, not the exact status: the statuses of failures are compared by the
  # tests (docs/cli.md), and changed once on purpose.
  if (($? == 0)); then echo ok >"$out/$name.status"; else echo failed >"$out/$name.status"; fi
  set -e
}

# reports BIN OUT TAG SOURCE... PERIOD SETTINGS AGENT: every report command on SOURCE.
reports() {
  local bin="$1" out="$2" tag="$3" period="$4" agent="$5"
  shift 5
  local source=("$@")
  local g f
  for g in agent team shop manager; do
    for f in csv json table; do
      run "$bin" "$out" "$tag.metrics.$g.$f" metrics "${source[@]}" --period "$period" --group "$g" --format "$f"
    done
  done
  for f in table csv json; do
    run "$bin" "$out" "$tag.score.$f" score "${source[@]}" --period "$period" --template "${templates[@]}" --format "$f"
  done
  run "$bin" "$out" "$tag.whatif" whatif "${source[@]}" --period "$period" \
    --template "${templates[1]}" --baseline "${templates[0]}"
  run "$bin" "$out" "$tag.export.xlsx" export "${source[@]}" --period "$period" \
    --template "${templates[@]}" --out "$tag.xlsx"
  if [[ -e "$out/files/$tag.xlsx" ]]; then
    (cd "$out/files" && unzip -o -q "$tag.xlsx" -d "$tag.xlsx.d" && rm "$tag.xlsx" &&
      find "$tag.xlsx.d" -name core.xml -delete)
  fi
  for s in payroll ranking indicators; do
    run "$bin" "$out" "$tag.export.$s" export "${source[@]}" --period "$period" \
      --template "${templates[@]}" --format csv --sheet "$s" --out "$tag.$s.csv"
  done
  run "$bin" "$out" "$tag.scorecard" scorecard "${source[@]}" --period "$period" \
    --template "${templates[@]}" --agent "$agent"
  run "$bin" "$out" "$tag.sessions" sessions "${source[@]}" --period "$period"
  run "$bin" "$out" "$tag.sessions.$agent" sessions "${source[@]}" --period "$period" --agent "$agent"
  local columns
  columns=$(head -n 1 "$out/$tag.metrics.agent.csv.out" | tr ',' ' ')
  for c in $columns; do
    run "$bin" "$out" "$tag.evidence.$c" evidence "${source[@]}" --period "$period" --agent "$agent" --metric "$c"
  done
}

# battery BIN OUT: everything, into OUT.
battery() {
  local bin="$1" out="$2"
  rm -rf "$out"
  mkdir -p "$out/files"
  local demo_settings=(--settings "$inputs/demo/settings.toml")
  local demo2_settings=(--settings "$inputs/demo2/settings.toml")
  # The README's demo month: imported, imported again, then revised orders.
  run "$bin" "$out" demo.import import --db demo.db "${demo_settings[@]}" "${now[@]}" \
    --rejects rejects "$inputs/demo"
  run "$bin" "$out" demo.import-again import --db demo.db "${demo_settings[@]}" "${now[@]}" "$inputs/demo"
  run "$bin" "$out" demo.check check --db demo.db "${demo_settings[@]}" "${now[@]}"
  reports "$bin" "$out" demo.db 2024-01 A01 --db demo.db "${demo_settings[@]}"
  reports "$bin" "$out" demo.data 2024-01 A01 --data "$inputs/demo" "${demo_settings[@]}"
  run "$bin" "$out" demo.import-revised import --db demo.db "${demo_settings[@]}" "${now[@]}" \
    "$inputs/revised"
  run "$bin" "$out" demo.revised.score score --db demo.db "${demo_settings[@]}" --period 2024-01 \
    --template "${templates[@]}" --format csv
  run "$bin" "$out" demo2.import import --db demo2.db "${demo2_settings[@]}" "${now[@]}" "$inputs/demo2"
  reports "$bin" "$out" demo2.db 2024-01 A02 --db demo2.db "${demo2_settings[@]}"
  reports "$bin" "$out" demo2.data 2024-01-08..2024-01-21 A02 --data "$inputs/demo2" "${demo2_settings[@]}"
  local service=(--settings "$root/bench/fixtures/service-hours.toml")
  local d agent
  for d in basic edge; do
    agent=A01
    [[ "$d" == edge ]] && agent=A1
    run "$bin" "$out" "$d.import" import --db "$d.db" "${now[@]}" "$inputs/$d"
    run "$bin" "$out" "$d.check" check --db "$d.db" "${now[@]}"
    reports "$bin" "$out" "$d.db" 2024-01 "$agent" --db "$d.db"
    reports "$bin" "$out" "$d.data" 2024-01 "$agent" --data "$inputs/$d"
    run "$bin" "$out" "$d.service.metrics" metrics --data "$inputs/$d" "${service[@]}" --period 2024-01
  done
  run "$bin" "$out" bad.import import --db bad.db "${now[@]}" "$inputs/bad"
  run "$bin" "$out" bad.import-skip import --db bad-skip.db "${now[@]}" --skip-bad-rows \
    --rejects rejects-bad "$inputs/bad"
  run "$bin" "$out" bad.metrics metrics --data "$inputs/bad" --period 2024-01
  run "$bin" "$out" twcs.import import --db twcs.db "${now[@]}" \
    --profile "$root/bench/fixtures/real/twcs.toml" "$inputs/twcs"
  reports "$bin" "$out" twcs.db 2017-10 A1 --db twcs.db
  run "$bin" "$out" olist.import import --db olist.db "${now[@]}" \
    --profile "$root/bench/fixtures/real/olist.toml" "$inputs/olist"
  reports "$bin" "$out" olist.db 2017-11 A1 --db olist.db
  rm -f "$out"/files/*.db "$out"/files/*.db-journal
}

battery "$base" "$work/base"
battery "$new" "$work/new"
# Paths differ only by the output folder's name.
if diff -r -q "$work/base" "$work/new" >"$work/differences.txt"; then
  echo "compare_outputs: the same, $(find "$work/base" -type f | wc -l) files"
else
  echo "compare_outputs: DIFFERENT ($(wc -l <"$work/differences.txt") files, see $work/differences.txt)"
  head -n 20 "$work/differences.txt"
  exit 1
fi
