#!/bin/sh
# The workbook in Norwegian ([project] language = nb): configs/demo-nb.ini is configs/demo.ini but for its
# language, title, outputs and labels; its workbook has no English word outside data values (nb_words.py scans
# every cell of every sheet, the sheet names and the charts); its results file is the English demo's when that
# is given (usage: nb.sh [EN_RESULTS.csv EN_WORKBOOK.xlsx], the English demo's outputs; without them it runs it); and a language that is not en or nb is a config error naming the key.
BIN=${BIN:-bin/ipseval}
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
PY=/usr/bin/python3
. tests/lib.sh
T=build/tmp-nb.$$
rm -rf "$T"
mkdir -p "$T"

# demo-nb.ini is the demo with other words, nothing else
strip() { # the lines that may differ: comments, language, title, outputs, labels
    grep -v -e '^;' -e '^language *=' -e '^title *=' -e '^output *=' -e '^results *=' -e '^label *=' -e '^labels *=' "$1"
}
strip configs/demo.ini > "$T/en.ini"
strip configs/demo-nb.ini > "$T/nb.ini"
if cmp -s "$T/en.ini" "$T/nb.ini"; then
    ok "configs/demo-nb.ini is configs/demo.ini but for its language, title, outputs and labels"
else
    ko "configs/demo-nb.ini has drifted from configs/demo.ini: $(diff "$T/en.ini" "$T/nb.ini" | head -n 4 | tr '\n' ' ')"
fi

export SOURCE_DATE_EPOCH=1700000000
if "$BIN" run configs/demo-nb.ini -o "$T/nb.xlsx" --results "$T/nb.csv" --quiet 2> "$T/run.err"; then
    ok "the demo in Norwegian runs"
else
    ko "the demo in Norwegian runs: $(head -n 3 "$T/run.err")"
fi
if [ -s "$T/run.err" ]; then
    ko "the Norwegian demo printed warnings (a formula or chart naming a sheet by its English name?): $(head -n 2 "$T/run.err")"
else
    ok "the Norwegian demo printed no warnings"
fi
if [ -n "$1" ]; then
    if cmp -s "$1" "$T/nb.csv"; then ok "results.csv is the same in Norwegian (its vocabulary is English)"
    else ko "results.csv differs between en and nb"; fi
fi

$PY tests/workbook/nb_words.py "$T/nb.xlsx" configs/demo-nb.ini "$T/nb.csv" > "$T/words.log" 2>&1
line=$(grep -E '^workbook-nb: [0-9]+ passed, [0-9]+ failed' "$T/words.log")
grep '^INFO' "$T/words.log"
if [ -z "$line" ]; then
    cat "$T/words.log"
    ko "nb_words.py printed no summary"
else
    p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    grep '^FAIL' "$T/words.log" | head -n 40
    passed=$((passed + p))
    failed=$((failed + f))
fi
# the scan can fail: the English demo has English words
en_xlsx=$2 en_csv=$1
if [ -z "$en_xlsx" ]; then
    en_xlsx="$T/en.xlsx" en_csv="$T/en.csv"
    "$BIN" run configs/demo.ini -o "$en_xlsx" --results "$en_csv" --quiet 2>/dev/null
fi
if $PY tests/workbook/nb_words.py "$en_xlsx" configs/demo.ini "$en_csv" > "$T/en.log" 2>&1; then
    ko "the scan finds English words in the English demo (it must be able to fail)"
else
    ok "the scan finds English words in the English demo ($(grep '^INFO' "$T/en.log" | sed 's/.*; //'))"
fi

# language = de: a config error naming the key and the valid values
sed 's/^language *= *nb/language   = de/' configs/demo-nb.ini > "$T/de.ini"
sed -i "s#= *\.\./examples/#= $(pwd)/examples/#" "$T/de.ini"
out=$("$BIN" check "$T/de.ini" 2>&1)
rc=$?
if [ "$rc" -eq 2 ] && echo "$out" | grep -q 'language' && echo "$out" | grep -q 'en' && echo "$out" | grep -q 'nb'; then
    ok "language = de: config error (exit 2) naming the key and en, nb"
else
    ko "language = de: exit $rc, '$out'"
fi

echo "workbook-nb-demo: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && rm -rf "$T"
[ "$failed" -eq 0 ]
