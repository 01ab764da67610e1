# The helpers every command-line test script shares (tests/*/run.sh). Source it from the repository root,
# after BIN is set (an absolute path, as the scripts make it):  . tests/lib.sh
#   ok NAME, ko NAME          count a passed / failed check and say so ("PASS: NAME" / "FAIL: NAME")
#   expect NAME EXIT SUBSTRING... -- ARGS...
#                             run "$BIN" ARGS; passes when expect_run finds nothing wrong
#   expect_run NAME EXIT SUBSTRING... -- ARGS...
#                             run "$BIN" ARGS into $out (stdout and stderr) and $rc; good=1 when the exit status
#                             is EXIT, $out holds every SUBSTRING, and it shows no nan, crash or sanitizer report;
#                             otherwise good=0 and each reason is printed as "  NAME: why" (the catalogue,
#                             tests/bad-input/run.sh, adds its own checks around it)
# The script prints "NAME: $passed passed, $failed failed" at its end and exits non-zero when $failed > 0.
#   office NAME               true when the LibreOffice checks NAME should run here: false, with a SKIP line, in the
#                             sanitizer build (make check SAN=1 sets IPSEVAL_SAN=1: LibreOffice reads the same
#                             workbook in the plain check, and the sanitizers watch ipseval's memory, not
#                             LibreOffice's); false with a counted failure when soffice is missing
passed=0
failed=0
office() {
    if [ "${IPSEVAL_SAN:-0}" = 1 ]; then
        echo "SKIP: $1 (LibreOffice checks run in the plain make check, not under the sanitizers)"
        return 1
    fi
    command -v soffice >/dev/null 2>&1 && return 0
    failed=$((failed + 1))
    echo "FAIL: $1: LibreOffice (soffice) is not installed; make deps installs libreoffice-calc-nogui"
    return 1
}
ok() { passed=$((passed + 1)); echo "PASS: $1"; }
ko() { failed=$((failed + 1)); echo "FAIL: $1"; }

expect_run() {
    name=$1 code=$2
    shift 2
    subs=""
    while [ "$1" != "--" ]; do
        subs="$subs
$1"
        shift
    done
    shift
    out=$("$BIN" "$@" 2>&1)
    rc=$?
    good=1
    [ "$rc" -eq "$code" ] || { echo "  $name: exit $rc, expected $code: $out"; good=0; }
    if [ $good -eq 1 ]; then
        echo "$subs" | while IFS= read -r s; do
            [ -z "$s" ] && continue
            case "$out" in *"$s"*) ;; *) echo "  $name: message lacks '$s': $out"; exit 1 ;; esac
        done || good=0
    fi
    case "$out" in *nan*|*Segmentation*|*AddressSanitizer*|*runtime\ error*|*LeakSanitizer*|*Aborted*)
        echo "  $name: $out"; good=0 ;; esac
}

expect() {
    expect_run "$@"
    if [ $good -eq 1 ]; then ok "$1"; else ko "$1"; fi
}
