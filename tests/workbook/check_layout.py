#!/usr/bin/python3
"""The workbook's layout, read from the .xlsx and from its PDF print (issue 19).

  check_layout.py cols BOOK.xlsx
      every sheet's column definitions (<col min max>) are ordered and never overlap: a spreadsheet given
      overlapping ranges keeps only one of them, and a column then shows ### or nothing. Every header cell
      (the header fill) sits like the content under it (right over numbers, centred over centred cells), and
      every cell is top-aligned (a label and its numbers read on one line).
  check_layout.py formats BOOK.xlsx CONFIG.ini
      numbers for people (issue 19): no interval written as text on any sheet (it is a formula of its number cells
      on the chart-data sheet, every one of which is a number), a timepoint column holds numbers, money (a currency in the number format) in
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
  check_layout.py charts BOOK.xlsx
      the charts (issue 19): every chart's data on the hidden chart-data sheet ("Chart data", hidden, every series
      range pointing there, no chart-data columns left on a visible sheet); the forest plot's pooled diamond
      (a closed series of 5 points spanning the pooled interval), the CE planes' willingness-to-pay line (through
      the origin), the acceptability curves' threshold line (vertical), the synthetic control's and event study's
      start-of-treatment line (vertical) and the event study's axes crossing at the plot's edge, the fidelity
      trend's band lines (constant); and no chart cut by the print: a chart is wholly inside the print area or
      wholly outside it, and no page break (row or column) runs through it.
  check_layout.py rows BOOK.xlsx
      the print's rows and gutters: every row that holds wrapped text is as tall as its most lines (each wrapped cell
      measured in its font with the advance widths of reports/rpt_font_widths.c, wrapped at spaces and dashes in its
      column or merged range) and no more than one line taller; and every left-aligned header right after a
      right-aligned one is indented (a right-aligned number and a left-aligned text never touch: "72Not IPS"); a
      sheet whose cells print on a later column group's page repeats its label columns there.
Prints PASS/FAIL lines and "workbook-layout: N passed, N failed". Needs /usr/bin/python3 (openpyxl).
"""
import os
import re
import sys
import zipfile

passed = failed = 0


quiet = False  # a check run to see that it can fail prints nothing


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        if not quiet:
            print("PASS: " + what)
    else:
        failed += 1
        if not quiet:
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
        if ws.title == "Results" or ws.sheet_state != "visible":  # the hidden chart-data sheet is not read as a table
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
FIXED_REF = re.compile(r"FIXED\(ROUND\((?:100\*)?(?:'((?:[^']|'')+)'!)?([A-Z]+\d+),")


def formats(book, config):
    import openpyxl
    wb = openpyxl.load_workbook(book)
    cached = openpyxl.load_workbook(book, data_only=True)
    skip = ("Results", "Methods", "Provenance", "Chart data")
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
                    for sheet, ref in FIXED_REF.findall(v):
                        x = (cached[sheet.replace("''", "'")] if sheet else cws)[ref].value
                        if not isinstance(x, (int, float)) or isinstance(x, bool):
                            bad_ref.append("%s -> %s %r" % (c.coordinate, ref, x))
                if isinstance(v, (int, float)) and not isinstance(v, bool) and '"' in c.number_format.split(";")[0] and \
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


def _pts(xml):
    """The cached values of a <c:xVal>/<c:yVal>/<c:cat>/<c:val> element: {index: value}."""
    out = {}
    for i, v in re.findall(r'<c:pt idx="(\d+)"><c:v>([^<]*)</c:v>', xml):
        try:
            out[int(i)] = float(v)
        except ValueError:
            out[int(i)] = v
    return out


def _series(cx):
    ser = []
    for body in re.findall(r"<c:ser>(.*?)</c:ser>", cx, re.S):
        tx = re.search(r"<c:tx>(.*?)</c:tx>", body, re.S)
        name = "".join(re.findall(r"<(?:c:v|a:t)>([^<]*)</", tx.group(1))) if tx else ""
        xs = re.search(r"<c:(?:xVal|cat)>(.*?)</c:(?:xVal|cat)>", body, re.S)
        ys = re.search(r"<c:(?:yVal|val)>(.*?)</c:(?:yVal|val)>", body, re.S)
        x = _pts(xs.group(1)) if xs else {}
        y = _pts(ys.group(1)) if ys else {}
        n = max([len(x), len(y)] + [int(m) for m in re.findall(r'<c:ptCount val="(\d+)"', body)] or [0])
        ser.append({"name": name, "x": [x.get(i) for i in range(n)], "y": [y.get(i) for i in range(n)],
                    "refs": re.findall(r"<c:f>([^<]+)</c:f>", body)})
    return ser


