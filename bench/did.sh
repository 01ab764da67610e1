#!/bin/sh
# Registry-scale benchmark (issues 7 and 11): the data made with `ipseval simulate` (Bodø design, 11
# municipalities, 1 treated, 2010-2019), ipseval and its R peers on the same files in the same run.
#   ingestion   the panel CSV read into memory: ipseval's reader vs data.table::fread      (770,000 and 10^7 rows)
#   twfe        TWFE (person + year FE) + CR1 by municipality + restricted wild cluster bootstrap, 9,999 Webb
#               draws, on 770,000 person-years; ipseval (panel indexing + estimation, after reading) vs the R
#               peers after reading (no bootstrap on their side):
#                 datatable: data.table + hand-written double demeaning + lm + sandwich::vcovCL
#                 plm:       plm within two-way + CR1 from its demeaned model matrix
#                 estimatr:  lm_robust(fixed_effects = ~ person + year): builds the person dummies; it gets an
#                            8 GB address-space limit so that it fails cleanly (out of memory) as expected
#   national    the same analysis on 10^7 person-years (1,000,000 persons), CSV parsing included on both sides
#               (ipseval in one process: read + panel + estimation; R: fread + the datatable route); the whole
#               `ipseval did` run (workbook included) too
#   spells      employment spells -> workdays per person-year, ~10^7 spells (the simulator's spells cut into
#               consecutive pieces: the same workdays, checked against the simulator's own workdays column), and
#               the step's memory for 3 x 10^6 and 10^7 spells (streaming: the same)
# Env: DID_WHOLE_ONLY=1 the headline rows only; DID_NO_HUGE=1 without 10^8; BIN_BEFORE=path an earlier build
# timed interleaved with BIN (the results files must be the same bytes).
# Medians of several runs; the machine's load (uptime) is printed with the table, as timings on a shared
# machine vary. Rows go to $TABLE (bench/common.inc); run.sh prints the table.
. bench/common.inc
fail=0
NB=$B/big
mkdir -p "$NB"
r_peers data.table sandwich plm estimatr
command -v Rscript >/dev/null 2>&1 || echo "did: Rscript not available: the R columns are empty"
harness did_bench || { echo "did: cannot build bench/did_bench.c"; exit 1; }
harness spells_bench || { echo "did: cannot build bench/spells_bench.c"; exit 1; }
$CC -O2 -o "$B/runtime" bench/runtime.c || { echo "did: cannot build bench/runtime.c"; exit 1; }
RUNTIME="$(pwd)/$B/runtime"

# ---- data (made once; delete build/bench to remake) ----
simulate() { # DIR INI-TEXT (the files named in it are made when the ini text changed or a file is missing)
    dir=$1
    shift
    printf "$@" > "$dir/sim.new"
    files=$(awk -F' *= *' '$1 == "registry" || $1 == "registry_spells" { print $2 }' "$dir/sim.new")
    stale=0
    cmp -s "$dir/sim.new" "$dir/sim.ini" || stale=1
    for f in $files; do [ -s "$dir/$f" ] || stale=1; done
    if [ $stale = 1 ]; then
        echo "did: simulating $files (once)"
        mv "$dir/sim.new" "$dir/sim.ini"
        (cd "$dir" && "../../../$BIN" simulate sim.ini --quiet) || return 1
    fi
    rm -f "$dir/sim.new"
}
mkdir -p "$B/m77k"
simulate "$B/m77k" '[project]\nseed = 20150101\n[simulate]\nregistry = registry77k.csv\nregistry_persons = 77000\n' || exit 1
simulate "$NB" '[project]\nseed = 20150101\n[simulate]\nregistry = registry1m.csv\nregistry_persons = 1000000\nregistry_spells = spells1m.csv\n' || exit 1
if [ ! -s "$NB/spells1m_x.csv" ] || [ "$NB/spells1m.csv" -nt "$NB/spells1m_x.csv" ]; then
    "$B/spells_bench" split "$NB/spells1m.csv" "$NB/spells1m_x.csv" >/dev/null || exit 1
