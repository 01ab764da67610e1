#!/usr/bin/python3
"""Write a CSV file as a spreadsheet in a Norwegian (nb_NO) locale exports it: ';' between fields, a
decimal comma, and a thousands separator ('.' or a no-break space U+00A0) in numbers of 1,000 and more.
Also adds a column `income` (a whole-krone amount in the hundreds of thousands, with decimals) so that
the separators occur. Usage: nb_export.py IN.csv C_OUT.csv NB_OUT.csv SEP   (SEP: dot or nbsp)"""
import csv, re, sys

src, c_out, nb_out, sep = sys.argv[1:5]
sep = {"dot": ".", "nbsp": "\u00a0"}[sep]
num = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


def nb(cell):
    if not num.match(cell):
        return cell
    neg = cell.startswith("-")
    whole, _, frac = cell.lstrip("-").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sep.join(groups) + ("," + frac if frac else "")
    return ("-" if neg else "") + out


with open(src, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
rows[0].append("income")
for i, r in enumerate(rows[1:]):
    r.append("%d.%02d" % (180000 + (i * 7919) % 450000, (i * 37) % 100))
with open(c_out, "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
with open(nb_out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, delimiter=";", lineterminator="\r\n")
    w.writerow(rows[0])
    for r in rows[1:]:
        w.writerow([nb(c) for c in r])
