"""The pair of outputs as a reader sees it: python3 pair.py WORKBOOK RESULTS

Prints two lines, "disk W R OK" (the files as they are) and "reader W R OK" (as a reader that honours the
commit journal sees them, docs/methods.md "Outputs"): W and R the first 12 hex digits of the SHA-256 of the
workbook's and the results file's bytes ("none" for a missing file), OK 1 when the workbook's Provenance sheet
records the SHA-256 of that results file (the two are one run's pair), else 0.

The reader's rule: a journal ".NAME.PID.commit" beside either file decides the commit when it and every journal
it lists ("J" lines) end with the line "end"; then each output it lists ("R" lines) is read from its staged file
while that file exists, else from its own path. Without a deciding journal, each output is read from its path.
"""
import glob
import hashlib
import os
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


def sha(path):
    try:
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    except OSError:
        return None


def recorded_results_sha(book):
    """The value beside "Results file SHA-256" on the Provenance sheet, or None."""
    try:
        z = zipfile.ZipFile(book)
    except (OSError, zipfile.BadZipFile):
        return None
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            strings.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    sheet = None
    for s in wb.find("m:sheets", NS):
        if s.get("name") == "Provenance":
            sheet = "xl/" + target[s.get("{%s}id" % NS["r"])].lstrip("/").replace("xl/", "", 1)
    if sheet is None:
        return None
    for row in ET.fromstring(z.read(sheet)).iter("{%s}row" % NS["m"]):
        vals = []
        for c in row.findall("m:c", NS):
            v = c.find("m:v", NS)
            if v is None:
                t = c.find("m:is/m:t", NS)
                vals.append(t.text if t is not None else "")
            else:
                vals.append(strings[int(v.text)] if c.get("t") == "s" else v.text)
        if len(vals) >= 2 and vals[0] == "Results file SHA-256":
            return vals[1]
    return None


def journal(path):
    """The entry lines of a complete journal (header "ipseval-commit 1", last line "end"), else None."""
    try:
        with open(path) as f:
            lines = f.read().split("\n")
    except OSError:
        return None
    if lines[0] != "ipseval-commit 1" or "end" not in lines:
        return None
    return lines[1:lines.index("end")]


def reader_paths(book, res):
    """Where a reader honouring the commit journal reads each output."""
    src = {os.path.realpath(book): book, os.path.realpath(res): res}
    for out in (book, res):
        d, base = os.path.split(out)
        for j in sorted(glob.glob(os.path.join(d or ".", "." + glob.escape(base) + ".*.commit"))):
            if not re.search(r"\.[0-9]+\.commit$", j):
                continue
            lines = journal(j)
            if lines is None or not all(journal(x[2:]) is not None for x in lines if x.startswith("J\t")):
                continue
            for line in lines:
                p = line.split("\t")
                if p[0] == "R" and len(p) == 3 and os.path.realpath(p[2]) in src and os.path.exists(p[1]):
                    src[os.path.realpath(p[2])] = p[1]
    return src[os.path.realpath(book)], src[os.path.realpath(res)]


def show(label, book, res):
    w, r = sha(book), sha(res)
    ok = int(r is not None and recorded_results_sha(book) == r)
    print(label, (w or "none")[:12], (r or "none")[:12], ok)


book, res = sys.argv[1], sys.argv[2]
show("disk", book, res)
show("reader", *reader_paths(book, res))