fi
config() { # DIR NAME DATA [extra registry lines]
    cat > "$1/$2.ini" <<INI
[project]
title   = bench
seed    = 1
output  = $2.xlsx
results = $2.csv
[registry]
data      = $3
unit      = person
time      = year
cluster   = municipality
treatment = treated
$4
INI
}
config "$B/m77k" twfe registry77k.csv "outcome = workdays
inference = cr1, wild
bootstrap = 9999
weights = webb"
config "$NB" twfe registry1m.csv "outcome = workdays
inference = cr1, wild
bootstrap = 9999
weights = webb"
config "$NB" spells registry1m.csv "outcome = wd_spells
spells = spells1m_x.csv"
config "$NB" spells_1x registry1m.csv "outcome = wd_spells
spells = spells1m.csv"

# ---- runners ----
ours() { # N ARGS... -> runs the harness N times; prints every run's output (blank line between)
    n=$1
    shift
    i=0
    while [ $i -lt "$n" ]; do
        /usr/bin/time -f "peak_kb %M" "$@" 2>&1 || return 1
        echo
        i=$((i + 1))
    done
}
peer() { # NAME FILE LIMIT_KB -> "read S estimation S estimate E se S peak_kb K" or "FAILED why"
    out=$( (ulimit -v "$3"; timeout 1200 /usr/bin/time -f "PEAK %M" Rscript bench/did_peers.R "$1" "$2") 2>&1)
    line=$(echo "$out" | grep "^$1 read")
    peak=$(echo "$out" | awk '$1 == "PEAK" { print $2 }')
    if [ -z "$line" ]; then
        why=$(echo "$out" | grep -i -m1 -E "cannot allocate|memory|error|killed" | cut -c1-80)
        echo "FAILED ${why:-no result}"
        return
    fi
    echo "$line peak_kb $peak"
}
med() { grep -w "$1" | field "$1" | median; } # median of a field over runs

