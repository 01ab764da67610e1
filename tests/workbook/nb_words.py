#!/usr/bin/python3
"""English words in a Norwegian workbook ([project] language = nb), outside data values.

usage: nb_words.py WORKBOOK.xlsx CONFIG.ini RESULTS.csv [--list]

Reads the xlsx as a zip (no openpyxl needed): sheet names, every text cell of every sheet (shared strings,
inline strings, cached formula text), and the charts' titles, axis names and series names. A text is a data
value, and not scanned, when it is
  - the Results sheet's column names and rows (result vocabulary: SPEC's machine contract, English by design),
  - a line of the config file or a value in it (titles, labels, levels, paths: the user's words), and a value of a
    file the config names (data, a target population, reference shares, anchors),
  - a value of results.csv's text columns module, analysis, outcome, timepoint, term and method (not label: a
    result's label is the module's English sentence, and a sheet other than Results shows it in Norwegian through
    the label table, reports/rpt_msg_label_nb.c),
  - a cell of the Methods sheet's reference column (citations keep their titles),
  - a cell of the Methods sheet's Results rows column (module, analysis and method: result vocabulary).
Every other text must have none of the stop-list's English words. One check per sheet and one for the charts;
prints each word found ("FAIL: Sheet!A1: 'the' in ...") and "workbook-nb: N passed, N failed".
--list prints every text scanned (to see what was looked at).
"""
import csv
import html
import os
import re
import sys
import zipfile

# Words that are English and not Norwegian (so "for", "to", "per", "at", "by", "under", "over", "time", "rate",
# "total", "site" and "all", which Norwegian has too, are left out).
STOP = set("""
the and with of is are was were be been being this that these those which who whom whose what when where why how
than then there their they them its it not no yes or if but because each every between from into onto within without
effect effects difference differences interval intervals summary cost costs benefit benefits trial trials
outcome outcomes result results sheet sheets number numbers mean means ratio ratios estimate estimates lower upper
probability employment employed people participants participant year years month months week weeks day days
analysis analyses value values change changes group groups sites shows shown show see below above here
has have had does did done can could would should may might must will shall
method methods model models missing level levels random randomised randomized observed expected
trial's timepoint timepoints weighted first case cases study real clusters event events errors variance square
arms complete  reference published means frontier extra discounted work way table score review ratios items
intervention interaction horizon without row primary pay health fixed effectiveness acceptability percentage options
analysed against yearly utility synthetic size randomisation programme only member low high weight treatment
transported proportional given curve comparison weights valid user than societal section says sample power imputation
gains gained cumulative coefficient chart care through same restricted resamples probabilistic plane more hazards
freedom formulas follow effective draws degrees covariate covariates conditional columns approximation willingness take
standardised source scores rows reviews proportions own hazard guide file figure differ configuration column classical
chance binary average zero whether valued ties sensitivity next main live input government error earnings counts
correlation continuous configured computation across workbook totals subgroups statistical relative read quadrant
point percentile missingness maximum least jobs gives  factor exchangeable dominance differs correction confidence
computed characteristics attrition assumes absolute whole used unadjusted times taxes simulated set rates production
prediction practice mixed latest intercept information independent independence gross gap forest flow few explained
efficacy discount  denominator cycle curves counted consistency completely cells both beside attains assumptions
area whose versus terms  supports statistic starts specific society sided scored quartiles proportion post pooling
longer linearly leave follows everyone equity end corrected cohort based annual alone after adjustment access working
wages utilities uses unweighted units trust tipping taken tables software smallest since services service rises
resampling resample reports registry's refitted prices possible plus planning permutation periods part paid ones once
observations none negative needed most money middle meaning many lowest longitudinal lie keeps itself integral
incidence hybrid hold heterogeneity heat headline handled half growth greater funds fraction extended excludes equal
employer efficiency divided displacement delivery default controls continuity context constant consistent consensus
budget beyond better bands averages association assignments among alternating along added worth unless unequal typed
true topic tied text tested targets takes swing sweeps supported support steps step statistics squares squared
specialists simulation significant significance shares separately seed secondary search scenarios scaled root
residuals replacement rejected reads ratings quantity quantile quadratic quadrants printed print precision positive
otherwise others other numerator nothing near names name multiplicity moved measure listed lines limits lies leads
joint investment into instead influence includes included grid green good gave frequent flows fit finite files figures
falls exposure exactly evidence ever estimation equally else drives down different description currency covers
coverage converts converted common coefficients code category categorical carries but blue  before bars band
balance averaged attained assumption assumed another anchor also allocation additional actual yellow written
workforce while well weighting untreated unreliable unobserved undiscounted undefined uncertainty uncertain unbiased
truth truncated transport transition threshold stays stayed stay states stated started staff simple sign shifted
several series scoring schedule saving sampling runs rules requested representation share shared employment
specialist leavers  still reached quartile median's adoption staggered aggregate aggregation calendar dynamic
group-time comparisons earlier later never yet not-yet universal varying decomposition forbidden clean timing pooled
random-effects fixed-effects defined input typed jointly multivariate normal's
""".split())

