#!/bin/sh
# The cost-benefit analysis through the command line:
#  - bad input of [cba]/[markov]: exit status of SPEC §1 and a message naming file:line and key;
#  - 0% discounting is a real value; negative costs run with allow_negative_cost;
#  - the same seed gives byte-identical results, another seed other PSA results;
#  - the live CBA sheet: LibreOffice headless recalculates every formula (OOXMLRecalcMode = always, in a
#    throwaway profile) and each recalculated value equals ipseval's cached one to 1e-9 relative; the named
#    results equal the engine's rows; after the wage cell is changed, the NPVs move to what ipseval computes
#    for that wage and the break-even wages stay put.
BIN=${BIN:-bin/ipseval}
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
ROOT=$(pwd)
T=build/tmp-cba
rm -rf "$T"
mkdir -p "$T"
cd "$T" || exit 1
PY=/usr/bin/python3
. "$ROOT/tests/lib.sh"


# A small typed-effects config; cases add or replace lines (KEY=value pairs in $1 replace the defaults).
mk() { # FILE EXTRA-LINES (appended to [cba]) ; env SKIP = keys to leave out (regex)
    {
        printf '[project]\ntitle = cba case\noutput = out.xlsx\nresults = out.csv\nseed = 11\n\n[cba]\n'
        printf 'horizon_years = 3\ndiscount_rate = 0.04\ncost_ips = 95000\ncost_control = 16000\n'
        printf 'effect = 0.1, 0.1, 0.1\nwage = 450000\ntax_rate = 0.3\nbenefit = 200000\npsa_draws = 0\n'
    } | grep -Ev "^(${SKIP:-NONE}) =" > "$1"
    printf '%s\n' "$2" >> "$1"
}

mk neg.ini ""
sed -i 's/^cost_control = 16000/cost_control = -16000/' neg.ini
expect "negative cost without the flag" 2 "neg.ini:11: key 'cost_control' in [cba]" "allow_negative_cost" -- cba neg.ini
printf 'allow_negative_cost = yes\n' >> neg.ini
expect "negative cost with allow_negative_cost = yes runs" 0 "" -- cba neg.ini --quiet
mk beta.ini "tax_rate.dist = beta(mean=1.3, se=0.1)"
expect "beta with mean outside (0,1)" 2 "beta.ini:17: key 'tax_rate.dist' in [cba]" "0 < mean < 1" -- cba beta.ini
mk gam.ini "cost_ips.dist = gamma(mean=95000, se=120000)"
expect "gamma with an SE larger than its mean allows" 2 "key 'cost_ips.dist'" "se larger than the mean" -- cba gam.ini
SKIP=discount_rate mk dr.ini "discount_rate = -1"
expect "discount rate of -1" 2 "key 'discount_rate' in [cba]" "outside the valid range (-1" -- cba dr.ini
SKIP=discount_rate mk dr2.ini "discount_rate = -2.5"
expect "discount rate below -1" 2 "key 'discount_rate' in [cba]" "outside the valid range" -- cba dr2.ini
SKIP=discount_rate mk dr3.ini ""
expect "discount rate missing (0 must be said, not assumed)" 2 "key 'discount_rate' in [cba]" "required" -- cba dr3.ini
mk wtp.ini "wtp ="
expect "empty WTP grid" 2 "key 'wtp' in [cba]" "grid is empty" -- cba wtp.ini
mk wtp2.ini "wtp = 100000:0:1000"
expect "WTP grid with stop below start" 2 "key 'wtp' in [cba]" "empty willingness-to-pay grid" -- cba wtp2.ini
SKIP=horizon_years mk h0.ini "horizon_years = 0"
expect "horizon of 0" 2 "key 'horizon_years' in [cba]" "outside the valid range [1, 60]" -- cba h0.ini
mk typo.ini "wagee.dist = normal(mean=1, se=1)"
expect "unknown X.dist key" 2 "unknown key 'wagee.dist'" "did you mean 'wage.dist'" -- cba typo.ini
mk fam.ini "wage.dist = gama(mean=450000, se=1000)"
expect "unknown distribution" 2 "key 'wage.dist'" "is not a distribution" -- cba fam.ini
mk mean.ini "wage.dist = lognormal(mean=400000, se=1000)"
expect "distribution mean disagrees with the value" 2 "key 'wage.dist'" "disagrees with wage = 450000" -- cba mean.ini
mk pers.ini "persistence = linear"
expect "persistence rule without years" 2 "key 'persistence'" "linear:3" -- cba pers.ini
mk neff.ini "effect_months = 6, 12"
expect "effects and months differ in number" 2 "key 'effect'" "3 effects for 2 effect_months" -- cba neff.ini
mk boot.ini "effect.dist = bootstrap"
expect "bootstrap with typed effects" 2 "key 'effect.dist' in [cba]" "needs effect = trial" -- cba boot.ini
SKIP=effect mk trial.ini "effect = trial"
expect "effect = trial without a [trial] section" 2 "key 'effect' in [cba]" "no [trial] section" -- cba trial.ini
mk mk.ini "[markov]
states = waa, employed
transitions.control = 0.9, 0.2, 0, 1
transitions.ips = 0.8, 0.2, 0, 1"
expect "Markov row not summing to 1" 2 "key 'transitions.control' in [markov]" "sums to 1.1" -- cba mk.ini
mk sched.ini "tax_schedule = 0:0.2, 100000:0.4"
expect "tax_rate and tax_schedule both given" 2 "key 'tax_schedule'" "not both" -- cba sched.ini
printf '[project]\noutput = o.xlsx\nresults = o.csv\n[markov]\nstates = a, b\n' > mko.ini
expect "[markov] without [cba]" 2 "[markov] needs a [cba] section" -- cba mko.ini