# ---- headline: whole processes on both sides (issue 21) ----
# ipseval: the whole `ipseval did` command (config, read, panel, TWFE, CR1, 9,999 wild draws with the interval by
# test inversion, results and workbook); R: the whole `Rscript bench/did_peers.R datatable FILE` process (start-up,
# fread, data.table demeaning, lm, sandwich::vcovCL; no bootstrap). Wall and CPU seconds (user + system) and peak
# memory; the estimate and the CR1 standard error of both are compared.
# Both sides timed by bench/runtime.c (wall to the nanosecond around fork/exec/wait, CPU and peak from wait4):
# /usr/bin/time prints hundredths of a second and a timing shell adds its own start-ups, too coarse at ~0.1 s.
whole_ours() { # DIR [BINARY] -> "wall cpu peak_kb estimate se" (one run)
    (cd "$1" && "$RUNTIME" whole.time "../../../${2:-$BIN}" did twfe.ini --quiet --no-progress \
        -o whole.xlsx --results whole.csv 2>/dev/null) || return 1
    er=$(awk -F, '$2 == "twfe" && $5 == "treated" && $6 == "cr1" { print $7, $8; exit }' "$1/whole.csv")
    awk -v e="$er" '{ printf "%.3f %.3f %s %s\n", $1, $2, $3, e }' "$1/whole.time"
}
whole_r() { # FILE -> "wall cpu peak_kb estimate se" or nothing
    command -v Rscript >/dev/null 2>&1 || return 0
    out=$( (ulimit -v 24000000; "$RUNTIME" "$B/whole_r.time" Rscript bench/did_peers.R datatable "$1") 2>&1)
    l=$(echo "$out" | grep "^datatable read")
    [ -n "$l" ] || return 0
    awk -v l="$l" '{ split(l, f, " "); printf "%.3f %.3f %s %s %s\n", $1, $2, $3, f[7], f[9] }' "$B/whole_r.time"
}
col() { awk -v k="$1" '{ print $k }'; }
whole_row() { # SIZE N_OURS N_R DIR FILE
    o=""; r=""
    i=0; while [ $i -lt "$2" ]; do o="$o
$(whole_ours "$4")" || return 1; i=$((i + 1)); done
    i=0; while [ $i -lt "$3" ]; do r="$r
$(whole_r "$5")"; i=$((i + 1)); done
    ow=$(echo "$o" | col 1 | median); oc=$(echo "$o" | col 2 | median); om=$(echo "$o" | col 3 | sort -n | tail -n 1)
    oe=$(echo "$o" | grep . | tail -n 1 | col 4); os=$(echo "$o" | grep . | tail -n 1 | col 5)
    rw=$(echo "$r" | grep . | col 1 | median); rc=$(echo "$r" | grep . | col 2 | median)
    rm=$(echo "$r" | grep . | col 3 | sort -n | tail -n 1)
    re=$(echo "$r" | grep . | tail -n 1 | col 4); rs=$(echo "$r" | grep . | tail -n 1 | col 5)
    if [ -n "$re" ]; then
        chk="$(agree "$oe" "$re" "$os" "$rs"); CPU $oc s vs $rc s"
        case "$chk" in DIFFER*) fail=1 ;; esac
        row "whole process: did vs R script" "$1" "$ow" "Rscript fread+data.table+vcovCL" "$rw" "$(mb "$om")" "$(mb "$rm")" "$chk"
    else
        row "whole process: did vs R script" "$1" "$ow" "Rscript fread+data.table+vcovCL" "-" "$(mb "$om")" "-" \
            "R not run; CPU $oc s; estimate $oe, CR1 se $os"
    fi
    echo "did: whole processes at $1: ipseval wall $ow s (CPU $oc s, peak $(mb "$om") MB); R wall ${rw:--} s (CPU ${rc:--} s, peak $(mb "${rm:--}") MB)"
}
agree() { # ours_est R_est ours_se R_se -> "agree" or "DIFFER"
    if [ -z "$2" ]; then echo "no peer"; return; fi
    echo "$1 $2 $3 $4" | awk '{ d1 = ($1 - $2) / $2; d2 = ($3 - $4) / $4; if (d1 < 0) d1 = -d1; if (d2 < 0) d2 = -d2;
        if (d1 <= 1e-8 && d2 <= 1e-6) printf "estimate, CR1 se agree (%.1e, %.1e)", d1, d2; else { printf "DIFFER %s/%s vs %s/%s", $1, $3, $2, $4 } }'
}
whole_row "770,000 p-y" 9 3 "$B/m77k" "$B/m77k/registry77k.csv" || { echo "did: whole ipseval run failed"; exit 1; }
whole_row "10^7 p-y" 3 1 "$NB" "$NB/registry1m.csv" || { echo "did: whole ipseval run failed at 10^7"; exit 1; }
# BIN_BEFORE=path (relative to the top folder, as BIN): an earlier build timed in the same run, interleaved with
# this one (5 runs each at 770,000, 3 at 10^7), for before/after figures; its results file must be the same bytes.
if [ -n "${BIN_BEFORE:-}" ]; then
    for sz in "770,000 p-y:$B/m77k:5" "10^7 p-y:$NB:3"; do
        label=${sz%%:*}; rest=${sz#*:}; dir=${rest%:*}; n=${rest##*:}
        a=""; b=""; same=1
        i=0; while [ $i -lt "$n" ]; do
            a="$a
$(whole_ours "$dir" "$BIN_BEFORE")" || exit 1; cp "$dir/whole.csv" "$dir/whole_before.csv"
            b="$b
$(whole_ours "$dir")" || exit 1; cmp -s "$dir/whole.csv" "$dir/whole_before.csv" || same=0
            i=$((i + 1)); done
        aw=$(echo "$a" | grep . | col 1 | median); ac=$(echo "$a" | grep . | col 2 | median); am=$(echo "$a" | grep . | col 3 | sort -n | tail -n 1)
        bw=$(echo "$b" | grep . | col 1 | median); bc=$(echo "$b" | grep . | col 2 | median); bm=$(echo "$b" | grep . | col 3 | sort -n | tail -n 1)
        [ $same = 1 ] && chk="results file byte-identical" || { chk="RESULTS DIFFER"; fail=1; }
        row "whole process: did vs earlier build" "$label" "$bw" "ipseval (BIN_BEFORE)" "$aw" "$(mb "$bm")" "$(mb "$am")" \
            "$chk; CPU $bc s vs $ac s"
        echo "did: $label: this build wall $bw s, CPU $bc s, peak $(mb "$bm") MB; earlier build wall $aw s, CPU $ac s, peak $(mb "$am") MB; $chk"
    done
fi
# 10^8 person-years: the 10^7 panel ten times over with the person ids shifted (10^7 persons, the same 11
# municipalities and years), made once under build/bench/huge/ (3.6 GB; skipped when the disk has less than
# 12 GB free or the machine less than 16 GB of memory available). The TWFE estimate of ten copies of a panel is the
# estimate of one copy, and the CR1 variance differs only by the small-sample factor (N - 1) / (N - K): both are
# checked against the 10^7 run (to 1e-8: the sums over 10^8 rows round differently from those over 10^7, by
# about 2e-9 relative in the estimate). R's route needs about 30 GB here and is not run.
HB=$B/huge
mkdir -p "$HB"
if [ -n "${DID_NO_HUGE:-}" ]; then # DID_NO_HUGE=1: the 10^8 row is left out (it needs ~9 GB of memory)
    echo "did: 10^8 person-years skipped (DID_NO_HUGE is set)"
fi
if [ -z "${DID_NO_HUGE:-}" ]; then
avail_kb=$(df -Pk "$HB" | awk 'NR == 2 { print $4 }')
mem_kb=$(awk '$1 == "MemAvailable:" { print $2 }' /proc/meminfo)
if [ ! -s "$HB/registry100m.csv" ] || [ "$NB/registry1m.csv" -nt "$HB/registry100m.csv" ]; then
    if [ "${avail_kb:-0}" -lt 12000000 ]; then
        echo "did: 10^8 person-years skipped: $((avail_kb / 1048576)) GB free on the disk, the file needs 3.6 GB and 12 GB are asked for"
    else
        echo "did: making the 10^8 person-year panel (once)"
        $CC -O2 -o "$B/replicate" bench/replicate.c &&
            "$B/replicate" "$NB/registry1m.csv" "$HB/registry100m.csv.tmp" 10 1000000 &&
            mv "$HB/registry100m.csv.tmp" "$HB/registry100m.csv"
    fi
fi
if [ -s "$HB/registry100m.csv" ] && [ "${mem_kb:-0}" -ge 16000000 ]; then
    config "$HB" twfe registry100m.csv "outcome = workdays
inference = cr1, wild
bootstrap = 9999
weights = webb"
    h=$(whole_ours "$HB") || { echo "did: whole ipseval run failed at 10^8"; exit 1; }
    t10=$(whole_ours "$NB")
    chk=$(echo "$h $t10" | awk '{ n1 = 1e8; n0 = 1e7; K = 10; de = ($4 - $9) / $9; if (de < 0) de = -de;
        want = $10 * sqrt(((n1 - 1) / (n1 - K)) / ((n0 - 1) / (n0 - K))); ds = ($5 - want) / want; if (ds < 0) ds = -ds;
        if (de <= 1e-8 && ds <= 1e-8) printf "= the 10^7 run: estimate %.1e, CR1 se (N-1)/(N-K)-scaled %.1e; CPU %s s", de, ds, $2;
        else printf "DIFFER from the 10^7 run: %s/%s vs %s/%s", $4, $5, $9, $10 }')
    case "$chk" in DIFFER*) fail=1 ;; esac
    row "whole process: did vs R script" "10^8 p-y" "$(echo "$h" | col 1)" "- (R needs ~30 GB)" "-" "$(mb "$(echo "$h" | col 3)")" "-" "$chk"
    echo "did: 10^8 person-years: $h"
