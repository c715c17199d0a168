#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz with clang, ASan and UBSan in build-fuzz/ and runs each for
# SECONDS (default 8: about a minute in all, as CI runs them). `scripts/fuzz.sh 600` runs each ten minutes;
# `scripts/fuzz.sh 60 reports quoting` runs only those. What a fuzzer finds is left in
# build-fuzz/artifacts/<harness>/: copy it to tests/fuzz/regressions/<harness>/ once fixed, so the normal test
# run replays it. New corpus entries stay in build-fuzz/corpus/ (seed corpora live in tests/fuzz/corpus/).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-8}
shift || true
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
    harnesses=(logs redactor manualjudge containerprobe profiles quoting reports)
fi

CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDUO_FUZZ=ON
cmake --build build-fuzz -j2 --target "${harnesses[@]/#/fuzz_}"

# Leak checking is off: Qt keeps process-lifetime allocations that LeakSanitizer reports at exit.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export QT_QPA_PLATFORM=offscreen
status=0
for harness in "${harnesses[@]}"; do
    corpus=build-fuzz/corpus/$harness
    artifacts=build-fuzz/artifacts/$harness/
    mkdir -p "$corpus" "$artifacts"
    seeds=(tests/fuzz/corpus/"$harness" tests/fuzz/regressions/"$harness")
    case $harness in logs | redactor) seeds+=(tests/data/logs) ;; esac
    log=build-fuzz/fuzz_$harness.log
    echo "== fuzz_$harness for ${seconds}s"
    # -timeout: an input that takes two seconds is a finding too (a paste that freezes the wizard).
    rc=0
    build-fuzz/bin/fuzz_"$harness" -max_total_time="$seconds" -timeout=2 -artifact_prefix="$artifacts" \
        -print_final_stats=1 "$corpus" "${seeds[@]}" >"$log" 2>&1 || rc=$?
    grep -E "^#[0-9]+ +DONE|^stat::number_of_executed_units" "$log" || true
    if [ $rc -ne 0 ]; then
        tail -n 40 "$log"
        echo "fuzz_$harness found something: see $log and $artifacts" >&2
        status=1
    fi
done
exit $status
