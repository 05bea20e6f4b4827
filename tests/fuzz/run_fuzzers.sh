#!/usr/bin/env bash
# Runs the libFuzzer targets of a fuzz build folder, each from its seed corpus for SECONDS.
#
# Usage: tests/fuzz/run_fuzzers.sh BUILD_DIR SECONDS [TARGET...]   (default: every fuzz_* target)
#
# Seeds are collected afresh into BUILD_DIR/fuzz-seeds (collect_seeds.py); what a run adds to the
# corpus stays in BUILD_DIR/fuzz-corpus/TARGET for the next run. Logs go to
# BUILD_DIR/fuzz-logs/TARGET.log, and a crash, leak or timeout input to BUILD_DIR/fuzz-artifacts/.
# Exits non-zero when any target found one. Targets run one after another (FUZZ_JOBS=2 runs two).
# FUZZ_SEEDS_ONLY="fuzz_a fuzz_b" replays those targets' seeds alone, without mutating them.
set -euo pipefail

# Everything runs inside main, which bash reads whole before running: editing this file while it
# runs (fuzzing takes a while) cannot change what a running copy does.
main() {
  build=$(cd "$1" && pwd)
  seconds=$2
  shift 2
  source_dir=$(cd "$(dirname "$0")/../.." && pwd)
  fuzzers="$build/tests/fuzz"

  targets=("$@")
  if [ ${#targets[@]} -eq 0 ]; then
    for f in "$fuzzers"/fuzz_*; do
      name=$(basename "$f")
      [ -x "$f" ] && [ "$name" != fuzz_model_file_seed ] && targets+=("$name")
    done
  fi

  /usr/bin/python3 "$source_dir/tests/fuzz/collect_seeds.py" "$source_dir" "$build/fuzz-seeds" \
    "$fuzzers/fuzz_model_file_seed" > /dev/null
  mkdir -p "$build/fuzz-logs" "$build/fuzz-artifacts"
  export LSAN_OPTIONS="suppressions=$source_dir/tests/fuzz/lsan_suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

  run_one() {
    local target=$1
    mkdir -p "$build/fuzz-corpus/$target"
    local duration=(-max_total_time="$seconds")
    local inputs=("$build/fuzz-corpus/$target" "$build/fuzz-seeds/$target")
    if [[ " ${FUZZ_SEEDS_ONLY:-} " == *" $target "* ]]; then
      duration=(-runs=0)
      inputs=("$build/fuzz-seeds/$target")
    fi
    # -timeout: one input taking 10 s is a hang; -rss_limit_mb: a file making a reader hold 2 GB is a bug.
    if "$fuzzers/$target" "${duration[@]}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$build/fuzz-artifacts/$target-" \
        "${inputs[@]}" > "$build/fuzz-logs/$target.log" 2>&1; then
      echo "fuzz: $target: $(grep -E '^#[0-9]+.*(DONE|INITED)' "$build/fuzz-logs/$target.log" | tail -1)"
    else
      echo "fuzz: $target FAILED; the input is in $build/fuzz-artifacts, the log:"
      tail -n 60 "$build/fuzz-logs/$target.log"
      return 1
    fi
  }

  jobs=${FUZZ_JOBS:-1}
  failed=0
  running=0
  for target in "${targets[@]}"; do
    run_one "$target" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
      wait -n || failed=1
      running=$((running - 1))
    fi
  done
  while [ "$running" -gt 0 ]; do
    wait -n || failed=1
    running=$((running - 1))
  done
  exit $failed
}

main "$@"
