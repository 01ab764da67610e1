#!/bin/sh
# Every shipped config in Norwegian ([project] language = nb): each of configs/*.ini (the demo through
# configs/demo-nb.ini in tests/workbook/nb.sh, the demo with the roll-out registry in tests/did/run.sh) and the
# examples examples/cea-three-arm.ini and examples/rollout.ini, run with language = nb, gives a workbook with no English
# word outside data values (tests/workbook/nb_words.py); and every literal text of the sheet writers is in the
# message table and every entry of the label table is a module's text (tests/workbook/msg_coverage.py), checks that
# can fail. About 4 s.
BIN=${BIN:-bin/ipseval}
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
ROOT=$(pwd)
PY=/usr/bin/python3
. tests/lib.sh
T=build/tmp-nb-configs.$$
rm -rf "$T"
mkdir -p "$T"
export SOURCE_DATE_EPOCH=1700000000

# CONFIG OUT: the config with language = nb, its outputs dropped and its files' paths made absolute
nb_config() {
    $PY - "$1" "$2" <<'PY'
import os, re, sys
src, out = sys.argv[1:3]
base = os.path.dirname(os.path.abspath(src))
lines = []
for line in open(src, encoding="utf-8"):
    s = line.rstrip("\n")
    m = re.match(r"(\s*([A-Za-z_0-9.]+)\s*=\s*)(.*)$", s)
    if m and m.group(2) in ("language", "output", "results"):
        continue
    if m:
        v = re.split(r"\s+;", m.group(3))[0].strip()
        if v and not v.startswith("/") and os.path.isfile(os.path.join(base, v)):
            s = m.group(1) + os.path.normpath(os.path.join(base, v))
    lines.append(s)
    if s.strip() == "[project]":
        lines.append("language = nb")
open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
}

n_cfg=0
for c in configs/*.ini examples/cea-three-arm.ini examples/rollout.ini; do
    case "$c" in configs/demo.ini | configs/demo-nb.ini) continue ;; esac
    n=$(basename "$c" .ini)
    n_cfg=$((n_cfg + 1))
    nb_config "$c" "$T/$n.ini"
    if ! grep -q '^language = nb' "$T/$n.ini"; then
        ko "$c: no [project] section to set language = nb in"
        continue
    fi
    if ! "$BIN" run "$T/$n.ini" -o "$T/$n.xlsx" --results "$T/$n.csv" --quiet --no-progress 2> "$T/$n.err"; then
        ko "$c in Norwegian runs: $(head -n 2 "$T/$n.err")"
        continue
    fi
    if $PY tests/workbook/nb_words.py "$T/$n.xlsx" "$T/$n.ini" "$T/$n.csv" > "$T/$n.log" 2>&1; then
        ok "$c in Norwegian: no English word outside data values ($(grep '^INFO' "$T/$n.log" | sed 's/^INFO: //; s/;.*//'))"
    else
        grep '^FAIL' "$T/$n.log" | head -n 20
        ko "$c in Norwegian: $(grep '^INFO' "$T/$n.log" | sed 's/.*; //')"
    fi
done
if [ "$n_cfg" -ge 7 ]; then ok "$n_cfg configs scanned"; else ko "only $n_cfg configs found"; fi

# the message table covers every literal text of the sheet writers
if $PY tests/workbook/msg_coverage.py "$ROOT" > "$T/coverage.log" 2>&1; then
    ok "message table: $(grep '^INFO' "$T/coverage.log" | sed 's/^INFO: //' | paste -sd';' -)"
else
    grep '^FAIL' "$T/coverage.log" | head -n 20
    ko "message table: $(grep '^INFO' "$T/coverage.log" | sed 's/^INFO: //')"
fi

# ... and the coverage check can fail: the table without one message the Cohort sheet writes
mkdir -p "$T/cut/reports"
cp reports/*.c reports/*.h "$T/cut/reports/"
grep -v '{"Who got a job", ' reports/rpt_msg_nb.c > "$T/cut/reports/rpt_msg_nb.c"
if $PY tests/workbook/msg_coverage.py "$T/cut" 2>&1 | grep -q "practice.c:.*'Who got a job'"; then
    ok "the coverage check finds a text missing from the table (it can fail)"
else
    ko "the coverage check does not find a text missing from the table"
fi

# ... and the label table's check can fail: a module's label changed, its entry not updated
mkdir -p "$T/cut2"
cp -r reports rct cba cea meta fidelity practice realworld cli stats "$T/cut2/"
sed -i 's/reviews with the same score/reviews scored alike/' "$T/cut2/fidelity/fid_agree.c"
if $PY tests/workbook/msg_coverage.py "$T/cut2" 2>&1 | grep -q "label '%zu/%zu reviews with the same score"; then
    ok "the label table's check finds an entry whose module text changed (it can fail)"
else
    ko "the label table's check does not find an entry whose module text changed"
fi

echo "workbook-nb-configs: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && rm -rf "$T"
[ "$failed" -eq 0 ]
