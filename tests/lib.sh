# The helpers every command-line test script shares (tests/*/run.sh). Source it from the repository root,
# after BIN is set (an absolute path, as the scripts make it):  . tests/lib.sh
#   ok NAME, ko NAME          count a passed / failed check and say so ("PASS: NAME" / "FAIL: NAME")
#   expect NAME EXIT SUBSTRING... -- ARGS...
#                             run "$BIN" ARGS; passes when the exit status is EXIT, the output (stdout and
#                             stderr) holds every SUBSTRING, and it shows no nan, crash or sanitizer report
# The script prints "NAME: $passed passed, $failed failed" at its end and exits non-zero when $failed > 0.
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "PASS: $1"; }
ko() { failed=$((failed + 1)); echo "FAIL: $1"; }

expect() {
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
    [ "$rc" -eq "$code" ] || { echo "FAIL: $name: exit $rc, expected $code: $out"; good=0; }
    if [ $good -eq 1 ]; then
        echo "$subs" | while IFS= read -r s; do
            [ -z "$s" ] && continue
            case "$out" in *"$s"*) ;; *) echo "FAIL: $name: message lacks '$s': $out"; exit 1 ;; esac
        done || good=0
    fi
    case "$out" in *nan*|*Segmentation*|*AddressSanitizer*|*runtime\ error*) echo "FAIL: $name: $out"; good=0 ;; esac
    if [ $good -eq 1 ]; then ok "$name"; else failed=$((failed + 1)); fi
}
