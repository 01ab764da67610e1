#!/usr/bin/python3
"""The workbook's layout, read from the .xlsx and from its PDF print (issue 19).

  check_layout.py cols BOOK.xlsx
      every sheet's column definitions (<col min max>) are ordered and never overlap: a spreadsheet given
      overlapping ranges keeps only one of them, and a column then shows ### or nothing. Every header cell
      (the header fill) sits like the content under it (right over numbers, centred over centred cells), and
      every cell is top-aligned (a label and its numbers read on one line).
  check_layout.py formats BOOK.xlsx CONFIG.ini
      numbers for people (issue 19): no interval written as text on any sheet (it is a formula of its number cells,
      every one of which is a number), a timepoint column holds numbers, money (a currency in the number format) in
      whole units, and the data's columns named by their labels: no identifier of the config's [trial] labels
      (a name with '_' or a digit) in any text but the Results, Methods and Provenance sheets', and every label shown.
  check_layout.py sorted BOOK.xlsx SORTED.xlsx [MODULE]
      SORTED is BOOK with its Results sheet sorted (and perhaps filtered) by LibreOffice and every formula
      recalculated (tests/workbook/sort.sh): the Results rows really moved, and every formula cell of every
      other sheet (the Summary's key figures above all) has the same value as before.
  check_layout.py pdf BOOK.pdf MAX_PAGES MIN_PT|-
      the workbook printed by LibreOffice (tests/workbook/pdf.sh): at most MAX_PAGES pages, no "###" (a number
      too wide for its column), and no text smaller than MIN_PT points as printed (the font size each piece of
      text is drawn at on the page, the print scale included: pdftohtml -xml); MIN_PT "-": the smallest text is
      printed as INFO, not checked.
Prints PASS/FAIL lines and "workbook-layout: N passed, N failed". Needs /usr/bin/python3 (openpyxl).
"""
import os
import re
import sys
import zipfile

passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("PASS: " + what)
    else:
        failed += 1
        print("FAIL: " + what + (" (" + detail + ")" if detail else ""))
    return ok


def sheet_files(z):
    wb = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    out = []
    for m in re.finditer(r"<sheet [^>]*?name=\"([^\"]+)\"[^>]*?r:id=\"(rId\d+)\"", wb):
        t = re.search(r'Id="%s" Type="[^"]+" Target="([^"]+)"' % m.group(2), rels).group(1)
        out.append((m.group(1).replace("&amp;", "&"), "xl/" + t.lstrip("/").replace("xl/", "")))
    return out


def cols(book):
    z = zipfile.ZipFile(book)
    for name, path in sheet_files(z):
        x = z.read(path).decode()
        ranges = [(int(a), int(b)) for a, b in re.findall(r'<col min="(\d+)" max="(\d+)"', x)]
        bad = [(p, q) for p, q in zip(ranges, ranges[1:]) if q[0] <= p[1]] + [r for r in ranges if r[1] < r[0]]
        check(not bad, "%s: %d column ranges, none overlapping" % (name, len(ranges)),
              ", ".join("%d-%d then %d-%d" % (p[0], p[1], q[0], q[1]) for p, q in bad[:3]) if bad else "")
    # alignment: from openpyxl
    import openpyxl
    wb = openpyxl.load_workbook(book)
    for ws in wb.worksheets:
        if ws.title == "Results":
            continue
        bottom = wrong = 0
        first = None
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                if cell.alignment.vertical not in ("top",):
                    bottom += 1
                    first = first or cell.coordinate
        check(bottom == 0, "%s: every cell top-aligned" % ws.title, "%d not, first %s" % (bottom, first))
        # a header cell takes the side of the content under it, down to the next header or the first gap:
        # right over numbers, centred over centred cells
        def side(c):
            h = c.alignment.horizontal
            if h in ("center", "centerContinuous"):
                return 2
            if h == "right":
                return 1
            if h == "left":
                return 0
            return 1 if isinstance(c.value, (int, float)) and not isinstance(c.value, bool) else 0

        def is_head(c):
            return c.value is not None and c.font.bold and c.fill.fgColor.rgb == "FFDDEBF7"

        for row in ws.iter_rows():
            for cell in row:
                if not is_head(cell):
                    continue
                tally = [0, 0, 0]
                r = cell.row + 1
                while r <= ws.max_row:
                    c = ws.cell(row=r, column=cell.column)
                    if is_head(c) or (c.value is None and sum(tally)):
                        break
                    if c.value is not None:
                        tally[side(c)] += 1
                    r += 1
                want = {0: (None, "left", "general"), 1: ("right",), 2: ("center",)}
                best = max(range(3), key=lambda k: (tally[k], -k))
                if sum(tally) and tally[best] > tally[0] and cell.alignment.horizontal not in want[best]:
                    wrong += 1
                    first = cell.coordinate
        check(wrong == 0, "%s: headers over numbers are right-aligned" % ws.title, "%d not, e.g. %s" % (wrong, first))


