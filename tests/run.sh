#!/bin/sh
# make check: every unit test binary, the reference tests, the bad-input catalogue and the end-to-end
# test. Each part prints "NAME: N passed, N failed" (one or more such lines: all are added, so a part
# must not print a total of its own lines too); this script adds them up into the last line.
BIN=${BIN:-bin/ipseval}
export BIN
total_p=0
total_f=0
log=$(mktemp)
times=$(mktemp)
tally() { # name, command...
    name=$1
    shift
    t0=$(date +%s)
    "$@" >"$log" 2>&1
    rc=$?
    # the wall time of each part, so CI's 30-minute budget can be watched (not a test: nothing is timed)
    echo "time: $name $(($(date +%s) - t0)) s" >>"$times"
    grep -v '^PASS' "$log"
    # every summary line of the block counts (tests/reference/run.sh prints one per kit, no total)
    lines=$(grep -E '^[A-Za-z0-9_-]+: [0-9]+ passed, [0-9]+ failed' "$log")
    if [ -z "$lines" ]; then
        echo "FAIL: $name printed no summary (exit $rc)"
        total_f=$((total_f + 1))
        return
    fi
    p=$(echo "$lines" | sed -E 's/.*: ([0-9]+) passed.*/\1/' | awk '{s += $1} END {print s + 0}')
    f=$(echo "$lines" | sed -E 's/.* ([0-9]+) failed.*/\1/' | awk '{s += $1} END {print s + 0}')
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "FAIL: $name exited $rc"
        f=1
    fi
    total_p=$((total_p + p))
    total_f=$((total_f + f))
}
for t in "$@"; do
    tally "$(basename "$t")" "$t"
done
tally reference sh tests/reference/run.sh
tally mi sh tests/mi/run.sh
tally bad-input sh tests/bad-input/run.sh
tally hardening sh tests/hardening/run.sh
tally safety sh tests/hardening/safety.sh
tally e2e sh tests/e2e/run.sh
tally cba sh tests/cba/run.sh
tally meta-compare sh tests/meta/run.sh
tally workbook sh tests/workbook/run.sh
tally fidelity-cli sh tests/fidelity/run.sh
tally handover sh tests/handover/run.sh
tally practice sh tests/practice/run.sh
tally did-staggered sh tests/did/run.sh
tally docs sh tests/docs/run.sh
# the slowest parts first
sort -k3 -n -r "$times" | head -8
rm -f "$log" "$times"
echo "check: $total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
