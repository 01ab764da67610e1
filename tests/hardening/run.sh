#!/bin/sh
# Hardening checks of `make check` (issue 10), besides the unit tests test_hardening and test_allocfail
# and the bad-input catalogue:
#  1. fuzz replay: every tests/fuzz/fuzz_*.c is compiled with the project's compiler against the
#     library as built (sanitizers included under SAN=1) with tests/fuzz/replay.c, and run on its
#     reproducers (tests/fuzz/regress/T/) and seed corpus (tests/fuzz/corpus/T/): a fixed finding stays
#     fixed. A target that no longer compiles (its module's API changed) is one failure, not a broken build.
#  2. determinism: every shipped config (configs/*.ini) run twice with the same seed and
#     SOURCE_DATE_EPOCH gives byte-identical results.csv and workbook, also from another directory,
#     in another time zone and locale; `simulate` gives identical data; --seed changes what is random.
#  3. inputs never modified: SHA-256 of every input before and after all of the above.
BIN=${BIN:-bin/ipseval}
BUILD=${BUILD:-build}
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
ROOT=$(pwd)
# a private scratch directory: parallel `make check` runs (and `make clean`) cannot disturb it
T=$(mktemp -d "${TMPDIR:-/tmp}/ipseval-hardening.XXXXXX") || exit 1
. "$ROOT/tests/lib.sh"

inputs_sum() { # the project's inputs: configs, examples, reference data, fuzz corpora
    find configs examples tests/fuzz/corpus tests/fuzz/regress tests/reference/kits -type f 2>/dev/null |
        LC_ALL=C sort | xargs -r sha256sum 2>/dev/null | sha256sum
}
inputs_before=$(inputs_sum)

# ---- 1. fuzz replay ----
CFLAGS_R="-O1 -g -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I. -I/usr/include/iniparser -w"
case "$BUILD" in *san*) CFLAGS_R="$CFLAGS_R -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer" ;; esac
LIBS_R="-lxlsxwriter -liniparser -lreadstat -lnettle -lgsl -lgslcblas -lm"
CLI_OBJ_R=$(ls "$BUILD"/cli/*.o 2>/dev/null | grep -v '/main\.o$')
for src in tests/fuzz/fuzz_*.c; do
    t=$(basename "$src" .c)
    exe="$T/replay-$t"
    if [ -z "$(ls "tests/fuzz/corpus/$t" 2>/dev/null)" ]; then
        ko "$t: has a seed corpus in tests/fuzz/corpus/$t"
        continue
    fi
    cli=""
    grep -q '#include "cli/cli.h"' "$src" && cli=$CLI_OBJ_R # only the whole-run target needs the cli/ objects
    if ! ${CC:-cc} $CFLAGS_R -o "$exe" tests/fuzz/replay.c "$src" $cli "$BUILD/libipseval.a" $LIBS_R > "$T/$t.build.log" 2>&1; then
        head -n 5 "$T/$t.build.log"
        ko "$t: the fuzz target builds against the library (see $T/$t.build.log)"
        continue
    fi
    log=$(TMPDIR="$T" "$exe" "$t" "tests/fuzz/regress/$t" "tests/fuzz/corpus/$t" 2>"$T/$t.stderr")
    line=$(echo "$log" | tail -n 1)
    if echo "$line" | grep -q " 0 failed"; then
        ok "$t: reproducers and seeds replay without a finding ($(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/') inputs)"
    else
        echo "$log" | grep '^FAIL' | head -n 10
        tail -n 20 "$T/$t.stderr"
        ko "$t: replay ($line)"
    fi
done

# ---- 2. determinism ----
export SOURCE_DATE_EPOCH=1700000000
for cfg in configs/*.ini; do
    n=$(basename "$cfg" .ini)
    if ! "$BIN" run "$cfg" -o "$T/$n-1.xlsx" --results "$T/$n-1.csv" --quiet > "$T/$n.log" 2>&1; then
        ko "$n: runs ($(head -c 300 "$T/$n.log"))"
        continue
    fi
    "$BIN" run "$cfg" -o "$T/$n-2.xlsx" --results "$T/$n-2.csv" --quiet
    if cmp -s "$T/$n-1.csv" "$T/$n-2.csv" && cmp -s "$T/$n-1.xlsx" "$T/$n-2.xlsx"; then
        ok "$n: rerun with the same seed is byte-identical (results and workbook)"
    else
        ko "$n: rerun with the same seed is byte-identical (results and workbook)"
    fi
    # another working directory, time zone and locale: the same bytes (paths in the config are relative to it)
    loc=C.UTF-8
    locale -a 2>/dev/null | grep -qi '^nb_NO.utf' && loc=$(locale -a | grep -i '^nb_NO.utf' | head -n 1)
    # (the Provenance sheet shows the config path as given: a link makes it the same text from there)
    [ -e "$T/configs" ] || ln -s "$ROOT/configs" "$T/configs"
    (cd "$T" && TZ=Pacific/Chatham LC_ALL=$loc LANG=$loc "$BIN" run "$cfg" -o "$n-3.xlsx" --results "$n-3.csv" --quiet)
    if cmp -s "$T/$n-1.csv" "$T/$n-3.csv" && cmp -s "$T/$n-1.xlsx" "$T/$n-3.xlsx"; then
        ok "$n: same bytes from another directory, time zone and locale ($loc)"
    else
        ko "$n: same bytes from another directory, time zone and locale ($loc)"
    fi
    # without SOURCE_DATE_EPOCH the workbook carries the run time, but the results never do
    env -u SOURCE_DATE_EPOCH "$BIN" run "$cfg" -o "$T/$n-4.xlsx" --results "$T/$n-4.csv" --quiet
    if cmp -s "$T/$n-1.csv" "$T/$n-4.csv"; then ok "$n: results do not depend on the clock"; else ko "$n: results do not depend on the clock"; fi
done
"$BIN" simulate examples/simulate-trial.ini -o "$T/sim1.csv" --quiet
"$BIN" simulate examples/simulate-trial.ini -o "$T/sim2.csv" --quiet
"$BIN" simulate examples/simulate-trial.ini -o "$T/sim3.csv" --seed 99 --quiet
if [ -s "$T/sim1.csv" ] && cmp -s "$T/sim1.csv" "$T/sim2.csv"; then ok "simulate: same seed, identical data"; else ko "simulate: same seed, identical data"; fi
if [ -s "$T/sim1.csv" ] && [ -s "$T/sim3.csv" ] && ! cmp -s "$T/sim1.csv" "$T/sim3.csv"; then ok "simulate: --seed 99 gives other data"; else ko "simulate: --seed 99 gives other data"; fi

# ---- 3. inputs untouched ----
inputs_after=$(inputs_sum)
if [ "$inputs_before" = "$inputs_after" ]; then ok "no input file changed (SHA-256 of configs, examples, reference data, corpora)"; else ko "an input file changed"; fi

if [ "$failed" -eq 0 ]; then rm -rf "$T"; else echo "  (scratch directory kept: $T)"; fi
echo "hardening: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