elif [ -s "$HB/registry100m.csv" ]; then
    echo "did: 10^8 person-years skipped: $((mem_kb / 1048576)) GB of memory available, 16 GB are asked for"
fi
fi # DID_NO_HUGE

if [ -n "$DID_WHOLE_ONLY" ]; then # the headline rows alone (DID_WHOLE_ONLY=1 sh bench/did.sh)
    [ "$fail" -eq 0 ]
    exit
fi

# ---- ingestion and TWFE at 770,000 ----
o77=$(ours 5 "$B/did_bench" "$B/m77k/twfe.ini") || { echo "did: ipseval harness failed"; exit 1; }
r77=$(ours 3 "$B/did_bench" --read-only "$B/m77k/twfe.ini") || exit 1
read77=$(echo "$r77" | med read_csv)
est77=$(echo "$o77" | med estimation)
pan77=$(echo "$o77" | med panel)
tw77=$(echo "$o77" | awk -v p="$pan77" -v e="$est77" 'BEGIN { printf "%.4f", p + e }')
mem77=$(echo "$o77" | field peak_kb | tail -n 1)
rmem77=$(echo "$r77" | field peak_kb | tail -n 1)
est_ours=$(echo "$o77" | field estimate | tail -n 1)
se_ours=$(echo "$o77" | field se_cr1 | tail -n 1)
fr=""
dt=""
if command -v Rscript >/dev/null 2>&1; then
    for i in 1 2 3; do
        fr="$fr
