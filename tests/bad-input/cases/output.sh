# Output: unwritable destinations, a full disk, outputs that would overwrite inputs. A failed run
# leaves the previous workbook and results byte-identical and no temporary file behind.
# Sourced by ../run.sh.

strays() { ls -A out | grep -v -e '\.xlsx$' -e '\.csv$' | grep -q . && { ls -A out; return 1; }; return 0; }
mkcfg ok.ini good.csv
"$BIN" rct ok.ini --quiet
prev_out=$(cat out/report.xlsx out/results.csv | sha256sum)

# a missing output folder is made before the analysis; one that cannot be made stops the run first, naming it
RES=out/new/sub/results.csv OUT=out/new/sub/report.xlsx mkcfg nodir.ini good.csv
expect "results folder missing: made" 0 "" -- rct nodir.ini --quiet
check "the results file is in the new folder" test -s out/new/sub/results.csv
expect "workbook folder missing (-o): made" 0 "" -- rct ok.ini -o out/new2/r.xlsx --results out/new2/r.csv --quiet
check "the workbook is in the new folder" test -s out/new2/r.xlsx
rm -rf out/new out/new2 # the stray-file checks below look at out/ alone
printf 'x\n' > afile.txt
RES=afile.txt/results.csv mkcfg filedir.ini good.csv
expect "a file where the results folder would be" 4 "afile.txt/results.csv" "key 'results' in [project]" "'afile.txt' is a file, not a folder" -- rct filedir.ini
expect "a file where the workbook folder would be (-o)" 4 "--output" "afile.txt/sub/r.xlsx" "'afile.txt' is a file, not a folder" -- rct ok.ini -o afile.txt/sub/r.xlsx
expect "check makes no folder" 0 "" -- check ok.ini -o out/new3/r.xlsx --quiet
check "check wrote no folder" test ! -e out/new3
mkdir -p out/adir.xlsx
expect "workbook path is a directory" 4 "out/adir.xlsx" "directory" -- rct ok.ini -o out/adir.xlsx
expect "results in a directory nobody can write (/proc)" 4 "/proc/ipseval-results.csv" "cannot write" -- rct ok.ini --results /proc/ipseval-results.csv
RES=good.csv mkcfg same.ini good.csv
expect "results path equal to the data file" 2 "good.csv" "never overwritten" -- rct same.ini
expect "--results equal to the data file" 2 "good.csv" "never overwritten" -- rct ok.ini --results good.csv
expect "--results equal to the data file by another path" 2 "./good.csv" "never overwritten" -- rct ok.ini --results ./good.csv
expect "--results equal to the config file" 2 "ok.ini" "never overwritten" -- rct ok.ini --results ok.ini
expect "workbook and results the same file" 2 "out/x.xlsx" "same path" -- rct ok.ini -o out/x.xlsx --results out/x.xlsx

# Disk full: a file-size limit (ulimit -f, in 512-byte or 1 KiB blocks) with SIGXFSZ ignored makes
# writes past it fail with EFBIG, as a full disk fails them with ENOSPC; both outputs are staged, so
# neither is replaced.
full_out=$( (trap '' XFSZ; ulimit -f 4 && exec "$BIN" rct ok.ini) 2>&1)
full_rc=$?
if [ "$full_rc" -eq 4 ] && echo "$full_out" | grep -q "out/report.xlsx\|out/results.csv" && echo "$full_out" | grep -q "File too large"; then
    pass "disk full while writing: exit 4 naming the file"
else
    fail "disk full while writing: exit $full_rc: $full_out"
fi
post_out=$(cat out/report.xlsx out/results.csv | sha256sum)
check "after every failed write the previous report and results are intact" [ "$prev_out" = "$post_out" ]
check "no temporary files left in the output directory" strays

# Interrupted: SIGTERM/SIGINT in the middle of the run (a bigger trial so the run takes a moment).
cp "$ROOT/examples/trial.csv" big.csv
TRIAL_EXTRA="site = county
covariates = age, sex
timepoints = 6, 12, 18" OUTCOME="type = binary
columns = emp6, emp12, emp18" mkcfg big.ini big.csv
# the new pair a finished run of big.ini writes (the outputs are byte-identical from run to run): a signal
# that arrives after the commit, before the process exits, leaves it complete on disk
"$BIN" rct big.ini --quiet
big_out=$(cat out/report.xlsx out/results.csv | sha256sum)
"$BIN" rct ok.ini --quiet
for sig in TERM INT; do
    for delay in 0.1 0.3 0.6; do
        # a background job of a non-interactive shell starts with SIGINT ignored (POSIX), and ipseval
        # leaves an ignored signal alone; env --default-signal gives it the default back
        env --default-signal="$sig" "$BIN" rct big.ini --quiet >/dev/null 2>&1 &
        pid=$!
        sleep "$delay"
        kill -"$sig" "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        rc=$?
        now=$(cat out/report.xlsx out/results.csv | sha256sum)
        if [ "$rc" -eq 0 ]; then
            # finished before the signal: a complete new pair, then restore the old one for the next try
            check "SIG$sig after ${delay}s: the run had finished; outputs complete" sh -c "head -c 2 out/report.xlsx | grep -q PK"
            "$BIN" rct ok.ini --quiet
        else
            if [ "$now" = "$big_out" ]; then
                # killed after its commit: the complete new pair; the old one back for the next try
                check "SIG$sig after ${delay}s (exit $rc, after the commit): the new report and results complete" sh -c "head -c 2 out/report.xlsx | grep -q PK"
                "$BIN" rct ok.ini --quiet
            else
                check "SIG$sig after ${delay}s (exit $rc): previous report and results intact" [ "$prev_out" = "$now" ]
            fi
        fi
        check "SIG$sig after ${delay}s: no temporary file left" strays
    done
done