# proper names that hold an English word (an R package), cut out before the scan,
ALLOW = [re.compile(r"R-pakken did\b"),
         re.compile(r"(?<![\w.])/[^\s)]+")]  # and a file's absolute path (the config's, on Provenance)

# an identifier (cost_control, p_adjusted) or a file name (results.csv) is one token
WORD = re.compile(r"[A-Za-z_](?:[A-Za-z0-9_'\-.]*[A-Za-z0-9_])?")


def texts_of_sheet(z, path, shared):
    """(cell, text) for every text cell of a worksheet part."""
    x = z.read(path).decode("utf-8")
    out = []
    for m in re.finditer(r'<c r="([A-Z]+\d+)"([^>]*?)(?:/>|>(.*?)</c>)', x, re.S):
        ref, attrs, body = m.group(1), m.group(2), m.group(3) or ""
        t = re.search(r't="(\w+)"', attrs)
        t = t.group(1) if t else ""
        if t == "s":
            v = re.search(r"<v>(\d+)</v>", body)
            if v:
                out.append((ref, shared[int(v.group(1))]))
        elif t == "inlineStr":
            out.append((ref, html.unescape("".join(re.findall(r"<t[^>]*>(.*?)</t>", body, re.S)))))
        elif t == "str":
            v = re.search(r"<v>(.*?)</v>", body, re.S)
            if v:
                out.append((ref, html.unescape(v.group(1))))
    return out


def col_of(ref):
    return re.match(r"[A-Z]+", ref).group(0)


