# Safety: nothing misread, nothing overwritten, nothing injected (numbers read once by the declared
# rules, generated data never over real data, outputs only as regular files, degenerate settings).
# Sourced by ../run.sh.

# a previous pair of outputs that every refused run below must leave byte-identical
mkcfg safety-ok.ini good.csv
"$BIN" rct safety-ok.ini --quiet

# Numbers: a Norwegian export read without its thousands separator was read as 850, 1.2 and 2.5
printf 'id;arm;cost;emp\n1;IPS;850;1\n2;TAU;1.200;0\n3;IPS;2.500;1\n4;TAU;2,5;0\n5;IPS;1.100;1\n6;TAU;900;0\n' > nbthou.csv
TRIAL_EXTRA="covariates = cost" DATA_EXTRA='[data]
delimiter = ";"
decimal = ","' mkcfg nbthou.ini nbthou.csv
expect "thousands dot in a decimal-comma column (read as 1.2 before)" 3 "nbthou.csv:3:3 'cost'" "'1.200' is not a number" \
    "decimal ','" "set thousands = \".\"" -- rct nbthou.ini
printf 'id;arm;cost;emp\n1;IPS;850;1\n2;TAU;2,5;0\n3;IPS;3;1\n4;TAU;4;0\n5;IPS;5;1\n6;TAU;6;0\n' > nbcomma.csv
TRIAL_EXTRA="covariates = cost" DATA_EXTRA='[data]
delimiter = ";"' mkcfg nbcomma.ini nbcomma.csv
expect "decimal comma in a column read with decimal '.'" 3 "nbcomma.csv:3:3 'cost'" "'2,5' is not a number" \
    "set decimal = \",\"" -- rct nbcomma.ini
TRIAL_EXTRA="covariates = cost" DATA_EXTRA='[data]
delimiter = ";"
decimal = ","
thousands = ","' mkcfg thsame.ini nbthou.csv
expect "thousands separator equal to the decimal mark" 2 "thsame.ini:9: key 'thousands'" "decimal mark" -- rct thsame.ini
TRIAL_EXTRA="covariates = cost" DATA_EXTRA='[data]
thousands = x' mkcfg thbad.ini nbthou.csv
expect "thousands separator not one of the valid ones" 2 "thbad.ini:7: key 'thousands'" "'x' is not a valid thousands" -- rct thbad.ini

# Resources: the config is at most 16 MiB (/dev/zero grew until memory ran out, then "analysis could not be done")
expect "config of endless bytes (/dev/zero)" 2 "config file is larger than 16 MiB" "/dev/zero" -- check /dev/zero

# SOURCE_DATE_EPOCH: parsed strictly (digits, 1980-01-01 to 9999-12-31), never ignored while Provenance says it was used
for sde in abc 0 253402300800 " 1700000000" -5 1.5e9; do
    SOURCE_DATE_EPOCH=$sde
    expect "SOURCE_DATE_EPOCH='$sde' refused" 2 "SOURCE_DATE_EPOCH: '$sde'" "1980-01-01" -- rct safety-ok.ini
done
SOURCE_DATE_EPOCH=315532800
expect "SOURCE_DATE_EPOCH at 1980-01-01 accepted" 0 -- rct safety-ok.ini --quiet -o out/sde.xlsx --results out/sde.csv
check "SOURCE_DATE_EPOCH used for the workbook's creation time" sh -c \
    "/usr/bin/python3 -c \"import openpyxl,sys; sys.exit(0 if str(openpyxl.load_workbook('out/sde.xlsx').properties.created).startswith('1980-01-01') else 1)\""
SOURCE_DATE_EPOCH=1700000000

# Formula guard: a bad value of [project] csv_formula_guard names the key
EXTRA="csv_formula_guard = maybe" mkcfg guard.ini good.csv
expect "csv_formula_guard not yes/no" 2 "guard.ini:5: key 'csv_formula_guard'" "yes/no" -- rct guard.ini
