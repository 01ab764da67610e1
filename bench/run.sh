#!/bin/sh
# make bench: every bench/*.sh in turn. Each measures ipseval against a peer (R) in the same run and
# prints its own summary; this script only runs them and reports which failed.
BIN=${BIN:-bin/ipseval}
export BIN
mkdir -p build/bench
failed=0
ran=0
for b in bench/*.sh; do
    [ "$b" = bench/run.sh ] && continue
    [ -f "$b" ] || continue
    echo "== $b"
    ran=$((ran + 1))
    if ! sh "$b"; then
        echo "bench: $b FAILED"
        failed=$((failed + 1))
    fi
done
echo "bench: $ran benchmark(s) run, $failed failed"
[ "$failed" -eq 0 ]
