# Data: files that cannot be read as a table, and values the trial cannot use. Sourced by ../run.sh.

mkcfg missing.ini nothere.csv
expect "data file missing" 3 "nothere.csv" "cannot open" -- rct missing.ini
mkdir -p adir.csv
mkcfg isdir.ini adir.csv
expect "data path is a directory" 3 "adir.csv" "expected a data file" -- rct isdir.ini
: > empty.csv; mkcfg empty.ini empty.csv
expect "empty file" 3 "empty.csv" "empty" -- rct empty.ini
printf '\n  \n\t\n' > blank.csv; mkcfg blank.ini blank.csv
expect "file of blank lines" 3 "blank.csv" "empty" -- rct blank.ini
echo "id,arm,emp" > header.csv; mkcfg header.ini header.csv
expect "header only" 3 "header.csv" "no data rows" -- rct header.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU\n' > ragged.csv; mkcfg ragged.ini ragged.csv
expect "row with too few fields" 3 "ragged.csv:3" "2 fields" "the header has 3" -- rct ragged.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,0,7\n' > ragged2.csv; mkcfg ragged2.ini ragged2.csv
expect "row with too many fields (an unquoted comma)" 3 "ragged2.csv:3" "4 fields" "quote fields" -- rct ragged2.ini
printf 'id,arm,emp\n1,IPS,1\n\n2,TAU,0\n' > blankmid.csv; mkcfg blankmid.ini blankmid.csv
expect "blank line between data rows" 3 "blankmid.csv:3" "blank line" -- rct blankmid.ini
printf 'id,arm,emp\n1,"IPS,1\n2,TAU,0\n' > unterm.csv; mkcfg unterm.ini unterm.csv
expect "quote never closed" 3 "unterm.csv:2" "never closed" -- rct unterm.ini
printf 'id,arm,emp\n1,"IPS"x,1\n' > afterq.csv; mkcfg afterq.ini afterq.csv
expect "text after a closing quote" 3 "afterq.csv:2" "field 2" "after its closing quote" -- rct afterq.ini
printf 'id,arm,arm,emp\n1,IPS,IPS,1\n2,TAU,TAU,0\n' > dupcol.csv; mkcfg dupcol.ini dupcol.csv
expect "duplicate column name" 3 "dupcol.csv:1:3" "duplicate column name 'arm'" -- rct dupcol.ini
printf 'id,,emp\n1,IPS,1\n2,TAU,0\n' > emptyname.csv; mkcfg emptyname.ini emptyname.csv
expect "empty column name" 3 "emptyname.csv:1:2" "empty column name" -- rct emptyname.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,0\n3,OTHER,1\n' > third.csv; mkcfg third.ini third.csv
expect "arm with a third level" 3 "third.csv:4:2 'arm'" "'OTHER'" -- rct third.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,0\n1,TAU,1\n' > dup.csv; mkcfg dup.ini dup.csv
expect "duplicate participant id" 3 "dup.csv:4:1 'id'" "'1' is duplicated" "line 2" -- rct dup.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,abc\n3,IPS,0\n' > nonnum.csv; mkcfg nonnum.ini nonnum.csv
expect "non-numeric binary outcome" 3 "nonnum.csv:3:3 'emp'" "'abc' is not a number" -- rct nonnum.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,2\n3,IPS,0\n' > two.csv; mkcfg two.ini two.csv
expect "binary outcome not 0/1" 3 "two.csv:3:3 'emp'" "not 0 or 1" -- rct two.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,0.5\n3,IPS,0\n' > half.csv; mkcfg half.ini half.csv
expect "binary outcome 0.5" 3 "half.csv:3:3 'emp'" "0.5" -- rct half.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,1e400\n3,IPS,0\n4,TAU,1\n' > huge.csv; mkcfg huge.ini huge.csv
expect "huge number 1e400 (overflows a double)" 3 "huge.csv:3:3 'emp'" "'1e400' is not a number" -- rct huge.ini
# 1e308 is a double, but the sums of an analysis overflow: it used to give "-nan (0.00)" and Inf in results
printf 'id,arm,income\n1,IPS,1e308\n2,TAU,1e308\n3,IPS,1e308\n4,TAU,-1e308\n' > hugecont.csv
OUTCOME="type = continuous
column = income" mkcfg hugecont.ini hugecont.csv
expect "huge continuous outcome 1e308 (sums overflow)" 3 "hugecont.csv:2:3 'income'" "too large to analyse" "rescale" -- rct hugecont.ini
printf 'id,arm,age,emp\n1,IPS,25,1\n2,TAU,1e300,0\n3,IPS,40,0\n4,TAU,22,1\n5,IPS,35,1\n6,TAU,28,0\n' > hugecov.csv
TRIAL_EXTRA="covariates = age" mkcfg hugecov.ini hugecov.csv
expect "huge covariate 1e300" 3 "hugecov.csv" "key 'covariates' in [trial]" -- rct hugecov.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,0\n123456789012345678901234567890,IPS,1\n' > hugeid.csv
RES=out/hugeid.csv OUT=out/hugeid.xlsx mkcfg hugeid.ini hugeid.csv
expect "30-digit participant id is an identifier, not a number" 0 "" -- rct hugeid.ini --quiet
printf 'id,arm,emp\n1,IPS,1\n2,TAU,NaN\n3,IPS,0\n4,TAU,1\n' > notnumber.csv; mkcfg notnumber.ini notnumber.csv
expect "NaN as text" 3 "notnumber.csv:3:3 'emp'" "'NaN' is not a number" -- rct notnumber.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,-Inf\n3,IPS,0\n4,TAU,1\n' > inftext.csv; mkcfg inftext.ini inftext.csv
expect "Inf as text" 3 "inftext.csv:3:3 'emp'" "'-Inf' is not a number" -- rct inftext.ini
printf 'id;arm;emp;age\n1;IPS;1;1.234,5\n2;TAU;0;22\n3;IPS;0;30\n4;TAU;1;40\n' > thousands.csv
OUTCOME="type = continuous
column = age" DATA_EXTRA='[data]
delimiter = ";"
decimal = ","' mkcfg thousands.ini thousands.csv
expect "thousands separator 1.234,5" 3 "thousands.csv:2:4 'age'" "'1.234,5' is not a number" -- rct thousands.ini
printf 'id,arm,emp,age\n1,IPS,1,"30,5"\n2,TAU,0,22\n3,IPS,0,30\n4,TAU,1,40\n' > commadec.csv
OUTCOME="type = continuous
column = age" mkcfg commadec.ini commadec.csv
expect "decimal comma in a comma-separated file" 3 "commadec.csv:2:4 'age'" "'30,5' is not a number" -- rct commadec.ini
printf 'id,arm,emp\n1,IPS,1\n2,,0\n3,IPS,0\n4,TAU,1\n' > noarm.csv; mkcfg noarm.ini noarm.csv
expect "missing arm" 3 "noarm.csv:3:2 'arm'" -- rct noarm.ini
printf 'id,arm,emp\n1,IPS,1\n,TAU,0\n3,IPS,0\n4,TAU,1\n' > noid.csv; mkcfg noid.ini noid.csv
expect "missing participant id" 3 "noid.csv:3:1 'id'" -- rct noid.ini
printf 'not a stata file at all, just text\n' > fake.dta; mkcfg fakedta.ini fake.dta
expect "a .dta that is not Stata" 3 "fake.dta" "cannot be read as a Stata .dta file" -- rct fakedta.ini
printf 'neither is this an SPSS file\n' > fake.sav; mkcfg fakesav.ini fake.sav
expect "a .sav that is not SPSS" 3 "fake.sav" "cannot be read as an SPSS .sav file" -- rct fakesav.ini
if [ -f "$ROOT/tests/fuzz/corpus/fuzz_dta/v118.dta" ]; then
    head -c 3000 "$ROOT/tests/fuzz/corpus/fuzz_dta/v118.dta" > cut.dta; mkcfg cut.ini cut.dta
    expect "truncated .dta (a copy cut short)" 3 "cut.dta" "truncated" -- rct cut.ini
    cp "$ROOT/tests/fuzz/corpus/fuzz_dta/noobs.dta" noobs.dta; mkcfg noobs.ini noobs.dta
    expect ".dta with variables but no observations" 3 "noobs.dta" "no observations" -- rct noobs.ini
    cp "$ROOT/tests/fuzz/corpus/fuzz_sav/plain.sav" plain.sav; ARMCOL=armm mkcfg savcol.ini plain.sav
    expect ".sav column named wrong in the config" 2 "savcol.ini:" "'armm'" "did you mean 'arm'" -- rct savcol.ini
