#!/bin/sh
# Benchmark of the registry module (issue 7): TWFE (person and year fixed effects) + CR1 clustered by
# municipality + the restricted wild cluster bootstrap, on 770,000 person-years (77,000 persons x 10 years,
# 11 municipalities: `ipseval simulate` with registry_persons = 77000), against R peers in the same run:
#   datatable: data.table + hand-written double demeaning + lm + sandwich::vcovCL (no bootstrap)
#   plm:       plm within (two-way) + CR1 by hand from its demeaned model matrix (no bootstrap; clubSandwich's
#              vcovCR on the plm fit asks for 31.7 Gb)
#   estimatr:  lm_robust with fixed_effects = ~ person + year (no bootstrap; builds the person dummies and
#              is expected to run out of memory: it gets an 8 GB address-space limit so it fails cleanly)
# Our side is timed in-process by bench/did_bench.c (reading the CSV and indexing the panel timed apart),
# with the wild bootstrap included: Rademacher weights (2^11 = 2,048 vectors <= 9,999 draws: full
# enumeration) and Webb weights (9,999 random draws). Also the whole `ipseval did` run end to end.
# Prints the times, the ratio to the fastest R peer (target: at least 20x, bootstrap included on our side),
# peak memory of each process, and checks that the estimates and CR1 standard errors agree with R.
BIN=${BIN:-bin/ipseval}
B=build/bench
mkdir -p "$B"
CC=${CC:-cc}
fail=0

# R and the peer packages (Debian's r-cran-*), installed when missing and we may.
need=""
for p in data.table sandwich plm clubSandwich estimatr; do
    if ! Rscript -e "quit(status = !requireNamespace('$p', quietly = TRUE))" >/dev/null 2>&1; then
        deb=$(echo "r-cran-$p" | tr 'A-Z' 'a-z')
        need="$need $deb"
    fi
done
if [ -n "$need" ] || ! command -v Rscript >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "did: installing R peers:$need"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q r-base-core $need >/dev/null 2>&1 ||
            { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q r-base-core $need >/dev/null 2>&1; }
    fi
fi
if ! command -v Rscript >/dev/null 2>&1; then
    echo "did: Rscript not available: no peer to compare with"
    exit 1
fi

# The panel (made once; ~27 MB).
if [ ! -s "$B/registry77k.csv" ] || [ "$BIN" -nt "$B/registry77k.csv" ]; then
    printf '[project]\nseed = 20150101\n[simulate]\nregistry = registry77k.csv\nregistry_persons = 77000\n' > "$B/sim77k.ini"
    "$BIN" simulate "$B/sim77k.ini" --quiet || exit 1
fi
for w in rademacher webb; do
    cat > "$B/did77k_$w.ini" <<INI
[project]
title  = bench
seed   = 1
output = bench_$w.xlsx
results = bench_$w.csv
[registry]
data      = registry77k.csv
unit      = person
time      = year
cluster   = municipality
outcome   = workdays
treatment = treated
inference = cr1, wild
bootstrap = 9999
weights   = $w
INI
done

# Our harness.
if ! $CC -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I. -I/usr/include/iniparser -o "$B/did_bench" \
    bench/did_bench.c build/libipseval.a -lxlsxwriter -liniparser -lreadstat -lnettle -lgsl -lgslcblas -lm; then
    echo "did: cannot build bench/did_bench.c"
    exit 1
fi
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ours() { # weights -> median estimation seconds over 5 runs; keeps the last run's output
    for i in 1 2 3 4 5; do
        /usr/bin/time -f "%M" -o "$B/ours_$1.mem" "$B/did_bench" "$B/did77k_$1.ini" > "$B/ours_$1.out" || return 1
        awk '$1 == "estimation" { print $2 }' "$B/ours_$1.out"
    done | median
}
t_rad=$(ours rademacher) || { echo "did: our harness failed"; exit 1; }
t_webb=$(ours webb) || { echo "did: our harness failed"; exit 1; }
mem_ours=$(cat "$B/ours_webb.mem")
read_ours=$(awk '$1 == "read_csv" { print $2 }' "$B/ours_webb.out")
panel_ours=$(awk '$1 == "panel" { print $2 }' "$B/ours_webb.out")
est_ours=$(awk '$1 == "estimate" { print $2 }' "$B/ours_rademacher.out")
se_ours=$(awk '$1 == "estimate" { print $4 }' "$B/ours_rademacher.out")
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$B/e2e.mem" "$BIN" did "$B/did77k_webb.ini" --quiet --no-progress 2>/dev/null || fail=1
t_e2e=$(echo "$(date +%s.%N) - $start" | bc)