def charts(book):
    import posixpath
    z = zipfile.ZipFile(book)
    wb = z.read("xl/workbook.xml").decode()
    data_sheet = os.environ.get("IPS_CHART_SHEET") or "Chart data"
    m = re.search(r'<sheet name="%s"[^>]*/>' % re.escape(data_sheet), wb)
    check(m is not None and 'state="hidden"' in m.group(0), "the chart-data sheet %r is there and hidden" % data_sheet,
          m.group(0) if m else "no such sheet")
    quoted = "'%s'!" % data_sheet if re.search(r"[^A-Za-z0-9_]", data_sheet) else data_sheet + "!"
    areas = {}
    for name, ref in re.findall(r'<definedName name="_xlnm.Print_Area" localSheetId="\d+">([^<]+)!([^<]+)<', wb):
        pass
    for sid, val in re.findall(r'<definedName name="_xlnm.Print_Area" localSheetId="(\d+)">([^<]+)<', wb):
        areas[int(sid)] = val.replace("&apos;", "'")
    kinds = {}
    n_charts, cut, offsheet = 0, [], []
    for idx, (name, path) in enumerate(sheet_files(z)):
        x = z.read(path).decode()
        rows_brk = [int(b) for b in re.findall(r'<brk id="(\d+)"', x.split("<colBreaks")[0].split("<rowBreaks")[1])] \
            if "<rowBreaks" in x else []
        cols_brk = [int(b) for b in re.findall(r'<brk id="(\d+)"', x.split("<colBreaks")[1])] if "<colBreaks" in x else []
        area = areas.get(idx)
        last_row = last_col = None
        if area:
            a = re.search(r"\$([A-Z]+)\$(\d+)$", area)
            last_row = int(a.group(2)) - 1
            last_col = sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(a.group(1)))) - 1
        relp = posixpath.join(posixpath.dirname(path), "_rels", posixpath.basename(path) + ".rels")
        if relp not in z.namelist():
            continue
        for d in re.findall(r'Target="([^"]*drawing[^"]*)"', z.read(relp).decode()):
            dp = posixpath.normpath(posixpath.join(posixpath.dirname(path), d))
            dx = z.read(dp).decode()
            drels = z.read(posixpath.join(posixpath.dirname(dp), "_rels", posixpath.basename(dp) + ".rels")).decode()
            for anc in re.findall(r"<xdr:twoCellAnchor.*?</xdr:twoCellAnchor>", dx, re.S):
                if "<c:chart " not in anc:
                    continue
                fr = [int(v) for v in re.search(r"<xdr:from><xdr:col>(\d+)</xdr:col><xdr:colOff>\d+</xdr:colOff>"
                                                r"<xdr:row>(\d+)</xdr:row>", anc).groups()]
                to = re.search(r"<xdr:to><xdr:col>(\d+)</xdr:col><xdr:colOff>(\d+)</xdr:colOff><xdr:row>(\d+)</xdr:row>"
                               r"<xdr:rowOff>(\d+)</xdr:rowOff>", anc).groups()
                tc = int(to[0]) - (int(to[1]) == 0)
                tr = int(to[2]) - (int(to[3]) == 0)
                cid = re.search(r'r:id="(rId\d+)"', anc).group(1)
                ct = re.search(r'Id="%s" Type="[^"]+" Target="([^"]+)"' % cid, drels).group(1)
                cx = z.read(posixpath.normpath(posixpath.join(posixpath.dirname(dp), ct))).decode()
                n_charts += 1
                title = "".join(re.findall(r"<a:t>([^<]*)</a:t>", re.search(r"<c:title>(.*?)</c:title>", cx, re.S).group(1))) \
                    if "<c:title>" in cx else ""
                ser = _series(cx)
                for s_ in ser:
                    offsheet += ["%s: %s" % (title[:40], f) for f in s_["refs"] if not f.startswith(quoted)]
                kinds.setdefault(title.split(":")[0], []).append((name, title, ser, cx))
                printed = last_row is not None and fr[1] <= last_row and fr[0] <= last_col
                if printed:
                    if tr > last_row or tc > last_col:
                        cut.append("%s: %s runs past the print area" % (name, title[:40]))
                    for b in rows_brk:
                        if fr[1] < b <= tr:
                            cut.append("%s: %s cut by the page break before row %d" % (name, title[:40], b + 1))
                    for b in cols_brk:
                        if fr[0] < b <= tc:
                            cut.append("%s: %s cut by the page break before column %d" % (name, title[:40], b + 1))
    check(n_charts > 0 and not offsheet, "all %d charts read their data from the chart-data sheet" % n_charts,
          "; ".join(offsheet[:4]))
    check(not cut, "no chart is cut by the print area's edge or a page break", "; ".join(cut[:4]))

    def vertical(s):
        return len(s["x"]) == 2 and None not in s["x"] and s["x"][0] == s["x"][1] and s["y"][0] != s["y"][1]

    def find(prefix):
        return kinds.get(prefix, [])

    forest = find("Forest plot")
    ok = bool(forest)
    for _, t, ser, _ in forest:
        dia = [s for s in ser if len(s["x"]) == 5 and None not in s["x"] and s["x"][0] == s["x"][4]
               and s["y"][0] == s["y"][4] == s["y"][2] and s["x"][1] == s["x"][3] and s["x"][0] < s["x"][1] < s["x"][2]]
        ok = ok and len(dia) == 1
    check(ok, "forest plot: the pooled estimate is a diamond spanning its interval (%d plots)" % len(forest))
    planes = [c for k, v in kinds.items() if "plane" in k for c in v]
    ok = bool(planes)
    for _, t, ser, _ in planes:
        wtp = [s for s in ser if s["name"].startswith("willingness to pay") and len(s["x"]) == 2 and None not in s["y"]
               and s["x"][0] != 0 and s["x"][1] != 0 and abs(s["y"][0] / s["x"][0] - s["y"][1] / s["x"][1]) <=
               1e-9 * abs(s["y"][1] / s["x"][1])]
        ok = ok and len(wtp) >= 1 and "base case" in [s["name"] for s in ser] + [s["name"].split(":")[-1].strip() for s in ser] \
            if t.startswith("Cost-effectiveness plane:") else ok and len(wtp) >= 1
    check(ok, "CE planes: a willingness-to-pay line through the origin (%d planes)" % len(planes))
    ceac = find("Acceptability curve") + find("Probability each option has the highest net benefit")
    ok = bool(ceac) and all(any(s["name"].startswith("willingness to pay") and vertical(s) for s in ser)
                            for _, _, ser, _ in ceac)
    check(ok, "acceptability curves: the threshold as a vertical line (%d charts)" % len(ceac))
    synth = find("Synthetic control")
    ok = bool(synth) and all(any(s["name"] == "Treatment starts" and vertical(s) for s in ser) for _, _, ser, _ in synth)
    check(ok, "synthetic control: a line where treatment starts (%d charts)" % len(synth))
    ev = find("Event study")
    ok = bool(ev) and all(any(s["name"] == "Treatment starts" and vertical(s) for s in ser) and
                          any(s["name"] == "No effect" and s["y"] == [0.0, 0.0] for s in ser) and
                          cx.count('<c:crosses val="min"/>') >= 2 for _, _, ser, cx in ev)
    check(ok, "event study: axes crossing at the plot's edge, a zero line and the start of treatment (%d charts)" % len(ev))
    fid = find("Fidelity total by site (dashed lines")
    ok = bool(fid) and all(sum(1 for s in ser if s["name"].endswith("or more)") and len(set(s["y"])) == 1) >= 2
                           for _, _, ser, _ in fid)
    check(ok, "fidelity trend: the bands drawn as lines (%d charts)" % len(fid))
    # nothing right of a sheet's print area in its printed rows (chart data used to sit there, on screen but not
    # printed); rows below the print (a sheet cut by its page budget) are on screen only, as wide as they are
    import openpyxl
    wbk = openpyxl.load_workbook(book, read_only=True)
    wide = []
    for idx, ws in enumerate(wbk.worksheets):
        a = re.search(r"\$([A-Z]+)\$(\d+)$", areas.get(idx, ""))
        if ws.title in (data_sheet, "Results") or not a:
            continue
        lc = sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(a.group(1))))
        for row in ws.iter_rows(min_col=lc + 1, max_row=int(a.group(2)), values_only=True):
            if any(v is not None for v in row):
                wide.append("%s (right of column %s)" % (ws.title, a.group(1)))
                break
    check(not wide, "no cell right of a visible sheet's print area in its printed rows (no chart data left there)",
          ", ".join(wide))