# 0% discounting is a real value: constant 0.1 effect, dC = 79,000: W*(2) = 79000 / (0.1 x 1.75) (DOMAIN-models §3)
SKIP=discount_rate mk zero.ini "discount_rate = 0"
if "$BIN" cba zero.ini --quiet && awk -F, '$2 == "break_even_wage" && $5 == "2" && $6 == "constant" {
        x = $7; e = 79000 / 0.175; d = x - e; if (d < 0) d = -d; found = 1; exit !(d <= 1e-12 * e) }
        END { if (!found) exit 1 }' out.csv; then
    ok "0% discount rate: W*(2) = dC / (d (H - 0.25)) = 451,428.57"
else
    ko "0% discount rate: W*(2) = 451,428.57 ($(grep '^cba,break_even_wage,,,2,' out.csv))"
fi

# Reproducibility of the PSA through the command line
cp "$ROOT/configs/cba-norway.ini" norway.ini
sed -i 's|^output .*|output = norway.xlsx|; s|^results .*|results = norway.csv|' norway.ini
export SOURCE_DATE_EPOCH=1700000000
"$BIN" cba norway.ini --quiet -o a.xlsx --results a.csv && "$BIN" cba norway.ini --quiet -o b.xlsx --results b.csv
if cmp -s a.csv b.csv && cmp -s a.xlsx b.xlsx; then ok "same seed: results and workbook byte-identical"; else ko "same seed: byte-identical"; fi
"$BIN" cba norway.ini --quiet --seed 7 -o c.xlsx --results c.csv
if ! cmp -s a.csv c.csv; then ok "another seed: other PSA results"; else ko "another seed: other PSA results"; fi

