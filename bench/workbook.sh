#!/bin/sh
# Writing the workbook for the 77,000-person benchmark panel (770,000 person-years, `ipseval simulate` with
# examples/simulate-registry.ini scaled to registry_persons = 77000): peak memory of the whole run
# (`ipseval did`: read, analyse, write results and workbook) with /usr/bin/time -v. Goal (issue 9): under 1 GB.
# The Results sheet is written in libxlsxwriter's constant-memory mode (reports/rpt_sheet_results.c); the second
# part (bench/workbook_rows.c) writes a Results sheet of 1,000,000 rows and reports what the writer adds to the rows.
# usage: sh bench/workbook.sh   (from the repository root; writes build/bench-workbook/)
BIN=${BIN:-bin/ipseval}
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
B=build/bench-workbook
mkdir -p "$B"
cd "$B" || exit 1
if [ ! -s registry77k.csv ]; then
    sed 's/^registry_persons *=.*/registry_persons = 77000/; s/^registry *=.*/registry = registry77k.csv/' \
        ../../examples/simulate-registry.ini > sim77k.ini
    "$BIN" simulate sim77k.ini --quiet || exit 1
fi
cat > did77k.ini <<'INI'
[project]
title   = Workbook benchmark: 77,000 persons x 10 years
seed    = 20150101
output  = did77k.xlsx
results = did77k.csv

[registry]
data          = registry77k.csv
unit          = person
time          = year
cluster       = municipality
outcome       = workdays, benefit_days, gp_visits
treatment     = treated
fixed_effects = person, year
inference     = classical, cr1, cr1_areg, cr2, wild, ri
synthetic_control = yes
bootstrap     = 999
event_time    = -5:4
INI
rows=$(($(wc -l < registry77k.csv) - 1))
/usr/bin/time -v "$BIN" did did77k.ini --quiet --no-progress 2> time.log || { cat time.log; exit 1; }
peak_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' time.log)
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' time.log)
size=$(wc -c < did77k.xlsx)
echo "workbook bench: $rows person-years, $(($(wc -l < did77k.csv) - 1)) result rows; peak RSS $((peak_kb / 1024)) MB; wall $wall; workbook $size bytes"
[ "$peak_kb" -lt 1048576 ] && echo "workbook bench: under 1 GB: yes" || { echo "workbook bench: under 1 GB: NO"; exit 1; }

cd ../.. || exit 1
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I. -I/usr/include/iniparser bench/workbook_rows.c \
    build/libipseval.a -lxlsxwriter -liniparser -lreadstat -lnettle -lgsl -lgslcblas -lm -o "$B/workbook_rows" || exit 1
echo "workbook bench: Results sheet, $("$B/workbook_rows" "$B/rows.xlsx" 1000000)"
rm -f "$B/rows.xlsx"
