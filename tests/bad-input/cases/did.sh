# Registry difference-in-differences (the did module, [registry]): panels and employment spells.
# Sourced by ../run.sh. A small panel: 8 persons in 4 municipalities (2 each), 2010-2013, A treated from 2012.

awk 'BEGIN { print "person,muni,year,treated,y"; split("A A B B C C D D", m, " ");
  for (p = 1; p <= 8; p++) for (t = 2010; t <= 2013; t++) { d = (m[p] == "A" && t >= 2012); print p "," m[p] "," t "," d "," ((p * 7 + t * 3) % 11 + 2 * d) } }' > panel.csv
# mkreg FILE DATA [extra [registry] lines]; env OUTCOME, INFERENCE. Lines: 5 [registry], 6 data, ...,
# 12 inference, 13 the extra lines.
mkreg() {
    cat > "$1" <<INI
[project]
title = bad registry case
output = out/reg.xlsx
results = out/reg.csv
[registry]
data = $2
unit = person
time = year
cluster = muni
outcome = ${OUTCOME:-y}
treatment = treated
inference = ${INFERENCE:-cr1}
${3:-}
INI
    unset OUTCOME INFERENCE
}
mkreg reg_ok.ini panel.csv
expect "a good small panel runs" 0 "" -- did reg_ok.ini --quiet
check "a good small panel: no nan in results" sh -c '! grep -qi nan out/reg.csv'

awk -F, 'NR == 4 { $2 = "B" } { print }' OFS=, panel.csv > mover.csv
mkreg mover.ini mover.csv
expect "a unit observed in two clusters" 3 "mover.csv:4" "'1' is in muni 'B' here but in 'A' on line 2" "one cluster" -- did mover.ini
grep -v ',2011,' panel.csv > gap.csv
mkreg gap.ini gap.csv
expect "a time column with gaps" 3 "gap.csv" "has gaps" "year = 2011" "consecutive" -- did gap.ini
awk -F, 'NR > 1 { $4 = 0 } { print }' OFS=, panel.csv > flat.csv
mkreg flat.ini flat.csv
expect "a treatment that never varies" 3 "flat.csv" "'treated' is 0 in every row" "never varies" -- did flat.ini
awk -F, 'NR > 1 { $4 = ($2 == "A") } { print }' OFS=, panel.csv > absorbed.csv
mkreg absorbed.ini absorbed.csv
expect "a treated cluster with no period before its treatment (was reported as absorbed)" 3 "absorbed.csv" \
    "the treated muni 'A' has no period before its treatment" "year 2010" -- did absorbed.ini
{ cat panel.csv; echo "1,A,2013,1,5"; } > dup.csv
mkreg dup.ini dup.csv
expect "a unit twice in one period" 3 "dup.csv:34" "has year 2013 twice" -- did dup.ini
printf 'person,muni,year,treated,y\n1,A,2010.5,0,1\n1,A,2011,1,2\n2,B,2010,0,3\n2,B,2011,0,4\n' > frac.csv
mkreg frac.ini frac.csv
expect "a time that is not a whole number" 3 "frac.csv:2:3 'year'" "not a whole number" -- did frac.ini
INFERENCE="cr1, wild, ri" mkreg onewild.ini panel.csv
expect "one treated cluster with the wild bootstrap asked is said, with why" 0 "one treated cluster" "MacKinnon & Webb" "randomisation inference" -- did onewild.ini
check "one treated cluster: the wild row says it is unreliable" grep -q '^did,twfe,y,,treated,wild,.*unreliable: with one treated cluster' out/reg.csv
check "one treated cluster: the verdict names randomisation inference" grep -q '^did,panel_summary,y,,verdict,.*Trust the randomisation inference' out/reg.csv
check "one treated cluster: no nan in results" sh -c '! grep -qi nan out/reg.csv'
INFERENCE="cr1, bogus" mkreg badinf.ini panel.csv
expect "unknown inference method" 2 "badinf.ini:12: key 'inference' in [registry]" "'bogus'" "valid: classical" -- did badinf.ini
mkreg badev.ini panel.csv "event_time = 1:4"
expect "an event window without the reference period" 2 "badev.ini:13: key 'event_time' in [registry]" "FIRST <= -1" -- did badev.ini
mkreg nocol.ini panel.csv "controls = agee"
expect "a control column that is not there" 2 "nocol.ini:13: key 'controls' in [registry]" "agee" -- did nocol.ini

printf 'person,start,end,share\n1,2012-03-01,2012-02-01,100\n' > sp_end.csv
OUTCOME=days mkreg sp_end.ini panel.csv "spells = sp_end.csv"
expect "spells: end before start" 3 "sp_end.csv:2:3 'end'" "ends (2012-02-01) before it starts (2012-03-01)" -- did sp_end.ini
printf 'person,start,end,share\n1,2012-03-01,2012-06-30,100\n2,2099-01-01,2099-02-01,100\n' > sp_future.csv
OUTCOME=days mkreg sp_future.ini panel.csv "spells = sp_future.csv"
expect "spells: dates in the future" 3 "sp_future.csv:3:2 'start'" "in the future" -- did sp_future.ini
printf 'person,start,end,share\n1,2012-03-01,2012-06-30,150\n' > sp_share.csv
OUTCOME=days mkreg sp_share.ini panel.csv "spells = sp_share.csv"
expect "spells: a share above 100" 3 "sp_share.csv:2:4 'share'" "above 0 and at most 100" -- did sp_share.ini
printf 'person,start,end,share\n1,2012-13-01,2012-06-30,100\n' > sp_date.csv
OUTCOME=days mkreg sp_date.ini panel.csv "spells = sp_date.csv"
expect "spells: a malformed date" 3 "sp_date.csv:2:2 'start'" "YYYY-MM-DD" -- did sp_date.ini
printf 'person,from,end,share\n1,2012-03-01,2012-06-30,100\n' > sp_col.csv
OUTCOME=days mkreg sp_col.ini panel.csv "spells = sp_col.csv"
expect "spells: a column missing" 2 "sp_col.ini:13: key 'spells' in [registry]" "no column 'start'" "spell_start" -- did sp_col.ini
OUTCOME=y mkreg sp_both.ini panel.csv "spells = sp_end.csv"
expect "spells and an outcome column of the same name" 2 "sp_both.ini:10: key 'outcome' in [registry]" "already has a column 'y'" -- did sp_both.ini
