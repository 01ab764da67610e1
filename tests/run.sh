#!/bin/sh
# make check: every unit test binary, the reference tests, the bad-input catalogue and the end-to-end
# test. Each part prints "NAME: N passed, N failed" (one or more such lines: all are added, so a part
# must not print a total of its own lines too); this script adds them up into the last line.
#
# The parts are independent (each has its own scratch directory) and run TEST_JOBS at a time (default:
# the number of cores, at most 2), the slowest known ones first; their outputs are then printed in the
# order below, whatever order they finished in. TEST_JOBS=1 runs them one after the other.
BIN=${BIN:-bin/ipseval}
export BIN
ROOT=$(pwd)
D=$(mktemp -d "${TMPDIR:-/tmp}/ipseval-check.XXXXXX") || exit 1
trap 'rm -rf "$D"' EXIT
jobs=${TEST_JOBS:-$(nproc 2>/dev/null || echo 1)}
[ "$jobs" -gt 2 ] 2>/dev/null && [ -z "${TEST_JOBS:-}" ] && jobs=2
[ "$jobs" -ge 1 ] 2>/dev/null || jobs=1

# the parts: "name command..." one per line, in the order their outputs are printed
n=0
part() { # name, command...
    n=$((n + 1))
    echo "$1" > "$D/$n.name"
    shift
    # the command, each word quoted for sh
    for w in "$@"; do printf "'%s' " "$(printf '%s' "$w" | sed "s/'/'\\\\''/g")"; done > "$D/$n.cmd"
}
for t in "$@"; do
    part "$(basename "$t")" "$t"
done
part reference sh tests/reference/run.sh
part mi sh tests/mi/run.sh
part bad-input sh tests/bad-input/run.sh
part hardening sh tests/hardening/run.sh
part safety sh tests/hardening/safety.sh
part e2e sh tests/e2e/run.sh
part cba sh tests/cba/run.sh
part meta-compare sh tests/meta/run.sh
part workbook sh tests/workbook/run.sh
part fidelity-cli sh tests/fidelity/run.sh
part handover sh tests/handover/run.sh
part practice sh tests/practice/run.sh
part did-staggered sh tests/did/run.sh
part docs sh tests/docs/run.sh

# the order they start in: the slowest known parts first (what tests/run.sh printed last), then the rest
slow="handover hardening safety bad-input test_allocfail cba workbook test_did_mc reference e2e meta-compare mi"
order=$(
    for s in $slow; do
        i=1
        while [ $i -le $n ]; do [ "$(cat "$D/$i.name")" = "$s" ] && echo $i; i=$((i + 1)); done
    done
    i=1
    while [ $i -le $n ]; do
        case " $slow " in *" $(cat "$D/$i.name") "*) ;; *) echo $i ;; esac
        i=$((i + 1))
    done
)
# one part: its output, exit status and wall time in $D (the time is printed so CI's 30-minute budget can
# be watched; nothing is timed as a test)
cat > "$D/part.sh" <<'PART'
d=$1 i=$2
t0=$(date +%s)
(cd "$ROOT" && eval "$(cat "$d/$i.cmd")") > "$d/$i.log" 2>&1
echo $? > "$d/$i.rc"
echo $(($(date +%s) - t0)) > "$d/$i.time"
echo "  ... $(cat "$d/$i.name") finished in $(cat "$d/$i.time") s" >&2
PART
export ROOT
echo "check: $n parts, $jobs at a time" >&2
echo "$order" | xargs -P "$jobs" -n 1 sh "$D/part.sh" "$D"

total_p=0
total_f=0
i=1
while [ $i -le $n ]; do
    name=$(cat "$D/$i.name")
    log=$D/$i.log
    rc=$(cat "$D/$i.rc" 2>/dev/null || echo 127)
    echo "time: $name $(cat "$D/$i.time" 2>/dev/null || echo '?') s" >> "$D/times"
    grep -v '^PASS' "$log"
    # every summary line of the block counts (tests/reference/run.sh prints one per kit, no total)
    lines=$(grep -E '^[A-Za-z0-9_-]+: [0-9]+ passed, [0-9]+ failed' "$log")
    i=$((i + 1))
    if [ -z "$lines" ]; then
        echo "FAIL: $name printed no summary (exit $rc)"
        total_f=$((total_f + 1))
        continue
    fi
    p=$(echo "$lines" | sed -E 's/.*: ([0-9]+) passed.*/\1/' | awk '{s += $1} END {print s + 0}')
    f=$(echo "$lines" | sed -E 's/.* ([0-9]+) failed.*/\1/' | awk '{s += $1} END {print s + 0}')
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "FAIL: $name exited $rc"
        f=1
    fi
    total_p=$((total_p + p))
    total_f=$((total_f + f))
done
# the slowest parts first
sort -k3 -n -r "$D/times" | head -8
echo "check: $total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