fi
printf 'id;arm;emp;age\n1;IPS;1;30,5\n2;TAU;0;41,25\n3;IPS;0;22\n4;TAU;1;35\n' > semi.csv
DATA_EXTRA='[data]
delimiter = ";"
decimal = ","' mkcfg semi.ini semi.csv
expect "Norwegian Excel export (';' and decimal comma) is read" 0 "" -- check semi.ini
printf 'id;arm;emp;age\n1;IPS;1;30,5\n2;TAU;0;41,25\n' > semiauto.csv; OUTCOME="type = continuous
column = age" mkcfg semiauto.ini semiauto.csv
expect "decimal comma without decimal = \",\" in the config" 3 "semiauto.csv:2:4 'age'" "'30,5' is not a number" -- rct semiauto.ini

# Missing tokens: [data] missing lists what is read as missing (default: empty, NA, .). Codes such as
# -99 or n/a are data errors until listed there.
printf 'id,arm,emp\n1,IPS,1\n2,TAU,0\n3,IPS,-99\n4,TAU,1\n5,IPS,1\n6,TAU,n/a\n7,IPS,.\n8,TAU,NA\n' > tokens.csv
DATA_EXTRA='[data]
missing = , NA, ., -99, n/a' RES=out/tokens.csv OUT=out/tokens.xlsx mkcfg tokens.ini tokens.csv
expect "custom missing tokens (-99, n/a) are read as missing" 0 "" -- rct tokens.ini --quiet
check "custom missing tokens: 2 analysed in each arm" sh -c "grep -qE '^rct,arm_summary,emp,,IPS,.*,2,2/2\$' out/tokens.csv && grep -qE '^rct,arm_summary,emp,,TAU,.*,2,1/2\$' out/tokens.csv"
printf 'id,arm,emp\n1,IPS,1\n2,TAU,0\n3,IPS,-99\n4,TAU,1\n' > code99.csv; mkcfg code99.ini code99.csv
expect "-99 code not listed as missing" 3 "code99.csv:4:3 'emp'" "-99 is not 0 or 1" "list it in [data] missing" -- rct code99.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,0\n3,IPS,n/a\n4,TAU,1\n' > slashna.csv; mkcfg slashna.ini slashna.csv
expect "'n/a' not listed as missing" 3 "slashna.csv:4:3 'emp'" "'n/a' is not a number" "list it in [data] missing" -- rct slashna.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,0\n3,IPS,.\n4,TAU,1\n' > nodot.csv
DATA_EXTRA='[data]
missing = NA' mkcfg nodot.ini nodot.csv
expect "'.' when missing = NA only" 3 "nodot.csv:4:3 'emp'" "'.'" -- rct nodot.ini

