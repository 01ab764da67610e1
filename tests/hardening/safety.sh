#!/bin/sh
# Safety checks of `make check`: nothing misread, nothing overwritten, nothing injected.
#  1. Norwegian export: the same data written as a spreadsheet in a nb_NO locale writes it (';',
#     decimal comma, thousands '.' or a no-break space) and in C style give bit-identical results.csv.
#  2. Formula injection: the demo run on data and a config whose user text (sites, arms, subgroup levels,
#     study names, labels, title) starts with = + - @: results.csv has no field a spreadsheet takes for a
#     formula (a leading apostrophe, by default), and in the workbook (openpyxl, and the chart XML) no cell
#     or chart reference is a formula built from user text.
#  3. A kill at each step of the commit (strace -e inject=SYSCALL:signal=SIGKILL:when=N for every rename,
#     unlink and fsync of a run): a reader honouring the commit journal sees the old pair or the new pair,
#     never a mix (checked by the results file's SHA-256 recorded on the workbook's Provenance sheet); the
#     next run naming those outputs (here `ipseval check`) leaves that pair on disk and removes the killed
#     run's temporary files (only its own: by name, owner and a dead PID).
BIN=${BIN:-bin/ipseval}
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
ROOT=$(pwd)
PY=/usr/bin/python3
T=$(mktemp -d "${TMPDIR:-/tmp}/ipseval-safety.XXXXXX") || exit 1
. "$ROOT/tests/lib.sh"
export SOURCE_DATE_EPOCH=1700000000

# ---- 1. Norwegian export ----
# trialcfg FILE DATA DATA_SECTION: a trial config on DATA with a [data] section body
trialcfg() {
    cat > "$1" <<INI
[project]
title = Norwegian export
seed = 7
[data]
$3
missing = , NA, .
[trial]
data = $2
id = id
arm = arm
treatment = IPS
control = TAU
site = county
covariates = age, sex, income
timepoints = 6, 12, 18
[outcome:employment]
type = binary
columns = emp6, emp12, emp18
primary = yes
[outcome:qol]
type = continuous
columns = qol6, qol12
timepoints = 6, 12
baseline = qol0
[outcome:days]
type = continuous
column = days_to_job
INI
}
for sep in dot nbsp; do
    $PY "$ROOT/tests/hardening/nb_export.py" "$ROOT/examples/trial.csv" "$T/c.csv" "$T/nb-$sep.csv" $sep
    th='"."'
    [ $sep = nbsp ] && th='" "'
    trialcfg "$T/c.ini" c.csv 'delimiter = ","
decimal = "."'
    trialcfg "$T/nb-$sep.ini" "nb-$sep.csv" "delimiter = \";\"
decimal = \",\"
thousands = $th"
    "$BIN" run "$T/c.ini" -o "$T/c.xlsx" --results "$T/c-results.csv" --quiet > "$T/log" 2>&1 || cat "$T/log"
    "$BIN" run "$T/nb-$sep.ini" -o "$T/nb.xlsx" --results "$T/nb-$sep-results.csv" --quiet > "$T/log" 2>&1 ||
        cat "$T/log"
    if [ -s "$T/c-results.csv" ] && [ "$(wc -l < "$T/c-results.csv")" -gt 20 ] &&
        cmp -s "$T/c-results.csv" "$T/nb-$sep-results.csv"; then
        ok "norwegian export (thousands $sep): results.csv bit-identical to the C-style file's ($(wc -l < "$T/c-results.csv") lines)"
    else
        ko "norwegian export (thousands $sep): results.csv differs from the C-style file's"
        diff "$T/c-results.csv" "$T/nb-$sep-results.csv" | head -5
    fi
    # without the thousands setting the run is refused, naming the cell and the setting
    trialcfg "$T/nb-no.ini" "nb-$sep.csv" 'delimiter = ";"
decimal = ","'
    expect "norwegian export (thousands $sep) read without thousands: refused, naming the cell and the rule" 3 \
        "nb-$sep.csv:2:30 'income': '180" "set thousands = $th" -- run "$T/nb-no.ini" -o "$T/no.xlsx" --results "$T/no.csv"
    [ ! -e "$T/no.csv" ] && [ ! -e "$T/no.xlsx" ] && ok "refused run wrote nothing" || ko "refused run wrote nothing"
done

