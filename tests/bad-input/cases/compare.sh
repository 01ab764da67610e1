# The trial versus real world comparison ([compare]): the trial transported to a target population
# (target = FILE, columns covariate,value,source). Sourced by ../run.sh. A small trial of 10 participants with a
# numeric (age) and a categorical (sex) covariate and a binary outcome at 6 and 12 months.
cat > tr_cmp.csv <<'CSV'
id,arm,age,sex,emp6,emp12
1,IPS,25,male,0,1
2,TAU,31,female,0,0
3,IPS,40,female,1,1
4,TAU,22,male,0,1
5,IPS,35,male,1,0
6,TAU,28,female,0,0
7,IPS,52,female,0,1
8,TAU,45,male,1,1
9,IPS,30,male,0,0
10,TAU,38,female,0,1
CSV
# mkcmp FILE TARGET: a trial and [compare] target = TARGET (line 18)
mkcmp() {
    cat > "$1" <<INI
[project]
title = transport case
output = out/cmp.xlsx
results = out/cmp.csv
[trial]
data = tr_cmp.csv
id = id
arm = arm
treatment = IPS
control = TAU
timepoints = 6, 12
[outcome:emp]
type = binary
columns = emp6, emp12
primary = yes
[compare]
target = $2
INI
}
# tgt FILE LINE...: a target file with the header and the given rows
tgt() {
    f=$1
    shift
    printf 'covariate,value,source\n' > "$f"
    for l in "$@"; do printf '%s\n' "$l" >> "$f"; done
}
tgt t_ok.csv "age,34,test" "sex[male],0.5,test"
mkcmp cmp_ok.ini t_ok.csv
expect "a good target transports the trial" 0 "" -- compare cmp_ok.ini --quiet
check "the transported rows are written" grep -q '^compare,transported_effect,emp,12,arm,' out/cmp.csv

tgt t_range.csv "age,80,test"
mkcmp cmp_range.ini t_range.csv
expect "a target mean outside an arm's range" 3 "t_range.csv:2" "covariate 'age'" "outside the IPS arm's range (25 to 52)" \
    "strictly inside" -- compare cmp_range.ini
expect "... refused by check too" 3 "t_range.csv:2" "'age'" -- check cmp_range.ini
tgt t_share1.csv "sex[male],1,test"
mkcmp cmp_share1.ini t_share1.csv
expect "a share of 1" 3 "t_share1.csv:2:2 'value'" "sex[male]" "strictly between 0 and 1" -- compare cmp_share1.ini
tgt t_absent.csv "sex[other],0.2,test"
mkcmp cmp_absent.ini t_absent.csv
expect "a share of a category no participant has" 3 "t_absent.csv:2" "no participant of the IPS arm has sex = 'other'" \
    "leave sex[other] out" -- compare cmp_absent.ini
tgt t_unknown.csv "income,5,test"
mkcmp cmp_unknown.ini t_unknown.csv
expect "a covariate that is not a trial column" 3 "t_unknown.csv:2:1 'covariate'" "'income' is not a column of the trial" \
    "tr_cmp.csv" -- compare cmp_unknown.ini
tgt t_cat.csv "sex,0.5,test"
mkcmp cmp_cat.ini t_cat.csv
expect "a mean of a categorical column" 3 "t_cat.csv:2:1 'covariate'" "'sex' is a categorical column" "sex[male], sex[female]" \
    -- compare cmp_cat.ini
tgt t_text.csv "age,abc,test"
mkcmp cmp_text.ini t_text.csv
expect "a value that is not a number" 3 "t_text.csv:2:2 'value'" "not a number for 'age'" -- compare cmp_text.ini
printf 'covariate,val,source\nage,30,test\n' > t_nocol.csv
mkcmp cmp_nocol.ini t_nocol.csv
expect "a target file without its value column" 3 "t_nocol.csv" "no column 'value'" "covariate, value, source" \
    -- compare cmp_nocol.ini
tgt t_nosrc.csv "age,30,"
mkcmp cmp_nosrc.ini t_nosrc.csv
expect "a target value without its source" 3 "t_nosrc.csv:2:3 'source'" "no source for 'age'" -- compare cmp_nosrc.ini
tgt t_dup.csv "age,30,test" "AGE,31,test"
mkcmp cmp_dup.ini t_dup.csv
expect "a covariate given twice" 3 "t_dup.csv:3:1 'covariate'" "given twice (also on" -- compare cmp_dup.ini
tgt t_all.csv "sex[male],0.4,test" "sex[female],0.6,test"
mkcmp cmp_all.ini t_all.csv
expect "the shares of every level of one column" 3 "t_all.csv:2" "every level but one" -- compare cmp_all.ini
tgt t_bad.csv "sex[male,0.3,test"
mkcmp cmp_bad.ini t_bad.csv
expect "a malformed NAME[LEVEL]" 3 "t_bad.csv:2:1 'covariate'" "not NAME or NAME[LEVEL]" -- compare cmp_bad.ini
mkcmp cmp_nofile.ini t_none.csv
expect "a target file that does not exist" 3 "t_none.csv" "cannot open" -- compare cmp_nofile.ini
printf '[project]\noutput = out/cmp.xlsx\nresults = out/cmp.csv\n[compare]\ntrial_effect = 0.1\ntrial_effect_se = 0.04\ntarget = t_ok.csv\n' > cmp_typed.ini
expect "a target without [trial]" 2 "cmp_typed.ini:7: key 'target' in [compare]" "needs a [trial] section" -- compare cmp_typed.ini