def font_table():
    """the advance widths of reports/rpt_font_widths.c: {style: {code point: 1/2048 em}}"""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    src = open(os.path.join(root, "reports", "rpt_font_widths.c"), encoding="utf-8").read()
    chars = [int(x, 16) for x in re.findall(r"0x([0-9A-F]{4})", src.split("rpt_font_adv")[0])]
    blocks = re.findall(r"\{ /\* \w+ \*/([^}]*)\}", src.split("rpt_font_adv")[1])
    return {k: dict(zip(chars, [int(v) for v in re.findall(r"\d+", b)])) for k, b in enumerate(blocks)}


def text_lines(text, avail, adv, size):
    """lines of text in a cell avail points wide, wrapped as a spreadsheet wraps (rpt_font.c)"""
    def w(t):
        return sum(adv.get(ord(ch), adv[0x30]) for ch in t) * size / 2048.0
    n = 0
    for para in text.split("\n"):
        n += 1
        x = 0.0
        for piece in re.findall(r"[^ \-\u2013\u2014]*(?:[\-\u2013\u2014]| +|$)", para):
            if not piece:
                continue
            word = piece.rstrip(" ")
            pw = w(word)
            if x > 0 and x + pw > avail and x - w(" ") * 0 > 0:
                n += 1
                x = 0.0
            while x == 0 and pw > avail and len(word) > 1:  # a word wider than the cell breaks between letters
                k = len(word)
                while k > 1 and w(word[:k]) > avail:
                    k -= 1
                n += 1
                word = word[k:]
                pw = w(word)
            x += pw + w(piece[len(piece.rstrip(" ")):])
    return n