def row_of(ref):
    return int(re.search(r"\d+", ref).group(0))


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        print("workbook-nb: 0 passed, 1 failed")
        return 1
    xlsx, ini, res = sys.argv[1:4]
    listing = "--list" in sys.argv
    data = set()
    for line in open(ini, encoding="utf-8"):
        data.add(line.rstrip("\r\n"))  # a line of the config as the Provenance sheet shows it
        line = line.strip()
        data.add(line)
        if not line or line[0] in ";#":
            continue
        data.add(line)
        if line.startswith("[") and line.endswith("]"):
            data.add(line[1:-1])  # a section's name
        if "=" in line:
            data.add(line.split("=", 1)[0].strip())  # a key's name (the config's own words)
            v = line.split("=", 1)[1].strip().strip('"')
            data.add(v)
            for part in v.split(","):
                data.add(part.strip())
            for part in v.split("|"):  # "column: Label | column: Label" ([trial] labels)
                part = part.strip()
                data.add(part)
                if ":" in part:
                    data.add(part.split(":", 1)[1].strip())
    # the values of every file the config names (data, a target population, reference shares, anchors: the user's
    # words, which a result's label may quote)
    base = os.path.dirname(os.path.abspath(ini))
    for line in open(ini, encoding="utf-8"):
        m = re.match(r"\s*[A-Za-z_0-9.]+\s*=\s*([^\s;]+)", line)
        path = os.path.join(base, m.group(1)) if m else ""
        if m and os.path.isfile(path) and path.endswith((".csv", ".tsv", ".txt")):
            with open(path, encoding="utf-8", errors="replace") as f:
                for row in csv.reader(f):
                    data.update(c.strip() for c in row)
    with open(res, encoding="utf-8") as f:
        rd = csv.DictReader(f)
        for row in rd:
            for k in ("module", "analysis", "outcome", "timepoint", "term", "method"):
                if row.get(k):
                    data.add(row[k])

    # every config key (docs/config.md, generated from the parser's table): the config's own vocabulary, shown
    # where the workbook names the key an input came from
    doc = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "config.md")
    if os.path.exists(doc):
        for k, rng in re.findall(r"^\| `([A-Za-z0-9_.]+)` \|[^|]*\|[^|]*\|([^|]*)\|", open(doc, encoding="utf-8").read(),
                                 re.M):
            data.add(k)
            data.update(w.strip() for w in rng.split(",") if re.fullmatch(r"\s*[a-z_0-9]+\s*", w))  # a choice's words
    # data values inside a sentence (a label, a level, a name from the config or the data): cut out before the scan
    for v in list(data):
        data.add(v.replace("_", " "))
    inner = sorted((v for v in data if (len(v) >= 6 or (len(v) >= 4 and v[0].isupper())) and re.search(r"[A-Za-z]{3}", v)),
                   key=len, reverse=True)

    z = zipfile.ZipFile(xlsx)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        ss = z.read("xl/sharedStrings.xml").decode("utf-8")
        for si in re.findall(r"<si>(.*?)</si>", ss, re.S):
            shared.append(html.unescape("".join(re.findall(r"<t[^>]*>(.*?)</t>", si, re.S))))
    wb = z.read("xl/workbook.xml").decode("utf-8")
    # the workbook's defined names (identifiers its formulas use, shown beside the cells they name)
    data.update(html.unescape(n) for n in re.findall(r'<definedName name="([^"]+)"', wb))
    rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    sheets = []
    for name, rid in re.findall(r'<sheet name="([^"]*)" sheetId="\d+" r:id="(rId\d+)"', wb):
        target = re.search(r'Id="%s" Type="[^"]+" Target="([^"]+)"' % rid, rels).group(1)
        sheets.append((html.unescape(name), "xl/" + target))

    passed = failed = 0
    found_total = 0
    scanned = 0

    def scan(where, text):
        nonlocal found_total, scanned
        scanned += 1
        if listing:
            print("TEXT: %s: %s" % (where, text))
        for a in ALLOW:
            text = a.sub(" ", text)
        for v in inner:
            if v in text:
                text = text.replace(v, " ")
        # an abbreviation in capitals (OR, RR) is no word
        words = [w for w in WORD.findall(text) if w.lower().strip("'-") in STOP and not (w.isupper() and len(w) <= 4)]
        for wd in words:
            print("FAIL: %s: '%s' in %r" % (where, wd, text[:160]))
        found_total += len(words)
        return len(words)

    names = [n for n, _ in sheets]
    # Sheet names
    bad = sum(scan("sheet name", n) for n in names)
    if bad:
        failed += 1
    else:
        passed += 1
    results_name = names[-3] if len(names) >= 3 else None  # Results, Methods, Provenance close the workbook
    methods_name = names[-2] if len(names) >= 2 else None
    for name, part in sheets:
        cells = texts_of_sheet(z, part, shared)
        skip_cols = set()
        if name == methods_name:
            # the header row of the methods table (its fifth column, the Results rows, in the first rows): the
            # reference column (C, citations) and the Results rows (E, result vocabulary) are not scanned
            for ref, t in cells:
                if col_of(ref) == "E" and row_of(ref) <= 6:
                    skip_cols = {"C", "E"}
                    head_row = row_of(ref)
                    break
        n_bad = 0
        for ref, t in cells:
            t = t.strip()
            if not t or t in data or all(p.strip() in data for p in t.split(": ")):
                continue  # a data value, or data values joined by ": " (an arm and a state)
            if name == results_name and not (row_of(ref) == 1 and len(t) > 40):
                continue  # result vocabulary; its one note is scanned
            if name == methods_name and skip_cols and col_of(ref) in skip_cols and row_of(ref) > head_row:
                continue
            n_bad += scan("%s!%s" % (name, ref), t)
        if n_bad:
            failed += 1
        else:
            passed += 1
    # Charts: titles, axis names, series names (rich text and literal series names)
    n_bad = 0
    for part in sorted(p for p in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", p)):
        x = z.read(part).decode("utf-8")
        txt = re.findall(r"<a:t>(.*?)</a:t>", x, re.S)
        for tx in re.findall(r"<c:tx>(.*?)</c:tx>", x, re.S):
            if "<c:strRef>" not in tx:
                txt += re.findall(r"<c:v>(.*?)</c:v>", tx, re.S)
        for t in txt:
            t = html.unescape(t).lstrip("\u200b")
            if t and t not in data and not all(p.strip() in data for p in t.split(": ")):
                n_bad += scan(part.split("/")[-1], t)
    if n_bad:
        failed += 1
    else:
        passed += 1
    print("INFO: %d texts scanned on %d sheets and %d charts; %d English words found"
          % (scanned, len(sheets), len([p for p in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", p)]),
             found_total))
    print("workbook-nb: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