# The R peers: the estimation time (after reading), three runs each for the fast one.
peer() { # name limit_kb -> prints "estimation_seconds peak_kb estimate se" or "FAILED reason"
    out=$( (ulimit -v "$2"; timeout 900 /usr/bin/time -f "PEAK %M" Rscript bench/did_peers.R "$1" "$B/registry77k.csv") 2>&1)
    line=$(echo "$out" | grep "^$1 read")
    peak=$(echo "$out" | awk '$1 == "PEAK" { print $2 }')
    if [ -z "$line" ]; then
        why=$(echo "$out" | grep -i -m1 -E "cannot allocate|memory|error|killed" | cut -c1-100)
        echo "FAILED ${why:-no result}"
        return
    fi
    echo "$line" | awk -v p="$peak" '{ print $5, p, $7, $9 }'
}
dt_all=""
for i in 1 2 3; do
    r=$(peer datatable 16000000)
    dt_all="$dt_all
$r"
done
dt_t=$(echo "$dt_all" | awk 'NF { print $1 }' | median)
dt_line=$(echo "$dt_all" | awk 'NF' | tail -n 1)
plm_line=$(peer plm 16000000)
estr_line=$(peer estimatr 8000000)

echo "did: 770,000 person-years (77,000 persons x 10 years), 11 municipalities (1 treated)"
printf "  ipseval  read CSV %.3f s, panel %.3f s; estimation (TWFE + CR1 + wild bootstrap):\n" "$read_ours" "$panel_ours"
printf "           Rademacher, full enumeration of 2^11 = 2,048 vectors: %.4f s\n" "$t_rad"
printf "           Webb, 9,999 draws:                                  %.4f s   peak memory %s MB\n" "$t_webb" "$((mem_ours / 1024))"
printf "           whole 'ipseval did' run (read, analyse, workbook):   %.2f s   peak memory %s MB\n" "$t_e2e" "$(($(cat "$B/e2e.mem") / 1024))"
for p in "datatable:$dt_line" "plm:$plm_line" "estimatr:$estr_line"; do
    name=${p%%:*}
    rest=${p#*:}
    case "$rest" in
    FAILED*) printf "  R %-9s %s\n" "$name" "$rest" ;;
    *) set -- $rest; printf "  R %-9s estimation %.3f s (no bootstrap)   peak memory %s MB   estimate %s se %s\n" "$name" \
        "$( [ "$name" = datatable ] && echo "$dt_t" || echo "$1")" "$(($2 / 1024))" "$3" "$4" ;;
    esac
done
fast=$dt_t
for p in "$plm_line"; do
    case "$p" in FAILED*) ;; *) t=$(echo "$p" | awk '{ print $1 }'); fast=$(echo "$fast $t" | awk '{ print ($2 < $1) ? $2 : $1 }') ;; esac
done
ratio=$(echo "$fast $t_webb" | awk '{ printf "%.1f", $1 / $2 }')
ratio_rad=$(echo "$fast $t_rad" | awk '{ printf "%.1f", $1 / $2 }')
echo "  ratio (fastest R peer / ipseval with the 9,999-draw Webb bootstrap): ${ratio}x; with Rademacher enumeration: ${ratio_rad}x (target >= 20x)"
if awk -v r="$ratio" 'BEGIN { exit !(r >= 20) }'; then echo "  target met"; else echo "  BELOW TARGET (timings on a shared machine vary; see docs/methods-did.md)"; fi
# correctness: the same estimate and CR1 standard error as the data.table peer (same K: reghdfe/fixest)
set -- $dt_line
if echo "$est_ours $3 $se_ours $4" | awk '{ exit !(($1 - $2)^2 <= (1e-8 * $2)^2 && ($3 - $4)^2 <= (1e-6 * $4)^2) }'; then
    echo "  estimate and CR1 se agree with R (data.table + sandwich): $est_ours / $se_ours"
else
    echo "  MISMATCH with R: ours $est_ours / $se_ours, R $3 / $4"
    fail=1
fi
[ "$fail" -eq 0 ]
