#!/bin/sh
# make bench: every bench/*.sh in turn. Each measures ipseval against its peers (R) in the same run, prints its
# own notes and adds rows to one table (bench/common.inc), printed at the end with the machine's load: task,
# size, ipseval seconds, peer, peer seconds, ratio (peer / ipseval), peak memory of each, agreement.
BIN=${BIN:-bin/ipseval}
export BIN
mkdir -p build/bench
TABLE=build/bench/table.tsv
export TABLE
: > "$TABLE"
failed=0
ran=0
start=$(date +%s)
load_before=$(uptime | sed 's/.*load average: //')
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
echo
echo "== results ($(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; load average before: $load_before, after: $(uptime | sed 's/.*load average: //'))"
awk -F'\t' 'BEGIN { printf "%-32s %-18s %10s  %-40s %10s %8s %9s %9s  %s\n", "task", "size", "ipseval s", "peer", "peer s",
                    "ratio", "ours MB", "peer MB", "check" }
            { printf "%-32s %-18s %10s  %-40s %10s %8s %9s %9s  %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }' "$TABLE"
echo "bench: $ran benchmark(s) run, $failed failed, $(( $(date +%s) - start )) s"
[ "$failed" -eq 0 ]