# Workbooks for the recalculation: the Norwegian preset; a tax schedule with QALYs and 0% discounting; a zero
# effect (every undefined figure as text); the demo (effects from the trial, Markov model).
"$BIN" cba norway.ini --quiet -o norway.xlsx --results norway.csv
SKIP='tax_rate|discount_rate' mk sch.ini "discount_rate = 0
tax_schedule = 0:0.22, 200000:0.30, 650000:0.40
qaly_gain = 0.02
value_per_qaly = 588000
health_cost_change = -1500
treated = 100
persistence = halflife:1.5, constant
base_case = halflife:1.5
horizon_years = 6"
sed -i '/^horizon_years = 3/d' sch.ini
"$BIN" cba sch.ini --quiet -o sched.xlsx --results sched.csv || ko "tax-schedule case runs"
SKIP=effect mk z.ini "effect = 0, 0, 0"
"$BIN" cba z.ini --quiet -o zero.xlsx --results zero.csv || ko "zero-effect case runs"
if grep -q 'no finite break-even wage' zero.csv; then ok "zero effect: 'no finite break-even wage' said"; else ko "zero effect: said"; fi
"$BIN" cba "$ROOT/configs/demo.ini" --quiet -o demo.xlsx --results demo.csv || ko "demo (ipseval cba: the trial, then the CBA) runs"
# a Markov transition matrix from a CSV file gives the figures of the same matrix typed in
printf 'waa,employed,disability,other\n0.62,0.20,0.10,0.08\n0.12,0.78,0.03,0.07\n0,0,0.97,0.03\n0.10,0.10,0.05,0.75\n' > ips.csv
sed "s|^transitions.ips .*|transitions.ips = ips.csv|; s|\.\./examples|$ROOT/examples|" "$ROOT/configs/demo.ini" > mcsv.ini
if "$BIN" cba mcsv.ini --quiet -o mcsv.xlsx --results mcsv.csv &&
    [ "$(grep '^cba,markov' mcsv.csv)" = "$(grep '^cba,markov' demo.csv)" ]; then
    ok "Markov: a CSV transition matrix gives the same figures as the matrix typed in"
else
    ko "Markov: a CSV transition matrix gives the same figures as the matrix typed in"
fi
sed -i 's/^0.62,0.20,0.10,0.08/0.62,0.20,0.10,0.09/' ips.csv
expect "Markov CSV row not summing to 1" 3 "ips.csv:2: row 1 (waa) sums to 1.01" -- cba mcsv.ini
# the demo's PSA resamples the trial's participants by default (effect = trial, no effect.dist), reproducibly by
# seed: the same as effect.dist = bootstrap said explicitly, and another seed gives other intervals
sed "s|^effect        = trial.*|effect = trial\neffect.dist = bootstrap|; s|\.\./examples|$ROOT/examples|" "$ROOT/configs/demo.ini" > boot-demo.ini
"$BIN" cba boot-demo.ini --quiet -o boot.xlsx --results boot.csv
if cmp -s boot.csv demo.csv; then
    ok "demo: the PSA resamples the participants by default (identical to effect.dist = bootstrap, same seed)"
else
    ko "demo: the PSA resamples the participants by default"
fi
"$BIN" cba boot-demo.ini --quiet --seed 99 -o boot2.xlsx --results boot2.csv
if ! cmp -s boot.csv boot2.csv && [ "$(grep '^cba,npv,,,societal,per_participant' boot.csv | cut -d, -f7)" = \
    "$(grep '^cba,npv,,,societal,per_participant' boot2.csv | cut -d, -f7)" ]; then
    ok "bootstrap: another seed, other PSA intervals, the same deterministic NPV"
else
    ko "bootstrap: another seed, other PSA intervals, the same deterministic NPV"
fi
if $PY -c 'import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
txt = " ".join(str(c) for row in wb["Sensitivity"].iter_rows(max_row=3, values_only=True) for c in row if c)
sys.exit(0 if "resampling the trial" in txt else 1)' demo.xlsx; then
    ok "demo: the Sensitivity sheet says the effects are drawn by resampling the trial's participants"
else
    ko "demo: the Sensitivity sheet says how the effects are drawn"