# Delimiters: a ';' file read with delimiter ',' is one column whose name shows the real delimiter; tab-
# separated text is read with delimiter = tab and by auto-detection, to the same results.
printf 'id;arm;emp\n1;IPS;1\n2;TAU;0\n' > semi.csv
DATA_EXTRA='[data]
delimiter = ","' mkcfg semicomma.ini semi.csv
expect "';'-delimited file read with delimiter ','" 2 "semicomma.ini:10: key 'id' in [trial]" "its columns are: id;arm;emp" "set delimiter = \";\" in [data]" -- rct semicomma.ini
tr ',' '\t' < good.csv > good.tsv
DATA_EXTRA='[data]
delimiter = tab' RES=out/tab.csv OUT=out/tab.xlsx mkcfg tab.ini good.tsv
expect "tab-separated file with delimiter = tab runs" 0 "" -- rct tab.ini --quiet
RES=out/tabauto.csv OUT=out/tabauto.xlsx mkcfg tabauto.ini good.tsv
expect "tab-separated file, delimiter auto-detected, runs" 0 "" -- rct tabauto.ini --quiet
check "tab-separated: same results with delimiter = tab and auto" cmp -s out/tab.csv out/tabauto.csv
# Strict types: a covariate whose cells are numbers but one is refused, naming the cell and the two ways out
printf 'id,arm,age,emp\n1,IPS,25,1\n2,TAU,31,0\n3,IPS,forty,0\n4,TAU,22,1\n5,IPS,35,1\n6,TAU,28,0\n7,IPS,44,1\n8,TAU,39,0\n' > forty.csv
TRIAL_EXTRA="covariates = age" mkcfg forty.ini forty.csv
expect "'forty' in a numeric covariate" 3 "forty.csv:4:3 'age'" "'forty' is not a number" "7 of the 8 values" \
    "[data] missing" "[trial] categorical = age" -- rct forty.ini
