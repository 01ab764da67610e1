# Config and command line: half-finished configs, typos, values out of range. Messages name
# file:line and the key, and say what would be valid. Sourced by ../run.sh.

ARMCOL=armm mkcfg unknowncol.ini good.csv
expect "column not in the data" 2 "unknowncol.ini:10: key 'arm' in [trial]" "'armm'" "did you mean 'arm'" -- rct unknowncol.ini
ARMCOL=treatment_group mkcfg farcol.ini good.csv
expect "column not in the data, nothing close" 2 "farcol.ini:10: key 'arm' in [trial]" "its columns are: id, arm, county, age, emp" -- rct farcol.ini
TREAT=ips mkcfg absent.ini good.csv
expect "treatment level absent from the data" 3 "absent.ini:11: key 'treatment'" "'ips' does not occur" "IPS, TAU" -- rct absent.ini
EXTRA="confidnce = 0.9" mkcfg typo.ini good.csv
expect "misspelt key" 2 "typo.ini:5" "'confidnce'" "did you mean 'confidence'" -- rct typo.ini
printf '[project]\ntitle = x\n[cba]\ndiscount = 0.04\n' > discount.ini
expect "key cut short: the key it begins, not the section's 40 keys" 2 "discount.ini:4" "'discount'" "did you mean 'discount_rate'?" "ipseval help cba" -- cba discount.ini
EXTRA="confidence = 1.5" mkcfg conf.ini good.csv
expect "confidence above 1" 2 "conf.ini:5: key 'confidence'" "outside the valid range (0, 1)" -- rct conf.ini
EXTRA="confidence = 0" mkcfg conf0.ini good.csv
expect "confidence zero" 2 "conf0.ini:5: key 'confidence'" "(0, 1)" -- rct conf0.ini
EXTRA="confidence = 95%" mkcfg confpct.ini good.csv
expect "confidence as a percentage" 2 "confpct.ini:5: key 'confidence'" "'95%' is not a number" -- rct confpct.ini
EXTRA="confidence = 0,95" mkcfg confcomma.ini good.csv
expect "confidence with a decimal comma" 2 "confcomma.ini:5: key 'confidence'" "'0,95' is not a number" -- rct confcomma.ini
EXTRA="seed = 010x" mkcfg seed.ini good.csv
expect "seed with junk" 2 "seed.ini:5: key 'seed'" "not a whole number" -- rct seed.ini
EXTRA="seed = 4294967296" mkcfg seedbig.ini good.csv
expect "seed above 2^32-1" 2 "seedbig.ini:5: key 'seed'" "outside the valid range" -- rct seedbig.ini
EXTRA="seed = -1" mkcfg seedneg.ini good.csv
expect "negative seed" 2 "seedneg.ini:5: key 'seed'" "outside the valid range" -- rct seedneg.ini
EXTRA="currency = nok" mkcfg cur.ini good.csv
expect "currency not an ISO code" 2 "cur.ini:5: key 'currency'" "ISO 4217" -- rct cur.ini
EXTRA="synthetic = maybe" mkcfg synth.ini good.csv
expect "yes/no key with another word" 2 "synth.ini:5: key 'synthetic'" "yes/no" -- rct synth.ini
EXTRA="small_cell = -3" mkcfg small.ini good.csv
expect "negative small-cell threshold" 2 "small.ini:5: key 'small_cell'" "outside the valid range" -- rct small.ini
OUT=out/report.pdf mkcfg pdf.ini good.csv
expect "workbook name not .xlsx" 2 "pdf.ini:3: key 'output'" "must end in .xlsx" -- rct pdf.ini
DATA_EXTRA='[data]
delimiter = ::' mkcfg delim.ini good.csv
expect "delimiter of two characters" 2 "delim.ini:7: key 'delimiter' in [data]" "not a valid delimiter" -- rct delim.ini
DATA_EXTRA='[data]
delimiter = ","
decimal = ","' mkcfg commacomma.ini good.csv
expect "decimal comma with comma delimiter" 2 "commacomma.ini" "key 'decimal'" "cannot be used with the delimiter ','" -- rct commacomma.ini
DATA_EXTRA='[data]
decimal = ;' mkcfg dec.ini good.csv
expect "decimal mark other than . or ," 2 "dec.ini:7: key 'decimal' in [data]" "not a valid decimal mark" -- rct dec.ini
OUTCOME="type = binomial
column = emp" mkcfg otype.ini good.csv
expect "outcome type misspelt" 2 "otype.ini:15: key 'type' in [outcome:emp]" "'binomial'" "binary" -- rct otype.ini
OUTCOME="type = binary" mkcfg nocol.ini good.csv
expect "outcome without a column" 2 "nocol.ini" "[outcome:emp]" "column" -- rct nocol.ini
ARMCOL="" mkcfg emptyval.ini good.csv
expect "required key with an empty value" 2 "emptyval.ini:10: key 'arm' in [trial]" "must not be empty" -- rct emptyval.ini
printf '[project]\ntitle = a\ntitle = b\n' > dupkey.ini
expect "key given twice" 2 "dupkey.ini:3" "given twice" "line 2" -- rct dupkey.ini
printf '[project]\ntitle = a\n[project]\nseed = 1\n' > dupsec.ini
expect "section given twice" 2 "dupsec.ini:3" "given twice" "first on line 1" -- rct dupsec.ini
printf '[projcet]\ntitle = a\n' > badsec.ini
expect "misspelt section" 2 "badsec.ini:1" "did you mean [project]" -- rct badsec.ini
printf '[project\ntitle = a\n' > open.ini
expect "section header without ]" 2 "open.ini:1" "no closing ']'" -- rct open.ini
# found by fuzz_config: iniparser read '[project]<TAB>title = x' as a key, so the keys below it were
# silently ignored (confidence 0.5 -> 0.95 used, exit 0)
printf '[project]\ttitle = x\nconfidence = 0.5\n' > sectext.ini
expect "text after a section header (keys below would be ignored)" 2 "sectext.ini:1" "after the section header" -- rct sectext.ini
# a comment after a header is valid (SPEC §2 writes '[data]   ; ...'): the keys below it are read, so
# the bad value on line 3 is the one refused
printf '[project] ; the project\ntitle = x\nconfidence = 2\n' > seccomment.ini
expect "comment after a section header: keys below it read" 2 "seccomment.ini:3" "key 'confidence' in [project]" -- rct seccomment.ini
# found by fuzz_config: a header comment ending with '\\' made iniparser join the next line to the header
printf '[project] ; the project \\\ntitle = x\n' > seccont.ini
expect "section header line ending with '\\'" 2 "seccont.ini:1" "section header's line ends with" -- rct seccont.ini
# found by fuzz_config: a value ending with '\\' on the last line was dropped by iniparser (key listed,
# no value); a line ending with several '\\' made iniparser join the next lines, a [section] included
printf '[project]\ntitle = x \\' > conteof.ini
expect "continuation '\\' on the last line" 2 "conteof.ini:2" "no line follows" -- rct conteof.ini
printf '[project]\ntitle = x\\\\\n\n[trial]\ndata = good.csv\n' > contmany.ini
expect "line ending with several '\\'" 2 "contmany.ini:2" "more than one" -- rct contmany.ini
printf 'title = a\n[project]\n' > nosec.ini
expect "key before any section" 2 "nosec.ini:1" "before any [section]" -- rct nosec.ini
printf '[project]\njust some words\n' > noeq.ini
expect "line that is neither section nor key" 2 "noeq.ini:2" "neither a [section] nor a 'key = value' line" -- rct noeq.ini
{ printf '[project]\ntitle = '; head -c 1100 /dev/zero | tr '\0' 'x'; printf '\n'; } > long.ini
expect "line over 1023 characters" 2 "long.ini:2" "1023" -- rct long.ini
printf '[project]\ntitle = nothing to do\n' > noanalysis.ini
expect "config naming no analysis" 2 "noanalysis.ini" "names no analysis" -- run noanalysis.ini
printf '[project]\ntitle = no trial\n' > notrial.ini
expect "rct without a [trial] section" 2 "notrial.ini" "no [trial] section" -- rct notrial.ini
mkdir -p cfgdir.ini
expect "config path is a directory" 2 "cfgdir.ini" -- rct cfgdir.ini
expect "config file missing" 2 "nope.ini" -- rct nope.ini
mkcfg ok.ini good.csv
expect "unknown subcommand" 2 "unknown subcommand 'frobnicate'" -- frobnicate ok.ini
expect "unknown option" 2 "unknown option '--bogus'" -- rct ok.ini --bogus
expect "option without its value" 2 "option '--results' needs a value" -- rct ok.ini --results
expect "--seed not a number" 2 "--seed: 'abc'" "whole number" -- rct ok.ini --seed abc
expect "two config files" 2 "unexpected argument 'ok.ini'" -- rct ok.ini ok.ini
expect "subcommand without a config" 2 "'rct' needs a config file" -- rct
# the primary outcome at several timepoints with a multiplicity adjustment: which timepoint is primary must be said
printf 'id,arm,e6,e12\n1,IPS,1,1\n2,TAU,0,1\n3,IPS,0,0\n4,TAU,1,0\n' > ptp.csv
TRIAL_EXTRA="multiplicity = holm
timepoints = 6, 12" OUTCOME="type = binary
columns = e6, e12
primary = yes" mkcfg ptp.ini ptp.csv
expect "primary outcome at two timepoints, multiplicity, no primary_timepoint" 2 "ptp.ini" "[outcome:emp]" \
    "primary_timepoint = 12" -- rct ptp.ini
TRIAL_EXTRA="multiplicity = holm
timepoints = 6, 12" OUTCOME="type = binary
columns = e6, e12
primary = yes
primary_timepoint = 18" mkcfg ptp18.ini ptp.csv
expect "primary_timepoint not among the outcome's timepoints" 2 "ptp18.ini" "'18' is not a timepoint" "6, 12" \
    -- rct ptp18.ini
