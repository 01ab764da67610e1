#!/bin/sh
# Run each fuzz binary given for FUZZ_SECONDS, one after the other, niced (the machine is shared).
# Per target T: scratch corpus $FUZZ_BUILD/corpus/T (grows; seeded from tests/fuzz/corpus/T, which
# stays as committed), reproducers in $FUZZ_BUILD/artifacts/T/, log in $FUZZ_BUILD/logs/T.log,
# dictionary tests/fuzz/T.dict and extra flags tests/fuzz/T.options when present.
# Prints "T: N executions in S s, no finding" per target; exits 1 on the first finding (after all
# targets when FUZZ_KEEP_GOING=1).
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_BUILD=${FUZZ_BUILD:-build-fuzz}
FUZZ_JOBS=${FUZZ_JOBS:-1}
status=0
# reported, not yet fixed findings are listed in tests/fuzz/ubsan.supp; every other report halts
UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$(pwd)/tests/fuzz/ubsan.supp"
export UBSAN_OPTIONS
for bin in "$@"; do
    t=$(basename "$bin")
    corpus="$FUZZ_BUILD/corpus/$t"
    art="$FUZZ_BUILD/artifacts/$t"
    log="$FUZZ_BUILD/logs/$t.log"
    mkdir -p "$corpus" "$art" "$(dirname "$log")"
    set -- -max_total_time="$FUZZ_SECONDS" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$art/"
    [ -f "tests/fuzz/$t.dict" ] && set -- "$@" -dict="tests/fuzz/$t.dict"
    [ -f "tests/fuzz/$t.options" ] && set -- "$@" $(cat "tests/fuzz/$t.options")
    seeds="tests/fuzz/corpus/$t"
    [ -d "$seeds" ] || seeds=""
    echo "fuzz: $t for ${FUZZ_SECONDS}s (log $log)"
    if [ "$FUZZ_JOBS" -gt 1 ]; then set -- "$@" -jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS"; fi
    stamp="$FUZZ_BUILD/logs/$t.stamp"
    : > "$stamp"
    nice -n 19 "$bin" "$@" "$corpus" $seeds > "$log" 2>&1
    rc=$?
    execs=$(grep -E '^stat::number_of_executed_units:' "$log" | tail -n 1 | awk '{print $2}')
    secs=$(grep -E '^Done [0-9]+ runs in' "$log" | tail -n 1 | sed -E 's/.* in ([0-9]+) second.*/\1/')
    # reproducers of earlier runs stay, unreported. A slow-unit-* file is libFuzzer's note that one input
    # took > 10 s (-report_slow_units): on a loaded machine that is a scheduling stall unless the input
    # replays slowly, so it is listed with its replay time, not counted as a finding (-timeout=20 is).
    found=$(find "$art" -type f -newer "$stamp" ! -name 'slow-unit-*' 2>/dev/null | head -n 5)
    for su in $(find "$art" -type f -newer "$stamp" -name 'slow-unit-*' 2>/dev/null | head -n 3); do
        t0=$(date +%s)
        "$bin" -runs=1 "$su" > /dev/null 2>&1
        echo "note: $t: slow unit $su (replays in $(( $(date +%s) - t0 )) s)"
    done
    if [ "$rc" -ne 0 ] || [ -n "$found" ]; then
        echo "FAIL: $t: finding (exit $rc); reproducer(s): $found"
        grep -E 'ERROR|SUMMARY|fuzz invariant|runtime error' "$log" | head -n 8
        echo "  replay: $bin $art/<file>; keep it as a test: cp $art/<file> tests/fuzz/regress/$t/"
        status=1
        [ "${FUZZ_KEEP_GOING:-0}" = 1 ] || break
    fi
    echo "$t: ${execs:-?} executions in ${secs:-$FUZZ_SECONDS} s, no finding (corpus $(ls "$corpus" | wc -l) inputs)"
done
exit $status