NUM = r"[\u2212-]?\d[\d,.]*%?"
INTERVAL_TEXT = re.compile(r"^(?:%s \(%s (?:to|til) %s\)|%s (?:to|til) %s)$" % (NUM, NUM, NUM, NUM, NUM))
FIXED_REF = re.compile(r"FIXED\(ROUND\((?:100\*)?([A-Z]+\d+),")


def formats(book, config):
    import openpyxl
    wb = openpyxl.load_workbook(book)
    cached = openpyxl.load_workbook(book, data_only=True)
    skip = ("Results", "Methods", "Provenance")
    labels = {}
    for line in open(config, encoding="utf-8"):
        m = re.match(r"\s*labels\s*=\s*(.*)$", line)
        if m:
            for part in m.group(1).split("|"):
                if ":" in part:
                    k, v = part.split(":", 1)
                    labels[k.strip()] = v.strip()
    n_ivl = 0
    for ws in wb.worksheets:
        if ws.title in skip:
            continue
        cws = cached[ws.title]
        text_ivl, bad_ref, tp_text, money_dec, raw = [], [], [], [], []
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if isinstance(v, str) and INTERVAL_TEXT.match(v.strip()):
                    text_ivl.append("%s %r" % (c.coordinate, v))
                if isinstance(v, str) and v.startswith("=SUBSTITUTE(FIXED("):
                    n_ivl += 1
                    for ref in FIXED_REF.findall(v):
                        x = cws[ref].value
                        if not isinstance(x, (int, float)) or isinstance(x, bool):
                            bad_ref.append("%s -> %s %r" % (c.coordinate, ref, x))
                if isinstance(v, (int, float)) and not isinstance(v, bool) and '"' in c.number_format and \
                        re.search(r"\.0", c.number_format.split(";")[0]):
                    money_dec.append("%s %s" % (c.coordinate, c.number_format))
                if isinstance(v, str) and not v.startswith("="):
                    for k in labels:
                        if ("_" in k or re.search(r"\d", k)) and re.search(r"(?<![\w.])%s(?![\w.])" % re.escape(k), v):
                            raw.append("%s %r in %r" % (c.coordinate, k, v[:60]))
                if isinstance(v, str) and v == "Timepoint":  # the column under a Timepoint header
                    r = c.row + 1
                    while r <= ws.max_row and ws.cell(row=r, column=c.column).value is not None:
                        y = ws.cell(row=r, column=c.column).value
                        if isinstance(y, str) and re.fullmatch(r"-?\d+(\.\d+)?", y.strip()):
                            tp_text.append("%s%d %r" % (c.column_letter, r, y))
                        r += 1
        check(not text_ivl, "%s: no interval written as text" % ws.title, "; ".join(text_ivl[:3]))
        check(not bad_ref, "%s: every interval display is a formula of number cells" % ws.title, "; ".join(bad_ref[:3]))
        check(not tp_text, "%s: timepoints are numbers" % ws.title, "; ".join(tp_text[:3]))
        check(not money_dec, "%s: money in whole currency units" % ws.title, "; ".join(money_dec[:3]))
        check(not raw, "%s: the data's columns named by their labels" % ws.title, "; ".join(raw[:3]))
    check(n_ivl > 0, "intervals shown as formulas of their number cells (%d)" % n_ivl)
    shown = set()
    for ws in cached.worksheets:
        if ws.title in skip:
            continue
        for row in ws.iter_rows(values_only=True):
            for v in row:
                if isinstance(v, str):
                    for k, lab in labels.items():
                        if lab in v:
                            shown.add(k)
    check(labels and set(labels) == shown, "every label of [trial] labels is shown (%d)" % len(labels),
          "not shown: %s" % ", ".join(sorted(set(labels) - shown)))