fi
# normal effects with the trial need their correlation (never independent without saying so)
sed "s|^effect        = trial.*|effect = trial\neffect.dist = normal|; s|\.\./examples|$ROOT/examples|" "$ROOT/configs/demo.ini" > norm-demo.ini
expect "normal trial effects without effect.corr" 2 "effect.corr" "multivariate normal" -- cba norm-demo.ini
# reference numbers of the revision: the Norwegian preset under the first version's assumptions (constant effect, no
# growth, one rule) has government NPV 63,647 untaxed and 45,848 with the benefit taxed at 25% (participant 19,822 ->
# 37,621); the demo's Markov model has societal NPV 82,187 valued at cycle end and 61,723 half-cycle corrected
# (benefit untaxed)
sed 's/^real_growth .*/real_growth = 0/; s/^persistence .*/persistence = constant/; s/^base_case .*/base_case = constant/;
    s/^benefit_tax_rate .*/benefit_tax_rate = 0/' norway.ini > ref0.ini
sed 's/^benefit_tax_rate = 0$/benefit_tax_rate = 0.25/' ref0.ini > ref25.ini
"$BIN" cba ref0.ini --quiet -o ref0.xlsx --results ref0.csv && "$BIN" cba ref25.ini --quiet -o ref25.xlsx --results ref25.csv
if awk -F, 'FNR == 1 { f++ } $2 == "npv" && $6 == "per_participant" { v[f, $5] = $7 }
        END { exit !(sprintf("%.0f %.0f %.0f %.0f", v[1, "government"], v[1, "participant"], v[2, "government"],
                             v[2, "participant"]) == "63647 19822 45848 37621") }' ref0.csv ref25.csv; then
    ok "Norwegian preset: government NPV 63,647 -> 45,848 and participant 19,822 -> 37,621 with the benefit taxed at 25%"
else
    ko "Norwegian preset: government NPV 63,647 -> 45,848 with the benefit taxed at 25% ($(grep '^cba,npv,,,government,per' ref0.csv ref25.csv))"
fi
for hc in no yes; do
    sed "s|^benefit_tax_rate .*|benefit_tax_rate = 0|; s|^half_cycle .*|half_cycle = $hc|; s|\.\./examples|$ROOT/examples|" \
        "$ROOT/configs/demo.ini" > mk-$hc.ini
    "$BIN" cba mk-$hc.ini --quiet -o mk-$hc.xlsx --results mk-$hc.csv
done
if [ "$(awk -F, '$2 == "markov" && $5 == "npv_societal" && $6 == "per_person" { printf "%.0f", $7 }' mk-no.csv)" = 82187 ] &&
    [ "$(awk -F, '$2 == "markov" && $5 == "npv_societal" && $6 == "per_person" { printf "%.0f", $7 }' mk-yes.csv)" = 61723 ]; then
    ok "demo Markov model: societal NPV 82,187 at cycle end, 61,723 half-cycle corrected"
else
    ko "demo Markov model: societal NPV 82,187 -> 61,723 half-cycle corrected"
fi
# several persistence rules and no base_case: refused, naming the key
grep -v '^base_case' norway.ini > nobase.ini
expect "several persistence rules without base_case" 2 "key 'base_case' in [cba]" "is required when persistence lists 3 rules" -- cba nobase.ini
# the scale-up counts the people treated: population x take_up (561 x 0.09 = 50.49)
if awk -F, '$2 == "npv" && $5 == "government" && $6 == "per_participant" { p = $7 }
        $2 == "npv" && $5 == "government" && $6 == "population" { q = $7 }
        END { d = q - 50.49 * p; if (d < 0) d = -d; exit !(p != "" && d <= 1e-9 * (q < 0 ? -q : q)) }' norway.csv; then
    ok "scale-up: NPV for the population = per participant x 561 x 0.09"
else
    ko "scale-up: NPV for the population = per participant x 561 x 0.09"
fi

