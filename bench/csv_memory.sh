#!/bin/sh
# CSV memory by line shape (no peer: ipseval alone). The peak resident memory of reading one file into a table
# (bench/csv_memory.c: getrusage's peak after the read minus the peak before it, in one process) against the file's
# size, for: one-character numbers, one-character text, long text cells (100 characters, all distinct), a single
# column, a mixed trial-like file (ids, arms, ages, incomes with decimals, dates, flags, missing cells), and two
# very wide files (10 rows x 100,000 columns; 1 row x 1,000,000 columns). The goal is at most about twice the file.
# usage: sh bench/csv_memory.sh   (from the repository root; writes build/bench/csvmem/, deleted afterwards)
. bench/common.inc
harness csv_memory || { echo "csv_memory: cannot build bench/csv_memory.c"; exit 1; }
D=$B/csvmem
mkdir -p "$D"
python3 - "$D" <<'PY'
import random, sys
d = sys.argv[1]
def w(name, header, rows):
    with open(d + "/" + name + ".csv", "w") as f:
        f.write(header + "\n")
        for r in rows:
            f.write(r + "\n")
w("num1", ",".join("c%d" % k for k in range(20)), (",".join(str((i + k) % 10) for k in range(20)) for i in range(1000000)))
w("text1", ",".join("c%d" % k for k in range(20)),
  (",".join("abcdefghij"[(i * 7 + k) % 10] for k in range(20)) for i in range(1000000)))
al = "abcdefghijklmnopqrstuvwxyz"
rl = random.Random(1)
w("longtext", "a,b,c,d", (",".join("".join(rl.choice(al) for _ in range(100)) for k in range(4)) for i in range(100000)))
w("onecol", "x", (str(i % 10) for i in range(20000000)))
rm = random.Random(2)
def mixed(i):
    inc = "" if rm.random() < 0.05 else "%.2f" % rm.uniform(0, 90000)
    return "%d,%s,%d,%s,2020-%02d-%02d,%d,%s" % (i + 1, "IPS" if i % 2 else "TAU", rm.randint(18, 67), inc, rm.randint(1, 12),
                                              rm.randint(1, 28), rm.randint(0, 1), "NA" if rm.random() < 0.1 else str(rm.randint(0, 260)))
w("mixed", "id,arm,age,income,date,flag,workdays", (mixed(i) for i in range(1000000)))
w("wide10", ",".join("v%d" % k for k in range(100000)), (",".join(str((i + k) % 10) for k in range(100000)) for i in range(10)))
w("wide1", ",".join("v%d" % k for k in range(1000000)), [",".join(str(k % 10) for k in range(1000000))])
PY
for shape in num1 text1 longtext onecol mixed wide10 wide1; do
    f=$D/$shape.csv
    for k in 1 2 3; do "$B/csv_memory" "$f" || exit 1; done > "$D/$shape.out"
    bytes=$(field bytes < "$D/$shape.out" | tail -n 1)
    kb=$(awk '{ for (i = 1; i < NF; i++) { if ($i == "base_kb") b = $(i + 1); if ($i == "peak_kb") p = $(i + 1) } print p - b }' "$D/$shape.out" | median)
    cpu=$(field cpu < "$D/$shape.out" | median)
    ratio=$(awk -v k="$kb" -v b="$bytes" 'BEGIN { printf "%.2f", k * 1024 / b }')
    desc=$(case $shape in num1) echo "1-char numbers, 20 cols" ;; text1) echo "1-char text, 20 cols" ;;
           longtext) echo "100-char text, 4 cols" ;; onecol) echo "one column" ;; mixed) echo "mixed, 7 cols" ;;
           wide10) echo "10 rows x 100,000 cols" ;; wide1) echo "1 row x 1,000,000 cols" ;; esac)
    echo "csv memory, $desc: $(mb "$kb") MB over the baseline for a $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB file (x$ratio), $cpu s cpu"
    row "csv memory: $desc" "$(awk -v b="$bytes" 'BEGIN { printf "%.1f MB file", b / 1e6 }')" "$cpu" "-" "-" "$(mb "$kb")" "-" \
        "peak = $ratio x file"
done
echo "(load: $(uptime | sed 's/.*load average: //'))"
rm -rf "$D"