def sorted_book(book, sorted_path):
    import openpyxl
    before = openpyxl.load_workbook(book, data_only=True)
    formulas = openpyxl.load_workbook(book)
    after = openpyxl.load_workbook(sorted_path, data_only=True)
    res = os.environ.get("IPS_SHEET") or "Results"  # its name in the workbook's language ([project] language)
    rb = list(before[res].iter_rows(min_row=2, values_only=True))
    ra = list(after[res].iter_rows(min_row=2, values_only=True))
    moved = sum(1 for x, y in zip(rb, ra) if x != y)
    check(moved > len(rb) // 2, "Results: the sort moved the rows (%d of %d moved)" % (moved, len(rb)))
    if len(sys.argv) > 4:  # filtered to one module: the other rows are hidden
        keep = sys.argv[4]
        rows = openpyxl.load_workbook(sorted_path)[res]
        hidden = sum(1 for i, r in enumerate(ra, start=2) if rows.row_dimensions[i].hidden)
        other = sum(1 for r in ra if r[0] != keep)
        check(hidden == other > 0, "Results: filtered to module %s (%d other rows hidden)" % (keep, hidden),
              "%d hidden, %d rows of other modules" % (hidden, other))
    n = 0
    bad = []
    for ws in formulas.worksheets:
        if ws.title == "Results" or ws.title not in after.sheetnames:
            continue
        for row in ws.iter_rows():
            for c in row:
                if not (isinstance(c.value, str) and c.value.startswith("=")):
                    continue
                n += 1
                x = before[ws.title][c.coordinate].value
                y = after[ws.title][c.coordinate].value
                same = (x == y) or (isinstance(x, (int, float)) and isinstance(y, (int, float)) and
                                    abs(x - y) <= 1e-9 * max(abs(x), abs(y)))
                if not same:
                    bad.append("%s!%s %s: %r then %r" % (ws.title, c.coordinate, c.value[:60], x, y))
    summary = sum(1 for row in formulas[formulas.sheetnames[0]].iter_rows() for c in row
                  if isinstance(c.value, str) and (res + "!") in c.value)
    check(summary > 0, "Summary: %d figures and links taken from the Results sheet" % summary)
    check(not bad, "all %d formula cells of the other sheets unchanged after the sort" % n,
          "%d changed: %s" % (len(bad), "; ".join(bad[:4])))


def pdf(path, max_pages, min_pt):
    import subprocess
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    check(pages <= max_pages, "PDF: %d pages (at most %d)" % (pages, max_pages))
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout
    hashes = [(i + 1, line.strip()[:60]) for i, page in enumerate(text.split("\f"))
              for line in page.splitlines() if "###" in line]
    check(not hashes, "PDF: no ### (a number too wide for its column)",
          "; ".join("page %d: %s" % h for h in hashes[:4]))
    # The size each piece of text is drawn at, print scale included: pdftohtml (poppler) gives every font size as
    # drawn on the page, in pixels at its zoom (3: a third of a point each, rounded); a size s may be as small as
    # (s - 0.5) / 3 points, and that is what is checked.
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-zoom", "3", path],
                         capture_output=True, text=True).stdout
    fonts, small, sizes, page = {}, [], [], 0
    for part in xml.split("<page number=")[1:]:
        page = int(re.match(r'"(\d+)"', part).group(1))
        for m in re.finditer(r'<fontspec id="(\d+)" size="(-?\d+)"', part):
            fonts[m.group(1)] = (int(m.group(2)) - 0.5) / 3
        for m in re.finditer(r'<text [^>]*font="(\d+)">(.*?)</text>', part):
            text = re.sub(r"<[^>]+>", "", m.group(2)).strip()
            if not text:
                continue
            pt = fonts[m.group(1)]
            sizes.append(pt)
            if min_pt is not None and pt < min_pt:
                small.append("page %d %r %.1f pt" % (page, text[:20], pt))
    check(len(sizes) > 100, "PDF: %d pieces of text read with their font sizes" % len(sizes))
    print("INFO: smallest text %.2f pt, %d of %d pieces below 8 pt" %
          (min(sizes) if sizes else 0, sum(1 for x in sizes if x < 8), len(sizes)))
    if min_pt is not None:
        check(not small, "PDF: no text below %g pt" % min_pt, "%d pieces, e.g. %s" % (len(small), "; ".join(small[:4])))


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "cols":
        cols(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "formats":
        formats(sys.argv[2], sys.argv[3])
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "sorted":
        sorted_book(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "pdf":
        pdf(sys.argv[2], int(sys.argv[3]), None if sys.argv[4] == "-" else float(sys.argv[4]))
    else:
        print(__doc__)
        sys.exit(2)
    print("workbook-layout: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
