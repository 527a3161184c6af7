#!/usr/bin/env bash
# Runs every libFuzzer binary in BIN_DIR for SECONDS each, starting from its committed seed corpus
# (fuzz/corpus/<name>, never written to) plus what earlier runs found (WORK_DIR/corpus/<name>).
# Prints one line per target (executions, time, corpus size) and fails if any target found a crash,
# whose input is kept in WORK_DIR/crashes/.
#
# usage: fuzz/run.sh BIN_DIR WORK_DIR SECONDS
set -uo pipefail
bin_dir=$1 work_dir=$2 seconds=$3
seeds=$(cd "$(dirname "$0")" && pwd)/corpus
mkdir -p "$work_dir/crashes"
failed=()
shopt -s nullglob
targets=("$bin_dir"/fuzz-*)
if [ ${#targets[@]} -eq 0 ]; then
  echo "no fuzz targets in $bin_dir" >&2
  exit 1
fi
for binary in "${targets[@]}"; do
  name=${binary##*/fuzz-}
  corpus=$work_dir/corpus/$name
  log=$work_dir/$name.log
  mkdir -p "$corpus"
  "$binary" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
    -artifact_prefix="$work_dir/crashes/$name-" "$corpus" "$seeds/$name" >"$log" 2>&1
  status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log")
  printf '%-16s %10s execs in %3s s, corpus %s files\n' "$name" "${execs:-?}" "${took:-?}" \
    "$(find "$corpus" "$seeds/$name" -type f | wc -l)"
  if [ $status -ne 0 ]; then
    echo "  FAILED (exit $status): see $log" >&2
    grep -m5 -E 'ERROR|invariant failed|runtime error' "$log" >&2
    failed+=("$name")
  fi
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz targets that found a problem: ${failed[*]}" >&2
  exit 1
fi