$(peer fread "$B/m77k/registry77k.csv" 16000000)"
        dt="$dt
$(peer datatable "$B/m77k/registry77k.csv" 16000000)"
    done
fi
fr_t=$(echo "$fr" | grep "^fread" | field read | median)
fr_m=$(echo "$fr" | grep "^fread" | field peak_kb | tail -n 1)
dt_t=$(echo "$dt" | grep "^datatable" | field estimation | median)
dt_m=$(echo "$dt" | grep "^datatable" | field peak_kb | tail -n 1)
dt_est=$(echo "$dt" | grep "^datatable" | field estimate | tail -n 1)
dt_se=$(echo "$dt" | grep "^datatable" | field se | tail -n 1)
chk77=$(agree "$est_ours" "$dt_est" "$se_ours" "$dt_se")
case "$chk77" in DIFFER*) fail=1 ;; esac
row "ingestion (read CSV)" "770,000 rows" "$read77" "data.table::fread" "${fr_t:--}" "$(mb "$rmem77")" "$(mb "$fr_m")" "same rows"
row "TWFE+CR1+wild 9,999" "770,000 p-y" "$tw77" "data.table+vcovCL (no bootstrap)" "${dt_t:--}" "$(mb "$mem77")" "$(mb "$dt_m")" "$chk77"
plm_line=""
estr_line=""
if command -v Rscript >/dev/null 2>&1; then
    plm_line=$(peer plm "$B/m77k/registry77k.csv" 16000000)
    estr_line=$(peer estimatr "$B/m77k/registry77k.csv" 8000000)
fi
for pl in "plm:$plm_line" "estimatr:$estr_line"; do
    nm=${pl%%:*}
    l=${pl#*:}
    case "$l" in
    FAILED*) row "TWFE+CR1+wild 9,999" "770,000 p-y" "$tw77" "$nm" "FAILED" "$(mb "$mem77")" "-" "${l#FAILED }" ;;
    "") ;;
    *) row "TWFE+CR1+wild 9,999" "770,000 p-y" "$tw77" "$nm (no bootstrap)" "$(echo "$l" | field estimation)" "$(mb "$mem77")" \
        "$(mb "$(echo "$l" | field peak_kb)")" "$(agree "$est_ours" "$(echo "$l" | field estimate)" "$se_ours" "$(echo "$l" | field se)")" ;;
    esac
done
echo "did: 770,000 person-years: ipseval read $read77 s; panel $pan77 s + estimation $est77 s (TWFE + CR1 + 9,999 Webb draws," \
    "CI by test inversion); R data.table route $dt_t s (no bootstrap) -> $(awk -v a="$tw77" -v b="$dt_t" 'BEGIN { if (b > 0) printf "%.1fx", b / a }')" \
    "(estimation alone: $(awk -v a="$est77" -v b="$dt_t" 'BEGIN { if (b > 0) printf "%.1fx", b / a }'))"

