#!/bin/sh
# Reference tests: run ipseval through its command line on each kit's data and compare with R.
# Needs ../shared beside the repository (as CI has it).
BIN=${BIN:-bin/ipseval}
KIT=../shared/reference
if [ ! -d "$KIT" ]; then
    echo "FAIL: $KIT not found: the reference kit must sit beside the repository"
    echo "reference: 0 passed, 1 failed"
    exit 1
fi
mkdir -p build/tmp-ref
status=0
# nsw_lalonde: the binary-outcome analyses of the trial module
if ! "$BIN" rct tests/reference/nsw_lalonde.ini --quiet; then
    echo "FAIL: ipseval rct tests/reference/nsw_lalonde.ini exited non-zero"
    echo "reference-nsw: 0 passed, 1 failed"
    exit 1
fi
/usr/bin/python3 tests/reference/refcmp.py "$KIT/nsw_lalonde/expected.csv" build/tmp-ref/nsw.csv \
    --name reference-nsw --arm treat --outcomes employed78 --tol 1e-6 --r-uniroot odds_ratio:fisher_cmle \
    --require arm_summary,risk_difference:wald,risk_difference:newcombe,risk_ratio,odds_ratio:woolf,chisq_test,fisher_exact,odds_ratio:fisher_cmle \
    || status=1
exit $status