def rows(book, wb=None):
    import openpyxl
    adv = font_table()
    wb = wb or openpyxl.load_workbook(book)
    unit = 5.547  # points a stored column-width unit prints as (rpt_font.c)
    for ws in wb.worksheets:
        if ws.title == "Results" or ws.sheet_state != "visible":
            continue
        merged = {}
        for mr in ws.merged_cells.ranges:
            if mr.min_row == mr.max_row:
                merged[(mr.min_row, mr.min_col)] = mr.max_col
            for r in range(mr.min_row, mr.max_row + 1):
                for c in range(mr.min_col, mr.max_col + 1):
                    if (r, c) != (mr.min_row, mr.min_col):
                        merged.setdefault((r, c), -1)

        widths = {}
        for d in list(ws.column_dimensions.values()):
            if d.min and d.max and d.customWidth:
                for c in range(d.min, d.max + 1):
                    widths[c] = d.width

        def width(c):
            return widths.get(c, 8.43 + 5 / 7.0) * unit

        tall = []
        short = []
        n_rows = 0
        for row in ws.iter_rows():
            need = 0.0
            for cell in row:
                if cell.value is None or not cell.alignment.wrap_text or isinstance(cell.value, (int, float)):
                    continue
                if str(cell.value).startswith("="):
                    continue
                end = merged.get((cell.row, cell.column), cell.column)
                if end == -1:
                    continue
                size = cell.font.sz or 11
                style = (1 if cell.font.b else 0) + (2 if cell.font.i else 0)
                avail = sum(width(c) for c in range(cell.column, end + 1)) - 2.0
                avail -= (cell.alignment.indent or 0) * 3 * 463 / 2048.0 * size
                mono = {ord(ch): 1229 for ch in str(cell.value)}  # Courier New: 0.6 em a character
                mono[0x30] = 1229
                lines = text_lines(str(cell.value), avail, mono if cell.font.name == "Courier New" else adv[style], size)
                need = max(need, 15.0 if lines == 1 and size <= 11 else lines * 1.1 * size + 3.5)
            if not need:
                continue
            n_rows += 1
            h = ws.row_dimensions[row[0].row].height or 15.0
            if h < need - 0.5 and h < 409:
                short.append("row %d %.1f < %.1f" % (row[0].row, h, need))
            elif h > need + 1.1 * 11 + 0.5:
                tall.append("row %d %.1f > %.1f" % (row[0].row, h, need))
        check(not short, "%s: no row of wrapped text shorter than its lines (%d rows)" % (ws.title, n_rows),
              ", ".join(short[:4]))
        check(not tall, "%s: no row of wrapped text a line taller than its lines" % ws.title, ", ".join(tall[:4]))
        # the gutter: a left header right after a right-aligned one is indented
        touch = []
        for row in ws.iter_rows():
            for a, b in zip(row, row[1:]):
                if b.value is None or a.value is None or not (a.font.b and b.font.b):
                    continue
                if a.fill.fgColor.rgb != "FFDDEBF7" or b.fill.fgColor.rgb != "FFDDEBF7":
                    continue
                if a.alignment.horizontal == "right" and b.alignment.horizontal in (None, "left", "general") \
                        and not b.alignment.indent:
                    touch.append(b.coordinate)
        check(not touch, "%s: a left-aligned header after a right-aligned one is indented" % ws.title,
              ", ".join(touch[:4]))
        # a table split over column groups repeats its label columns on every group's page
        brk = sorted(b.id for b in ws.col_breaks.brk) if ws.col_breaks else []
        area = ws.print_area[0] if ws.print_area else ""
        m = re.search(r"\$(\d+)$", area)
        if brk and m:
            split = [c.coordinate for row in ws.iter_rows(max_row=int(m.group(1)), min_col=brk[0] + 1)
                     for c in row if c.value is not None]
            if split:
                check(bool(ws.print_title_cols), "%s: its tables split over column groups, the label columns repeat"
                      % ws.title, "nothing repeats; e.g. %s printed on a later group's page" % split[0])