# ---- the national panel: 10^7 person-years, CSV parsing included ----
o10=$(ours 3 "$B/did_bench" "$NB/twfe.ini") || { echo "did: ipseval harness failed at 10^7"; exit 1; }
r10=$(ours 3 "$B/did_bench" --read-only "$NB/twfe.ini") || exit 1
tot10=$(echo "$o10" | awk '$1 == "read_csv" { r = $2 } $1 == "panel" { p = $2 } $1 == "estimation" { print r + p + $2 }' | median)
read10=$(echo "$r10" | med read_csv)
mem10=$(echo "$o10" | field peak_kb | tail -n 1)
rmem10=$(echo "$r10" | field peak_kb | tail -n 1)
e10=$(echo "$o10" | field estimate | tail -n 1)
s10=$(echo "$o10" | field se_cr1 | tail -n 1)
start=$(date +%s.%N)
(cd "$NB" && /usr/bin/time -f "%M" -o e2e.mem "../../../$BIN" did twfe.ini --quiet --no-progress) || fail=1
e2e10=$(echo "$(date +%s.%N) $start" | awk '{ printf "%.3f", $1 - $2 }')
dt10=""
fr10=""
if command -v Rscript >/dev/null 2>&1; then
    fr10=$(peer fread "$NB/registry1m.csv" 24000000)
    dt10=$(peer datatable "$NB/registry1m.csv" 24000000)
fi
fr10_t=$(echo "$fr10" | field read)
dt10_t=$(echo "$dt10" | awk '$1 == "datatable" { printf "%.3f", $3 + $5 }')
row "ingestion (read CSV)" "10^7 rows" "$read10" "data.table::fread" "${fr10_t:--}" "$(mb "$rmem10")" \
    "$(mb "$(echo "$fr10" | field peak_kb)")" "same rows"
row "read+TWFE+CR1+wild 9,999" "10^7 p-y" "$tot10" "fread+data.table+vcovCL (no bootstrap)" "${dt10_t:--}" "$(mb "$mem10")" \
    "$(mb "$(echo "$dt10" | field peak_kb)")" "$(agree "$e10" "$(echo "$dt10" | field estimate)" "$s10" "$(echo "$dt10" | field se)")"
row "whole 'ipseval did' run" "10^7 p-y" "$e2e10" "-" "-" "$(mb "$(cat "$NB/e2e.mem")")" "-" "workbook + results"

# ---- spells ----
sp=$(ours 3 "$B/spells_bench" "$NB/spells.ini" "$NB/spells1m_x.csv") || { echo "did: spells harness failed"; exit 1; }
sp1=$(ours 1 "$B/spells_bench" "$NB/spells_1x.ini" "$NB/spells1m.csv") || exit 1
sp_t=$(echo "$sp" | med seconds)
sp_n=$(echo "$sp" | field spells | tail -n 1)
sp_rate=$(awk -v n="$sp_n" -v t="$sp_t" 'BEGIN { printf "%.1f", n / t / 1e6 }')
sp_mis=$(echo "$sp" | field mismatches | sort -n | tail -n 1)
g10=$(echo "$sp" | field peak_growth_mb | tail -n 1)
g3=$(echo "$sp1" | field peak_growth_mb | tail -n 1)
[ "$sp_mis" = 0 ] || fail=1
row "spells -> workdays" "$sp_n spells" "$sp_t" "-" "-" "$g10 (step)" "-" "$sp_rate M spells/s; $sp_mis p-y differ from the truth; step memory $g3 MB at $(echo "$sp1" | field spells | tail -n 1) spells"
echo "did: spells: $sp_n in $sp_t s = $sp_rate million/s (CPU $(echo "$sp" | med cpu) s); the step's memory: $g3 MB for" \
    "$(echo "$sp1" | field spells | tail -n 1) spells, $g10 MB for $sp_n (streaming: independent of the number of spells)"
[ "$fail" -eq 0 ]
