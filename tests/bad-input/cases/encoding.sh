# Encoding: what Excel, Notepad and old systems save. Data must be UTF-8; a BOM, CRLF or CR line ends
# and quoted line breaks are read as the same table. Sourced by ../run.sh.

printf 'id,arm,county,emp\n1,IPS,Troms\370,1\n2,TAU,Oslo,0\n' > latin1.csv; mkcfg latin1.ini latin1.csv
expect "Latin-1 data file" 3 "latin1.csv:2" "byte 0xF8 is not valid UTF-8" "encoding = windows-1252" "re-save" -- rct latin1.ini
printf 'id,arm,county,emp\n1,IPS,\223Oslo\224,1\n2,TAU,Oslo,0\n' > cp1252.csv; mkcfg cp1252.ini cp1252.csv
expect "Windows-1252 curly quotes" 3 "cp1252.csv:2" "0x93" "not valid UTF-8" -- rct cp1252.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,0\n' | iconv -f UTF-8 -t UTF-16 > utf16.csv; mkcfg utf16.ini utf16.csv
expect "UTF-16 with byte-order mark" 3 "utf16.csv:1" "UTF-16" "re-save it as UTF-8" -- rct utf16.ini
{ printf '\376\377'; printf 'id,arm,emp\n1,IPS,1\n' | iconv -f UTF-8 -t UTF-16BE; } > utf16be.csv; mkcfg utf16be.ini utf16be.csv
expect "UTF-16 big-endian with byte-order mark" 3 "utf16be.csv:1" "UTF-16" -- rct utf16be.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,0\n' | iconv -f UTF-8 -t UTF-16LE > utf16nobom.csv; mkcfg utf16nobom.ini utf16nobom.csv
expect "UTF-16 without byte-order mark" 3 "utf16nobom.csv:1" "NUL byte" -- rct utf16nobom.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,\300\257\n' > overlong.csv; mkcfg overlong.ini overlong.csv
expect "overlong UTF-8 sequence" 3 "overlong.csv:3" "0xC0" -- rct overlong.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,\355\240\200\n' > surrogate.csv; mkcfg surrogate.ini surrogate.csv
expect "UTF-8-encoded surrogate" 3 "surrogate.csv:3" "0xED" -- rct surrogate.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,0\n3,IPS,1\303' > cututf8.csv; mkcfg cututf8.ini cututf8.csv
expect "UTF-8 sequence cut off at the end" 3 "cututf8.csv:4" "not valid UTF-8" -- rct cututf8.ini

# Same table however it is saved: the results must be byte-identical to those of good.csv.
RES=out/enc-ref.csv OUT=out/enc-ref.xlsx mkcfg encref.ini good.csv
expect "reference run for the encoding variants" 0 "" -- rct encref.ini --quiet
printf '\357\273\277' | cat - good.csv > bom.csv
RES=out/enc-bom.csv OUT=out/enc-bom.xlsx mkcfg bom.ini bom.csv
expect "UTF-8 byte-order mark (Excel 'CSV UTF-8')" 0 "" -- rct bom.ini --quiet
check "byte-order mark: same results as without" cmp -s out/enc-ref.csv out/enc-bom.csv
sed 's/$/\r/' good.csv > crlf.csv
RES=out/enc-crlf.csv OUT=out/enc-crlf.xlsx mkcfg crlf.ini crlf.csv
expect "CRLF line ends (Windows)" 0 "" -- rct crlf.ini --quiet
check "CRLF: same results as LF" cmp -s out/enc-ref.csv out/enc-crlf.csv
tr '\n' '\r' < good.csv > cr.csv
RES=out/enc-cr.csv OUT=out/enc-cr.xlsx mkcfg cr.ini cr.csv
expect "CR-only line ends (classic Mac)" 0 "" -- rct cr.ini --quiet
check "CR: same results as LF" cmp -s out/enc-ref.csv out/enc-cr.csv
printf 'id,arm,county,emp\n1,IPS,"Nord-\nTroms",1\n2,TAU,Oslo,0\n3,IPS,Oslo,x\n' > embnl.csv; mkcfg embnl.ini embnl.csv
expect "line break inside a quoted field: later lines still named right" 3 "embnl.csv:5:4 'emp'" "'x'" -- rct embnl.ini
sed 's/$/\r/' encref.ini > crlfcfg.ini
sed -i 's|out/enc-ref|out/enc-crlfcfg|' crlfcfg.ini
expect "config with CRLF line ends" 0 "" -- rct crlfcfg.ini --quiet
check "CRLF config: same results" cmp -s out/enc-ref.csv out/enc-crlfcfg.csv
printf 'id,arm,county,emp\n1,IPS,Troms\303\270,1\n2,TAU,\303\205lesund,0\n3,IPS,Oslo,0\n4,TAU,Oslo,1\n' > utf8.csv
RES=out/enc-utf8.csv OUT=out/enc-utf8.xlsx mkcfg utf8.ini utf8.csv
expect "Norwegian letters in UTF-8 are data" 0 "" -- rct utf8.ini --quiet
printf '[project]\ntitle = a\n\000\n' > nulcfg.ini
expect "NUL byte in the config" 2 "nulcfg.ini" "NUL byte" -- rct nulcfg.ini
# Configs: found by fuzz_config (tests/fuzz/regress/fuzz_config/). A Latin-1 title used to go into the
# workbook's XML as is (a corrupt .xlsx, exit 0); "UTF-8 with BOM" used to fail with iniparser's bare
# "syntax error".
sed 's/^title = .*/title = Bod\xf8/' encref.ini > latin1cfg.ini
expect "Latin-1 config (title = Bodø saved as Latin-1)" 2 "latin1cfg.ini:2" "byte 0xF8 is not valid UTF-8" "save the config as UTF-8" -- rct latin1cfg.ini
{ printf '\357\273\277'; sed 's|out/enc-ref|out/enc-bomcfg|' encref.ini; } > bomcfg.ini
expect "config saved as UTF-8 with BOM (Notepad) runs" 0 "" -- rct bomcfg.ini --quiet
check "BOM config: same results" cmp -s out/enc-ref.csv out/enc-bomcfg.csv