if office "LibreOffice recalculates the CBA workbooks"; then
    # A throwaway profile that makes LibreOffice recalculate every formula of an .xlsx on load (PITFALLS.md)
    prof="$(pwd)/lo-profile"
    mkdir -p "$prof/user" recalc
    cat > "$prof/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU
    # the wage changed in the sheet, as a reader would, and ipseval's own answer for that wage
    $PY "$ROOT/tests/cba/recalc.py" setwage norway.xlsx wage.xlsx 350000
    sed 's/^wage .*/wage = 350000/; /^wage.dist/d' norway.ini > wage.ini
    "$BIN" cba wage.ini --quiet -o wage-engine.xlsx --results wage-engine.csv
    # five inputs changed in the sheet (18-month effect, wage, discount rate, benefit tax rate, half-life of the base
    # case) and ipseval's own run with those values in the config
    $PY "$ROOT/tests/cba/recalc.py" setcells norway.xlsx five.xlsx effect_last=0.12 wage=280000 discount_rate=0.035 \
        benefit_tax_rate=0.3 rule_1_years=2.5
    sed 's/^effect        = .*/effect = 0.05, 0.095, 0.12/; s/^wage .*/wage = 280000/; /^wage.dist/d;
        s/^discount_rate .*/discount_rate = 0.035/; s/^benefit_tax_rate .*/benefit_tax_rate = 0.3/;
        s/^persistence .*/persistence = constant, linear:3, halflife:2.5/; s/^base_case .*/base_case = halflife:2.5/' \
        norway.ini > five.ini
    "$BIN" cba five.ini --quiet -o five-engine.xlsx --results five-engine.csv || ko "the five-input config runs"
    if timeout 300 soffice -env:UserInstallation=file://"$prof" --headless --convert-to xlsx --outdir recalc \
        norway.xlsx sched.xlsx zero.xlsx demo.xlsx wage.xlsx five.xlsx > soffice.log 2>&1 && [ -s recalc/five.xlsx ]; then
        ok "LibreOffice recalculated the workbooks"
        for b in norway sched zero demo; do
            if $PY "$ROOT/tests/cba/recalc.py" compare "$b.xlsx" "recalc/$b.xlsx" "$b.csv" > "cmp-$b.log" 2>&1; then
                ok "$b: every live formula recalculates to ipseval's value ($(grep '^recalculated' "cmp-$b.log"))"
            else
                cat "cmp-$b.log"
                ko "$b: live formulas recalculate to ipseval's values"
            fi
        done
        if $PY "$ROOT/tests/cba/recalc.py" moved recalc/norway.xlsx recalc/wage.xlsx wage-engine.csv > moved.log 2>&1; then
            ok "wage changed in the sheet: NPVs move to ipseval's values for that wage, break-even wages stay put"
        else
            cat moved.log
            ko "wage changed in the sheet"
        fi
        if $PY "$ROOT/tests/cba/recalc.py" allrules recalc/five.xlsx five-engine.csv > five.log 2>&1; then
            ok "five inputs changed in the sheet: $(grep '^every rule' five.log)"
        else
            cat five.log
            ko "five inputs changed in the sheet: every break-even wage and NPV equals ipseval's"
        fi
    else
        cat soffice.log
        ko "LibreOffice recalculated the workbooks"
    fi
fi
# `ipseval cba` writes the sheets of the cost-benefit analysis only, not those of the trial it draws its
# effects from (effect = trial); the trial's rows stay in the results, as the CBA's inputs (the visible sheets: the
# hidden chart-data sheet holds the charts' data and the intervals' numbers)
expect "ipseval cba on the demo config" 0 "" -- cba "$ROOT/configs/demo.ini" -o only-cba.xlsx --results only-cba.csv --quiet
sheets=$($PY -c "
import re, sys, zipfile
print(','.join(n for n, a in re.findall(r'<sheet name=\"([^\"]+)\"([^>]*)>', zipfile.ZipFile('only-cba.xlsx').read('xl/workbook.xml').decode()) if 'hidden' not in a))")
if [ "$sheets" = "Summary,CBA,Sensitivity,Results,Methods,Provenance" ]; then
    ok "ipseval cba writes the CBA's sheets only ($sheets)"
else
    ko "ipseval cba writes the sheets $sheets (expected Summary,CBA,Sensitivity,Results,Methods,Provenance)"
fi
echo "cba: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
