#!/bin/sh
# Coverage of the Newcombe RD and Welch intervals over 200,000 simulated trials per design (make check runs
# the same program with 10,000; tests/unit/test_coverage.c describes the designs).
BUILD=${BUILD:-build}
make -s "$BUILD/tests/test_coverage" >/dev/null || exit 1
start=$(date +%s)
"$BUILD/tests/test_coverage" 200000 | grep -v '^PASS' || exit 1
echo "rct_coverage: $(( $(date +%s) - start )) s"