# encoding = windows-1252 | latin1 (iconv): a Windows export read as it is, the same results as its UTF-8 copy
printf 'id,arm,county,emp\n1,IPS,Troms\303\270,1\n2,TAU,Troms\303\270,0\n3,IPS,Bod\303\270,1\n4,TAU,Bod\303\270,0\n5,IPS,Oslo,0\n6,TAU,Oslo,1\n7,IPS,Bod\303\270,1\n8,TAU,Troms\303\270,0\n' > enc-utf8.csv
iconv -f UTF-8 -t WINDOWS-1252 enc-utf8.csv > enc-1252.csv
RES=out/enc-u.csv OUT=out/enc-u.xlsx TRIAL_EXTRA="site = county" mkcfg encu.ini enc-utf8.csv
expect "UTF-8 data with a site column" 0 "" -- rct encu.ini --quiet
RES=out/enc-w.csv OUT=out/enc-w.xlsx TRIAL_EXTRA="site = county
encoding = windows-1252" mkcfg encw.ini enc-1252.csv
expect "windows-1252 data with encoding = windows-1252" 0 "" -- rct encw.ini --quiet
check "windows-1252: the same results as its UTF-8 copy" cmp -s out/enc-u.csv out/enc-w.csv
RES=out/enc-l.csv OUT=out/enc-l.xlsx DATA_EXTRA="[data]
encoding = latin1" TRIAL_EXTRA="site = county" mkcfg encl.ini enc-1252.csv
expect "latin1 data with [data] encoding = latin1" 0 "" -- rct encl.ini --quiet
check "latin1: the same results as the UTF-8 copy" cmp -s out/enc-u.csv out/enc-l.csv
TRIAL_EXTRA="encoding = windows-1252" mkcfg encwu.ini enc-utf8.csv
expect "UTF-8 file said to be windows-1252" 3 "enc-utf8.csv:1" "the file is UTF-8 text" "encoding = windows-1252" -- rct encwu.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,\2010\n' > enc-undef.csv
TRIAL_EXTRA="encoding = windows-1252" mkcfg encund.ini enc-undef.csv
expect "byte undefined in windows-1252" 3 "enc-undef.csv:3" "byte 0x81 is not a character in windows-1252" -- rct encund.ini
printf 'id,arm,county,emp\n1,IPS,\223Oslo\224,1\n2,TAU,Oslo,0\n' > enc-c1.csv
TRIAL_EXTRA="encoding = latin1" mkcfg encc1.ini enc-c1.csv
expect "Windows quotes read as latin1" 3 "enc-c1.csv:2" "0x93 is a control character in latin1" "encoding = windows-1252" -- rct encc1.ini
TRIAL_EXTRA="encoding = cp1252" mkcfg encbad.ini enc-1252.csv
expect "encoding not one of the three" 2 "encbad.ini:" "key 'encoding'" "'cp1252' is not valid" "utf-8, windows-1252, latin1" -- rct encbad.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,0\n' | iconv -f UTF-8 -t UTF-16 > enc16.csv
TRIAL_EXTRA="encoding = windows-1252" mkcfg enc16.ini enc16.csv
expect "UTF-16 file said to be windows-1252" 3 "enc16.csv:1" "NUL byte" -- rct enc16.ini
