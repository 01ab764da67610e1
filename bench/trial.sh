#!/bin/sh
# Trial-size benchmark: ipseval's whole command-line run (reading, every analysis the config asks for, workbook)
# against the R peer's whole Rscript process (start, package loading, reading, the one model fit), on the
# reference kits' data (tests/reference/kits), and the full demo. The R fit alone (in-process, median of 5) is
# given in the check column: at these sizes both are start-up dominated, and ipseval's run does far more than the
# one fit (every analysis of the config, the workbook). Agreement: the headline coefficient of each (1e-6 relative; 1e-4 for the GLMM, an iterative
# likelihood fitted to R's default tolerances here). Rows go to $TABLE; run.sh prints the table.
#   Cox PH (veteran, 137):        ipseval rct tests/reference/veteran_survival.ini vs survival::coxph
#   GLMM logistic (Ohio, 2,148):  ipseval rct tests/reference/ohio_trial.ini vs lme4::glmer (Laplace)
#   meta-analysis (BCG, 13):      ipseval meta tests/reference/bcg_meta.ini vs metafor::rma (REML)
#   full demo (trial of 410 and every module): ipseval run configs/demo.ini (target: 1.5 s; no peer)
# Wall times on a shared machine include waiting for a core, so every ipseval row also gives the CPU time (user +
# system) of its runs (median) in the check column; the demo's target is judged on both and says which holds.
. bench/common.inc
KIT=tests/reference/kits
fail=0
r_peers survival lme4 metafor
mkdir -p build/tmp-ref
timed() { # N ARGS... -> "median_wall_seconds peak_kb median_cpu_seconds"
    n=$1
    shift
    i=0
    while [ $i -lt "$n" ]; do
        s=$(date +%s.%N)
        /usr/bin/time -f "%M %U %S" -o "$B/trial.mem" "$@" >/dev/null 2>&1 || { echo "FAILED"; return 1; }
        echo "$(date +%s.%N) $s $(cat "$B/trial.mem")" | awk '{ printf "%.4f %s %.2f\n", $1 - $2, $3, $4 + $5 }'
        i=$((i + 1))
    done | awk '{ t[NR] = $1; m = $2; c[NR] = $3 } END {
        for (i = 1; i <= NR; i++) for (j = i + 1; j <= NR; j++) { if (t[j] < t[i]) { x = t[i]; t[i] = t[j]; t[j] = x }
                                                                 if (c[j] < c[i]) { x = c[i]; c[i] = c[j]; c[j] = x } }
        print t[int((NR + 1) / 2)], m, c[int((NR + 1) / 2)] }'
}
task() { # LABEL SIZE PEER TASK DATA TOL RESULTS AWK-ROW-MATCH -- ipseval ARGS...
    label=$1 size=$2 pname=$3 ptask=$4 data=$5 tol=$6 res=$7 match=$8
    shift 9
    if [ ! -f "$data" ]; then
        row "$label" "$size" "-" "$pname" "-" "-" "-" "kit not found: $data"
        return
    fi
    set -- $(timed 5 "$@")
    [ "$1" = FAILED ] && { row "$label" "$size" "FAILED" "$pname" "-" "-" "-" "ipseval failed"; fail=1; return; }
    ours_t=$1 ours_m=$2 ours_cpu=$3
    ours_e=$(awk -F, "$match { print \$7; exit }" "$res")
    if r_has "$(echo "$pname" | sed 's/::.*//')"; then
        s=$(date +%s.%N)
        out=$( /usr/bin/time -f "PEAK %M" Rscript bench/trial_peers.R "$ptask" "$data" 2>&1)
        p_t=$(echo "$(date +%s.%N) $s" | awk '{ printf "%.4f", $1 - $2 }')
        p_fit=$(echo "$out" | field seconds)
        p_t=$(awk -v w="$p_t" -v f="$p_fit" 'BEGIN { printf "%.4f", w - 5 * f }') # one fit, not the 5 timed again
        p_e=$(echo "$out" | field estimate)
        p_m=$(echo "$out" | awk '$1 == "PEAK" { print $2 }')
        chk=$(awk -v a="$ours_e" -v b="$p_e" -v t="$tol" 'BEGIN { d = (a - b) / b; if (d < 0) d = -d;
            if (a != "" && d <= t) printf "agree (%.1e)", d; else printf "DIFFER %s vs %s", a, b }')
        chk="$chk; R fit alone $p_fit s; ipseval CPU $ours_cpu s"
        case "$chk" in DIFFER*) fail=1 ;; esac
        row "$label" "$size" "$ours_t" "$pname (Rscript)" "${p_t:--}" "$(mb "$ours_m")" "$(mb "$p_m")" "$chk"
    else
        row "$label" "$size" "$ours_t" "$pname" "not installed" "$(mb "$ours_m")" "-" "-"
    fi
}
task "Cox PH (whole rct run)" "137 patients" "survival::coxph" cox "$KIT/veteran_survival/data.csv" 1e-6 \
    build/tmp-ref/veteran.csv '$2 == "cox" && $5 == "arm" && $6 == "efron"' -- "$BIN" rct tests/reference/veteran_survival.ini --quiet --no-progress
task "GLMM logistic (whole rct run)" "2,148 obs" "lme4::glmer" glmer "$KIT/ohio_repeated/data.csv" 1e-4 \
    build/tmp-ref/ohio.csv '$2 == "glmm_logistic" && $5 == "arm" && $6 == "laplace"' -- "$BIN" rct tests/reference/ohio_trial.ini --quiet --no-progress
task "random-effects meta (whole run)" "13 trials" "metafor::rma" rma "$KIT/bcg_meta/data.csv" 1e-6 \
    build/tmp-ref/bcg.csv '$2 == "pooled" && $6 == "reml"' -- "$BIN" meta tests/reference/bcg_meta.ini --quiet --no-progress
set -- $(timed 5 "$BIN" run configs/demo.ini --quiet --no-progress)
if [ "$1" = FAILED ]; then
    fail=1
    row "full demo (ipseval run)" "410 + all modules" "FAILED" "-" "-" "-" "-" "-"
else
    row "full demo (ipseval run)" "410 + all modules" "$1" "-" "-" "$(mb "$2")" "-" \
        "$(awk -v t="$1" -v c="$3" -v l="$(uptime | sed 's/.*load average: //; s/,.*//')" 'BEGIN {
            printf "CPU %s s; %s (wall), %s (CPU); load %s", c, (t <= 1.5) ? "under 1.5 s" : "OVER 1.5 s",
                   (c <= 1.5) ? "under 1.5 s" : "OVER 1.5 s", l }')"
fi
[ "$fail" -eq 0 ]