# declared categorical, the same column is read as categories (three levels) and the run completes
printf 'id,arm,grp,emp\n1,IPS,1,1\n2,TAU,2,0\n3,IPS,x,0\n4,TAU,1,1\n5,IPS,2,1\n6,TAU,x,0\n7,IPS,1,1\n8,TAU,2,0\n9,IPS,x,1\n10,TAU,1,0\n11,IPS,2,0\n12,TAU,x,1\n' > declared.csv
RES=out/declared.csv OUT=out/declared.xlsx TRIAL_EXTRA="covariates = grp
categorical = grp" mkcfg declared.ini declared.csv
expect "a column declared categorical holding numbers and text" 0 "" -- rct declared.ini --quiet
# a baseline column also listed among the covariates enters the model once (it used to be refused as collinear)
printf 'id,arm,base,score\n1,IPS,3,5\n2,TAU,4,4\n3,IPS,2,6\n4,TAU,5,5\n5,IPS,6,8\n6,TAU,3,3\n7,IPS,4,7\n8,TAU,2,2\n' > basecov.csv
RES=out/basecov.csv OUT=out/basecov.xlsx TRIAL_EXTRA="covariates = base" OUTCOME="type = continuous
column = score
baseline = base" mkcfg basecov.ini basecov.csv
expect "baseline also listed in the covariates is used once" 0 "" -- rct basecov.ini --quiet

# binary outcomes written as words: yes = Ja, no = Nei on the outcome recodes them; the same results as 0/1
sed '1!{s/,1$/,Ja/;s/,0$/,Nei/}' good.csv > janei.csv
RES=out/jn-ref.csv OUT=out/jn-ref.xlsx mkcfg jnref.ini good.csv
expect "0/1 reference run for Ja/Nei" 0 "" -- rct jnref.ini --quiet
RES=out/jn.csv OUT=out/jn.xlsx OUTCOME="type = binary
column = emp
yes = Ja
no = Nei" mkcfg janei.ini janei.csv
expect "Ja/Nei outcome with yes = Ja, no = Nei" 0 "" -- rct janei.ini --quiet
check "Ja/Nei: the same results as 0/1" cmp -s out/jn-ref.csv out/jn.csv
mkcfg janeino.ini janei.csv
expect "Ja/Nei outcome without yes/no keys" 3 "janei.csv:2:5 'emp'" "'Ja' is not a number" -- rct janeino.ini
sed '3s/,Nei$/,Kanskje/' janei.csv > janei3.csv
OUTCOME="type = binary
column = emp
yes = Ja
no = Nei" mkcfg janei3.ini janei3.csv
expect "a word that is neither yes nor no" 3 "janei3.csv:3:5 'emp'" "'Kanskje' is neither yes = 'Ja' nor no = 'Nei'" -- rct janei3.ini
OUTCOME="type = binary
column = emp
yes = Ja" mkcfg janei4.ini janei.csv
expect "yes without no" 2 "janei4.ini:" "key 'yes'" "yes and no go together" -- rct janei4.ini
# the treatment received ([trial] received) is 0/1
printf 'id,arm,got,emp\n1,IPS,1,1\n2,TAU,0,0\n3,IPS,2,0\n4,TAU,0,1\n' > received.csv
TRIAL_EXTRA="received = got" mkcfg received.ini received.csv
expect "treatment received not 0/1" 3 "received.csv:4:3 'got'" "'2' is not 0 or 1" -- rct received.ini