# ---- 2. Formula injection ----
mkdir -p "$T/inj/configs" "$T/inj/examples" "$T/inj/out"
$PY - "$ROOT" "$T/inj" <<'PY'
import csv, sys
root, d = sys.argv[1], sys.argv[2]
inj = {"County A": "=HYPERLINK(\"http://x.invalid\",\"County A\")", "County B": "@SUM(A1:A9)", "County C": "+cmd|x",
       "County D": "-1+2", "County E": "\tCounty E", "County F": "=Summary!A1"}
lev = {"male": "=1+1", "female": "female", "severe": "@severe", "moderate": "-moderate"}
with open(root + "/examples/trial.csv", newline="") as f:
    rows = list(csv.reader(f))
h = rows[0]
for r in rows[1:]:
    r[h.index("county")] = inj.get(r[h.index("county")], r[h.index("county")])
    r[h.index("sex")] = lev.get(r[h.index("sex")], r[h.index("sex")])
    r[h.index("diagnosis")] = lev.get(r[h.index("diagnosis")], r[h.index("diagnosis")])
    r[h.index("arm")] = "=IPS" if r[h.index("arm")] == "IPS" else r[h.index("arm")]
with open(d + "/examples/trial.csv", "w", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
# the registry target names the same levels ([compare] target): renamed with them
with open(root + "/examples/registry_target.csv", newline="") as f:
    rows = list(csv.reader(f))
for r in rows[1:]:
    for a, b in lev.items():
        r[0] = r[0].replace("[" + a + "]", "[" + b + "]")
with open(d + "/examples/registry_target.csv", "w", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
with open(root + "/examples/ips_rct_meta.csv", newline="") as f:
    rows = list(csv.reader(f))
pre = ["=Summary!A1 ", "+", "@", "-", "=HYPERLINK(\"http://x.invalid\",\"s\") "]
for i, r in enumerate(rows[1:]):
    r[0] = pre[i % len(pre)] + r[0]
with open(d + "/examples/ips_rct_meta.csv", "w", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
PY
for f in "$ROOT"/examples/*; do [ -e "$T/inj/examples/$(basename "$f")" ] || cp "$f" "$T/inj/examples/"; done
cp "$ROOT"/configs/*.csv "$T/inj/configs/" 2>/dev/null
sed -e 's/^title *=.*/title = =HYPERLINK("http:\/\/x.invalid","title")/' -e 's/^treatment *= *IPS/treatment = =IPS/' \
    -e '/^exclude *=/d' -e 's/^label *= *In competitive employment/label = =Summary!A1/' \
    "$ROOT/configs/demo.ini" > "$T/inj/configs/demo.ini"
if "$BIN" run "$T/inj/configs/demo.ini" -o "$T/inj/out/inj.xlsx" --results "$T/inj/out/inj.csv" --quiet > "$T/inj/log" 2>&1; then
    ok "injection run: exit 0"
else
    ko "injection run: exit 0"; cat "$T/inj/log"
fi
$PY - "$T/inj/out/inj.csv" "$T/inj/out/inj.xlsx" > "$T/inj/check" 2>&1 <<'PY'
import csv, re, sys, zipfile
import openpyxl
res, book = sys.argv[1], sys.argv[2]
num = re.compile(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$|^-?Inf$")
bad, guarded, n = [], 0, 0
with open(res, newline="") as f:
    for row in csv.reader(f):
        for x in row:
            n += 1
            if x[:1] in ("=", "+", "-", "@", "\t", "\r") and not num.match(x):
                bad.append(x)
            guarded += x.startswith("'") and x[1:2] in ("=", "+", "-", "@", "\t")
print("results.csv: %d fields, %d guarded with an apostrophe, %d formula-like" % (n, guarded, len(bad)))
for x in bad[:5]:
    print("  formula-like field: %r" % x)
marks = ("x.invalid", "Summary!A1", "SUM(A1", "cmd|", "1+1", "=IPS", "@severe", "-moderate")
wb = openpyxl.load_workbook(book)
cells = formulas = 0
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            cells += 1
            if c.data_type == "f":
                formulas += 1
                if any(m in str(c.value) for m in marks):
                    bad.append("cell %s!%s: %s" % (ws.title, c.coordinate, c.value))
print("workbook: %d cells, %d formulas (the model's own), none built from user text" % (cells, formulas)
      if not any(b.startswith("cell") for b in bad) else "workbook: a formula cell holds user text")
refs = literal = 0
with zipfile.ZipFile(book) as z:
    for name in z.namelist():
        if name.startswith("xl/charts/") and name.endswith(".xml"):
            xml = z.read(name).decode("utf-8")
            for f in re.findall(r"<c:f>(.*?)</c:f>", xml):
                refs += 1
                if any(m in f for m in marks) or not re.match(r"^(?:'[^']+'|[A-Za-z0-9_]+)!\$?[A-Z]+\$?[0-9]+(?::\$?[A-Z]+\$?[0-9]+)?$", f):
                    bad.append("chart %s: <c:f>%s</c:f>" % (name, f))
            literal += xml.count("\u200b=")
print("charts: %d references, each a plain cell range of the workbook's own sheets; %d texts from user text "
      "starting with '=' written as literal strings" % (refs, literal))
if literal == 0:
    bad.append("charts: no user text starting with '=' reached a chart (the test lost its point)")
for b in bad:
    if not b.startswith("'"):
        print("  " + b)
sys.exit(1 if bad else 0)
PY
if [ $? -eq 0 ]; then
    ok "injection run: no formula-like field in results.csv, no formula or chart reference from user text in the workbook"
    sed 's/^/  /' "$T/inj/check"
else
    ko "injection run: no formula-like field in results.csv, no formula or chart reference from user text in the workbook"
    cat "$T/inj/check"
fi
# csv_formula_guard = no writes text verbatim (exact round-trips)
sed 's/^\[project\]/[project]\ncsv_formula_guard = no/' "$T/inj/configs/demo.ini" > "$T/inj/configs/verbatim.ini"
"$BIN" run "$T/inj/configs/verbatim.ini" -o "$T/inj/out/v.xlsx" --results "$T/inj/out/v.csv" --quiet > "$T/inj/log" 2>&1
if grep -q '^rct,[a-z_]*,.*,=IPS,' "$T/inj/out/v.csv" && ! grep -q "'=IPS" "$T/inj/out/v.csv" && grep -q "'=IPS" "$T/inj/out/inj.csv"; then
    ok "csv_formula_guard = no: the arm '=IPS' written verbatim (guarded as '=IPS by default)"
else
    ko "csv_formula_guard = no: the arm '=IPS' written verbatim (guarded as '=IPS by default)"
fi

# ---- 3. A kill at each step of the commit ----
# Two runs give two pairs (workbook, results file): "old" is on disk, "new" is being written. The new run is
# killed (strace -e inject=SYSCALL:signal=SIGKILL:when=N) at each call of the commit that changes a directory
# entry or makes data durable: rename, unlink, fsync (renameat, renameat2, unlinkat, symlink, symlinkat, link and
# linkat too: the commit makes none, and the trace says so). After each kill, tests/hardening/pair.py reads the
# pair as it is on disk and as a reader that honours the commit journal sees it (docs/methods.md, "Outputs"):
# the reader's pair must be the old pair or the new pair, each with the workbook's Provenance recording the
# SHA-256 of its results file; the files on disk are such a pair, or new results beside the old workbook with
# the journal that decides it. The next run (`ipseval check`, which analyses and writes nothing) then leaves on
# disk exactly what the reader saw, and no temporary file. A kill during that repair is repaired in turn.
K=$T/kill
SYSCALLS=rename,renameat,renameat2,unlink,unlinkat,symlink,symlinkat,link,linkat,fsync,fdatasync
if command -v strace > /dev/null 2>&1; then
    # LeakSanitizer cannot run under ptrace (it stops the process it checks): under `make check SAN=1` a traced
    # run would abort at exit instead of finishing. Leak checking of these same runs is done by the rest of the
    # suite; here AddressSanitizer and UBSan still watch every run. The last flag of ASAN_OPTIONS wins.
    ASAN_SAVED=${ASAN_OPTIONS-}
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
    mkdir -p "$K/res" "$K/tmp" "$K/keep"
    cp "$ROOT/examples/trial.csv" "$K/trial.csv"
    for v in old new; do
        col=emp12
        [ $v = new ] && col=emp6
        printf '[project]\ntitle = kill test\nsynthetic = yes\n[trial]\ndata = trial.csv\nid = id\narm = arm\ntreatment = IPS\ncontrol = TAU\n[outcome:e]\ntype = binary\ncolumn = %s\n' $col > "$K/$v.ini"
    done
    # the workbook and the results in different folders: the journal lies beside each
    krun() { (cd "$K" && TMPDIR="$K/tmp" "$@" -o r.xlsx --results res/r.csv --quiet; exit $?) > /dev/null 2>&1; }
    view() { $PY "$ROOT/tests/hardening/pair.py" "$K/r.xlsx" "$K/res/r.csv"; }
    name_of() { # "W R OK" -> old / new / mixed
        if [ "$1" = "$old 1" ]; then echo old; elif [ "$1" = "$new 1" ]; then echo new; else echo "mixed ($1)"; fi
    }
    leftovers() { ls -A "$K" "$K/res" | grep -c '^\.r\.'; }
    krun "$BIN" run new.ini && new=$(view | sed -n 's/^disk //p' | cut -d' ' -f1,2)
    krun "$BIN" run old.ini && old=$(view | sed -n 's/^disk //p' | cut -d' ' -f1,2)
    cp "$K/r.xlsx" "$K/keep/" && cp "$K/res/r.csv" "$K/keep/"
    [ "$(name_of "$(view | sed -n 's/^disk //p')")" = old ] && [ "$old" != "$new" ] &&
        ok "kill test: the old and the new pair differ, and each workbook records its results file's SHA-256" ||
        ko "kill test: the old and the new pair differ, and each workbook records its results file's SHA-256 ($old / $new)"
    # the calls of a whole new run, numbered per system call as strace counts them for when=N
    (cd "$K" && TMPDIR="$K/tmp" strace -f -qq -o "$K/trace" -e trace=$SYSCALLS "$BIN" run new.ini -o r.xlsx \
        --results res/r.csv --quiet > /dev/null 2>&1)
    cp "$K/keep/r.xlsx" "$K/" && cp "$K/keep/r.csv" "$K/res/"
    # only the lines of system calls ("PID name(args) = ret"): a signal ("--- SIG...") or exit ("+++ ...") line is none
    points=$(awk '!/^[0-9]+ +[a-z0-9_]+\(/ { next }
                  { sub(/^[0-9]+ +/, ""); c = $0; sub(/\(.*/, "", c); n[c]++
                    # libxlsxwriter scratch files in TMPDIR: unlinked as soon as made; the first stands for all
                    if (index($0, "/tmp/tmp.") && c == "unlink" && n[c] > 1) next
                    print c ":" n[c] }' "$K/trace")
    counts=$(echo "$points" | cut -d: -f1 | sort | uniq -c | awk '{printf "%s%s %s", s, $1, $2; s = ", "}')
    other=$(grep -c -E '^[0-9]+ +(renameat|renameat2|unlinkat|symlink|symlinkat|link|linkat)\(' "$K/trace")
    [ "$other" -eq 0 ] && ok "kill test: the run makes no renameat, renameat2, unlinkat, symlink or link call" ||
        ko "kill test: the run makes no renameat, renameat2, unlinkat, symlink or link call ($other)"
    tested=0
    # case: a system call and its number in a run (new.ini), or "check:" and one in the repair of the split pair
    for p in $points check:rename:1 check:unlink:1; do
        cp "$K/keep/r.xlsx" "$K/" && cp "$K/keep/r.csv" "$K/res/"
        rm -f "$K"/.r.* "$K"/res/.r.*
        case $p in
        check:*)
            sc=${p#check:}
            krun strace -f -qq -o /dev/null -e trace=$SYSCALLS -e inject=rename:signal=SIGKILL:when=2 "$BIN" run new.ini
            krun strace -f -qq -o /dev/null -e trace=$SYSCALLS -e inject=${sc%:*}:signal=SIGKILL:when=${sc#*:} \
                "$BIN" check new.ini
            rc=$?
            what="the repair (ipseval check) of a pair split at the second rename, killed at its ${sc%:*} ${sc#*:}" ;;
        *)
            krun strace -f -qq -o /dev/null -e trace=$SYSCALLS -e inject=${p%:*}:signal=SIGKILL:when=${p#*:} \
                "$BIN" run new.ini
            rc=$?
            what="killed at ${p%:*} ${p#*:}" ;;
        esac
        tested=$((tested + 1))
        [ $rc -eq 137 ] || what="$what (not killed: exit $rc)"
        v=$(view)
        disk=$(name_of "$(echo "$v" | sed -n 's/^disk //p')")
        reader=$(name_of "$(echo "$v" | sed -n 's/^reader //p')")
        journal=$(ls -A "$K" "$K/res" | grep -c '^\.r\..*\.commit$')
        krun "$BIN" check new.ini
        after=$(name_of "$(view | sed -n 's/^disk //p')")
        left=$(leftovers)
        if [ $rc -eq 137 ] && { [ "$reader" = old ] || [ "$reader" = new ]; } && [ "$after" = "$reader" ] &&
            { [ "$disk" = "$reader" ] || [ "$journal" -gt 0 ]; } && [ "$left" -eq 0 ]; then
            [ "$disk" = "$reader" ] && d="the same on disk" || d="on disk $disk, with $journal journals"
            ok "$what: a reader sees the $reader pair ($d); after the next run the $after pair, no temporary file"
        else
            ko "$what: reader $reader, disk $disk, $journal journals; after the next run: $after, $left temporary files"
        fi
    done
    [ $tested -ge 8 ] && ok "kill test: $tested kill points (the run's calls: $counts; the libxlsxwriter scratch unlinks in TMPDIR counted once)" ||
        ko "kill test: at least 8 kill points ($tested: $counts)"
    # a reader inside ipseval: [meta] results reads another run's results file; killed at its first rename the run
    # left the old pair on disk and a deciding journal, so [meta] reads the new results (it finishes the commit)
    cp "$K/keep/r.xlsx" "$K/" && cp "$K/keep/r.csv" "$K/res/" && cp "$K/keep/r.csv" "$K/other.csv"
    krun strace -f -qq -o /dev/null -e trace=$SYSCALLS -e inject=rename:signal=SIGKILL:when=1 "$BIN" run new.ini
    printf '[project]\ntitle = m\n[meta]\nresults = res/r.csv, other.csv\nresults_analysis = risk_difference\nresults_method = wald\nresults_term = arm\n' > "$K/m.ini"
    before=$(name_of "$(view | sed -n 's/^disk //p')")
    if (cd "$K" && "$BIN" meta m.ini -o m.xlsx --results m.csv --quiet) &&
        [ "$before" = old ] && [ "$(name_of "$(view | sed -n 's/^disk //p')")" = new ] && [ "$(leftovers)" -eq 0 ] &&
        [ "$(grep '^meta,study_effect,,,res/r.csv,' "$K/m.csv" | cut -d, -f7)" = "$(grep '^rct,risk_difference,e,,arm,wald,' "$K/res/r.csv" | cut -d, -f7)" ] &&
        [ "$(grep '^meta,study_effect,,,res/r.csv,' "$K/m.csv" | cut -d, -f7)" != "$(grep '^rct,risk_difference,e,,arm,wald,' "$K/keep/r.csv" | cut -d, -f7)" ]; then
        ok "[meta] results honours the journal of a run killed at its first rename: it reads the new results"
    else
        ko "[meta] results honours the journal of a run killed at its first rename (disk before: $before)"
    fi
    # temporaries: a dead run's removed; a live run's (this shell's PID) and another user's kept
    touch "$K/res/.r.csv.99999999.abcdef" "$K/.r.xlsx.$$.ghijkl" "$K/res/.r.csv.99999998.mnopqr"
    chown nobody "$K/res/.r.csv.99999998.mnopqr" 2>/dev/null || rm -f "$K/res/.r.csv.99999998.mnopqr"
    krun "$BIN" run new.ini
    if [ ! -e "$K/res/.r.csv.99999999.abcdef" ] && [ -e "$K/.r.xlsx.$$.ghijkl" ] &&
        { [ ! -e "$K/res/.r.csv.99999998.mnopqr" ] || [ "$(stat -c %U "$K/res/.r.csv.99999998.mnopqr")" = nobody ]; }; then
        ok "stale temporaries: a dead run's removed; a live run's and another user's kept"
    else
        ko "stale temporaries: a dead run's removed; a live run's and another user's kept"; ls -A "$K" "$K/res"
    fi
    if [ -n "$ASAN_SAVED" ]; then export ASAN_OPTIONS="$ASAN_SAVED"; else unset ASAN_OPTIONS; fi
else
    echo "SKIP: the kill test (strace is not installed; make deps installs it): 3 checks and every kill point not run"
fi

if [ "$failed" -eq 0 ]; then rm -rf "$T"; else echo "  (scratch directory kept: $T)"; fi
echo "safety: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
