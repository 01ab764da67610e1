#!/bin/sh
# Bounded resources (no peer: ipseval alone):
#  - `ipseval check` on a config of 100,000 sections (sections and keys in a hash table; the goal is
#    well under 2 s), and the 16 MiB config cap (`ipseval check /dev/zero` is refused at once);
#  - peak memory of reading a CSV of one long text cell and of many short cells, against the file size
#    (`ipseval check` reads the whole trial file).
# usage: sh bench/safety.sh   (from the repository root; writes build/bench/safety/)
. bench/common.inc
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
D=$B/safety
mkdir -p "$D"
awk 'BEGIN {
    print "[project]\ntitle = 100,000 sections\n[trial]\ndata = trial.csv\nid = id\narm = arm\ntreatment = IPS\ncontrol = TAU"
    print "[outcome:employment]\ntype = binary\ncolumn = emp12"
    for (i = 0; i < 100000; i++) printf "[scale:s%d]\nitems = a, b\nmin = 1\nmax = 5\n", i
}' > "$D/big.ini"
cp examples/trial.csv "$D/trial.csv"
for k in 1 2 3; do
    /usr/bin/time -f '%e %M %U %S' "$BIN" check "$D/big.ini" > /dev/null 2> "$D/time.$k" || { cat "$D/time.$k"; exit 1; }
    tail -n 1 "$D/time.$k"
done > "$D/times"
s=$(awk '{ print $1 }' "$D/times" | median)
kb=$(sort -k1,1g "$D/times" | awk '{ print $2 }' | median)
cpu=$(awk '{ printf "%.2f\n", $3 + $4 }' "$D/times" | median)
ok=$(awk -v s="$s" -v c="$cpu" 'BEGIN { print (s < 2 ? "under 2 s" : "OVER 2 s elapsed") "; cpu " c " s" }')
echo "check on 100,000 sections: $s s elapsed, $cpu s cpu (medians of 3), $(mb "$kb") MB (load: $(uptime | sed 's/.*load average: //'))"
row "config: check, 100,000 sections" "4.4 MB ini" "$s" "-" "-" "$(mb "$kb")" "-" "$ok"
t0=$(date +%s%N)
"$BIN" check /dev/zero > "$D/zero.log" 2>&1
rc=$?
t1=$(date +%s%N)
s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
grep -q "larger than 16 MiB" "$D/zero.log" && [ $rc -eq 2 ] && ok="refused (exit 2)" || ok="NOT refused (exit $rc)"
row "config: check /dev/zero" "16 MiB cap" "$s" "-" "-" "-" "-" "$ok"
# CSV memory: one 200 MB text cell; 20 MB of short numeric cells
python3 - "$D" <<'PY'
import sys
d = sys.argv[1]
with open(d + "/long.csv", "w") as f:
    f.write("id,arm,emp,note\n1,IPS,1," + "x" * 200_000_000 + "\n2,TAU,0,y\n")
with open(d + "/short.csv", "w") as f:
    f.write("id,arm,emp," + ",".join("c%d" % k for k in range(20)) + "\n")
    for i in range(200_000):
        f.write("%d,%s,%d," % (i + 1, "IPS" if i % 2 else "TAU", i % 2) + ",".join("1" for k in range(20)) + "\n")
PY
for shape in long short; do
    printf '[project]\ntitle = csv memory\n[trial]\ndata = %s.csv\nid = id\narm = arm\ntreatment = IPS\ncontrol = TAU\n[outcome:emp]\ntype = binary\ncolumn = emp\n' $shape > "$D/$shape.ini"
    /usr/bin/time -f '%e %M' "$BIN" check "$D/$shape.ini" > /dev/null 2> "$D/time.$shape" || { cat "$D/time.$shape"; exit 1; }
    set -- $(tail -n 1 "$D/time.$shape")
    bytes=$(wc -c < "$D/$shape.csv")
    ratio=$(awk -v m="$2" -v b="$bytes" 'BEGIN { printf "%.2f", m * 1024 / b }')
    echo "CSV $shape cells: $(mb "$2") MB peak for a $((bytes / 1000000)) MB file (x$ratio)"
    row "csv: read, $shape cells" "$((bytes / 1000000)) MB file" "$1" "-" "-" "$(mb "$2")" "-" "peak = ${ratio} x file"
done
rm -f "$D/long.csv" "$D/short.csv"
