#!/bin/sh
# The hand-overs between modules (docs/design.md).
# 1. One random stream per module (docs/design.md, random streams): for the demo config and two variants (a
# [registry] key that changes the registry's draws, weights = webb; the [registry] section removed), every
# module's rows from `ipseval <module>` equal its rows from `ipseval run`, bit for bit (the results file prints
# every number with 17 significant digits, so equal text is equal doubles).
# 2. The trial is loaded once, by the trial module, and handed over: a trial in the long layout gives the CBA
#    (effect = trial, effect.dist = bootstrap: participant resampling) the same rows, to the bit, as the same
#    trial in the wide layout.
# Usage: BIN=bin/ipseval sh tests/handover/run.sh
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${BIN:-bin/ipseval}
case "$BIN" in /*) ;; *) BIN="$ROOT/$BIN" ;; esac
cd "$ROOT" || exit 1
. tests/lib.sh
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=315532800

# The variants live in $TMP: the demo's relative paths are made to point into the project.
sed -e "s#= \.\./#= $ROOT/#" -e "s#^anchors *= *#anchors = $ROOT/configs/#" configs/demo.ini >"$TMP/demo.ini"
sed 's/^weights *=.*/weights = webb/' "$TMP/demo.ini" >"$TMP/webb.ini"
awk '/^\[/ { skip = ($0 == "[registry]") } !skip' "$TMP/demo.ini" >"$TMP/noregistry.ini"
grep -q '^weights = webb' "$TMP/webb.ini" && ok "variant: [registry] weights = webb" || ko "variant: [registry] weights = webb"
grep -q '^\[registry\]' "$TMP/noregistry.ini" && ko "variant: [registry] removed" || ok "variant: [registry] removed"

for v in demo webb noregistry; do
    cfg="$TMP/$v.ini"
    if ! "$BIN" run "$cfg" -o "$TMP/$v-run.xlsx" --results "$TMP/$v-run.csv" --quiet; then
        ko "$v: ipseval run"
        continue
    fi
    for m in rct fidelity did meta cba compare; do
        # a module runs alone only when its section is in the config
        if ! grep -q "^$m," "$TMP/$v-run.csv"; then
            [ "$v:$m" = "noregistry:did" ] && ok "$v: no did rows without [registry]" || ko "$v: $m has no rows in run"
            continue
        fi
        if ! "$BIN" "$m" "$cfg" -o "$TMP/$v-$m.xlsx" --results "$TMP/$v-$m.csv" --quiet; then
            ko "$v: ipseval $m"
            continue
        fi
        grep "^$m," "$TMP/$v-run.csv" >"$TMP/a"
        grep "^$m," "$TMP/$v-$m.csv" >"$TMP/b"
        n=$(wc -l <"$TMP/a")
        if cmp -s "$TMP/a" "$TMP/b"; then
            ok "$v: the $n $m rows of 'ipseval $m' equal those of 'ipseval run'"
        else
            ko "$v: the $m rows of 'ipseval $m' differ from those of 'ipseval run' ($(diff "$TMP/a" "$TMP/b" | grep -c '^<') of $n)"
        fi
    done
done
# A module's rows do not depend on the other sections: the cba and rct rows are the same in all three variants.
for m in rct cba fidelity meta; do
    grep "^$m," "$TMP/demo-run.csv" >"$TMP/a"
    ok_all=1
    for v in webb noregistry; do
        grep "^$m," "$TMP/$v-run.csv" | cmp -s - "$TMP/a" || ok_all=0
    done
    [ $ok_all -eq 1 ] && ok "the $m rows are the same whatever the [registry] section says" ||
        ko "the $m rows change with the [registry] section"
done

# 2. long layout = wide layout for the CBA's bootstrap of the trial's participants
awk -F, 'NR == 1 { print "id,arm,month,emp"; next }
         { print $1 "," $3 ",6," $10; print $1 "," $3 ",12," $11; print $1 "," $3 ",18," $12 }' examples/trial.csv \
    >"$TMP/long-data.csv"
cba_section() { awk '/^\[/ { on = ($0 == "[cba]") } on' "$TMP/demo.ini" | grep -v '^[a-z_]*\.\(price_year\|index\)' | sed 's/^psa_draws *=.*/psa_draws = 400/'
                echo "effect.dist = bootstrap"; }
for layout in wide long; do
    {
        printf '[project]\ntitle = hand-over test\nseed = 7\nprice_year = 2018\n[trial]\narm = arm\ntreatment = IPS\ncontrol = TAU\n'
        printf 'id = id\ntimepoints = 6, 12, 18\n'
        if [ $layout = wide ]; then
            printf 'data = %s/examples/trial.csv\n[outcome:employment]\ntype = binary\ncolumns = emp6, emp12, emp18\n' "$ROOT"
        else
            printf 'data = %s/long-data.csv\nlayout = long\ntime = month\n[outcome:employment]\ntype = binary\ncolumn = emp\n' "$TMP"
        fi
        printf 'primary = yes\n'
        cba_section
    } >"$TMP/$layout.ini"
    if "$BIN" cba "$TMP/$layout.ini" -o "$TMP/$layout.xlsx" --results "$TMP/$layout.csv" --quiet; then
        ok "$layout layout: effect.dist = bootstrap runs"
    else
        ko "$layout layout: effect.dist = bootstrap runs"
    fi
done
grep "^cba," "$TMP/wide.csv" >"$TMP/a" 2>/dev/null
grep "^cba," "$TMP/long.csv" >"$TMP/b" 2>/dev/null
if [ -s "$TMP/a" ] && cmp -s "$TMP/a" "$TMP/b"; then
    ok "long layout: its $(wc -l <"$TMP/a") cba rows equal the wide layout's, to the bit"
else
    ko "long layout: the cba rows differ from the wide layout's"
fi
# the participants were resampled: without effect.dist = bootstrap the PSA rows differ
{ grep -v '^effect.dist' "$TMP/wide.ini"; printf 'effect.dist = normal\neffect.corr = 0\n'; } >"$TMP/normal.ini"
"$BIN" cba "$TMP/normal.ini" -o "$TMP/normal.xlsx" --results "$TMP/normal.csv" --quiet &&
    ! grep "^cba," "$TMP/normal.csv" | cmp -s - "$TMP/a" && ok "the bootstrap rows are not those of effect.dist = normal" ||
    ko "the bootstrap rows are not those of effect.dist = normal"
echo "handover: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