def rows_can_fail(book):
    """the rows checks on a copy with one wrapped row made two lines taller, one shorter, one gutter's indent taken
    away and one sheet split into column groups with nothing repeated: each of the four checks must fail"""
    global passed, failed
    import copy
    import openpyxl
    wb = openpyxl.load_workbook(book)
    done = {"tall": None, "short": None, "indent": None, "groups": None}
    for ws in wb.worksheets:
        if ws.title == "Results" or ws.sheet_state != "visible":
            continue
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None or not isinstance(cell.value, str) or not cell.alignment.wrap_text:
                    continue
                h = ws.row_dimensions[cell.row].height
                if done["tall"] is None and h and h > 30:
                    ws.row_dimensions[cell.row].height = h + 30
                    done["tall"] = ws.title
                elif done["short"] is None and h and h > 30 and ws.title != done["tall"]:
                    ws.row_dimensions[cell.row].height = h - 14
                    done["short"] = ws.title
                if done["indent"] is None and cell.alignment.indent and cell.font.b:
                    al = copy.copy(cell.alignment)
                    al.indent = 0
                    cell.alignment = al
                    done["indent"] = ws.title
    from openpyxl.worksheet.pagebreak import Break
    for ws in wb.worksheets:  # a sheet split after its first column, nothing repeated
        if ws.title not in ("Results", "Summary") and ws.sheet_state == "visible" and ws.print_area:
            ws.col_breaks.append(Break(id=1))
            ws.print_title_cols = None
            done["groups"] = ws.title
            break
    global quiet
    p0, f0 = passed, failed
    quiet = True
    rows(book, wb)
    quiet = False
    fails = failed - f0
    passed, failed = p0, f0
    check(all(done.values()) and fails >= 4, "the rows checks fail on a spoiled copy (%s)" % done, "%d failures" % fails)


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "cols":
        cols(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "formats":
        formats(sys.argv[2], sys.argv[3])
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "sorted":
        sorted_book(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "rows":
        rows(sys.argv[2])
        rows_can_fail(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "charts":
        charts(sys.argv[2])
    elif len(sys.argv) == 5 and sys.argv[1] == "pdf":
        pdf(sys.argv[2], int(sys.argv[3]), None if sys.argv[4] == "-" else float(sys.argv[4]))
    else:
        print(__doc__)
        sys.exit(2)
    print("workbook-layout: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
