#!/usr/bin/python3
"""Coverage of the workbook's message table (reports/rpt_msg_nb.c): every text the sheet writers give literally to
a translating helper (rpt_trf's format, rpt_put_text's and rpt_merge_text's text, rpt_tr's and rpt_chart_tr's text)
is a key of the table, so a Norwegian workbook ([project] language = nb) never shows it in English. The method
descriptions are checked by tests/unit/test_msg.c; texts built at run time by tests/workbook/nb_words.py on the
workbooks. String macros of reports/*.h (RPT_EM_DASH) are expanded. No build needed; prints
"msg-coverage: N passed, N failed".

usage: msg_coverage.py [ROOT]
"""
import re, glob, sys
R = (sys.argv[1] if len(sys.argv) > 1 else '.').rstrip('/') + '/'
def unesc(s):
    b = bytearray(); i = 0
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            d = s[i+1]
            if d == 'x':
                j = i + 2
                while j < len(s) and j < i + 4 and s[j] in '0123456789abcdefABCDEF': j += 1
                b.append(int(s[i+2:j], 16)); i = j; continue
            b += {'n': b'\n', 't': b'\t'}.get(d, d.encode()); i += 2; continue
        b += c.encode('utf-8'); i += 1
    return b.decode('utf-8', 'replace')
src=open(R+'reports/rpt_msg_nb.c').read()
keys=set()
for m in re.finditer(r'\{\s*((?:"(?:[^"\\]|\\.)*"\s*)+),', src):
    keys.add(unesc(''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)))))
LIT=r'((?:"(?:[^"\\\n]|\\.)*"\s*)+)'
pats={'rpt_trf':re.compile(r'rpt_trf\(\s*[^,]+,\s*[^,]+,\s*[^,]+,\s*'+LIT),
      'rpt_put_text':re.compile(r'rpt_put_text\(\s*[^,]+,\s*[^,]+,\s*[^,]+,\s*[^,]+,\s*'+LIT),
      'rpt_merge_text':re.compile(r'rpt_merge_text\(\s*[^,]+,\s*[^,]+,\s*[^,]+,\s*[^,]+,\s*[^,]+,\s*'+LIT),
      'rpt_tr':re.compile(r'rpt_tr\(\s*[^,]+,\s*'+LIT),
      'rpt_chart_tr':re.compile(r'rpt_chart_tr\(\s*[^,]+,\s*'+LIT)}
macros={}
for h in glob.glob(R+'reports/*.h'):
    for m in re.finditer(r'#define (RPT_[A-Z_0-9]+) ("(?:[^"\\]|\\.)*")', open(h).read()):
        macros[m.group(1)]=m.group(2)
def subst(s):
    for k,v in macros.items():
        s=re.sub(r'(?<=")(\s*)'+k+r'\b', lambda m: m.group(1)+v, s)
        s=re.sub(r'\b'+k+r'(\s*)(?=")', lambda m: v+m.group(1), s)
    return s
src=subst(src)
keys=set()
for m in re.finditer(r'\{\s*((?:"(?:[^"\\]|\\.)*"\s*)+),', src):
    keys.add(unesc(''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)))))
miss=[]
found=[]
for f in sorted(glob.glob(R+'reports/*.c')):
    if 'rpt_msg' in f: continue
    s=subst(open(f).read())
    for k,p in pats.items():
        for m in p.finditer(s):
            t=unesc(''.join(re.findall(r'"((?:[^"\\\n]|\\.)*)"', m.group(1))))
            if not re.search(r'[A-Za-z]{2}', t): continue
            found.append(t)
            if t not in keys:
                line=s[:m.start()].count('\n')+1
                miss.append((f.split('/')[-1],line,k,t))
checked = len(found)
for x in miss:
    print("FAIL: %s:%d: %s text not in the message table: %r" % (x[0], x[1], x[2], x[3]))
ok = checked > 500 and len(keys) > 1000
print("INFO: %d literal texts of reports/*.c checked against %d messages; %d missing" % (checked, len(keys), len(miss)))
if not ok:
    print("FAIL: the scan found too few texts or messages (%d, %d): the patterns no longer match the code" % (checked, len(keys)))

# The label table (reports/rpt_msg_label_nb.c): every entry's English is the modules' own text, so an entry whose
# module text changed is found here (its Norwegian would no longer be used). An entry is a part of one format literal
# of a module (rct/ cba/ cea/ meta/ fidelity/ practice/ realworld/ cli/ stats/), conversions included; or, for a
# label the module builds of pieces, "%s" at an end for the part before or after it, or an instance of one such literal (its separators in front or behind left out)
# whose %s stand for pieces ("%zu items over %zu %s with every item scored; Feldt interval" of "%zu items over %zu
# %s%s; Feldt interval"), the literal's own words at least 12 letters. A piece (PART: only ever an argument) is a
# whole literal, the one the module passes.
CONV = re.compile(r"%(?:\d+\$)?[-+ #0']*\d*(?:\.\d+)?(?:hh|h|ll|l|z|j|t|L)?[diouxXfFeEgGsc]")
lsrc = open(R + 'reports/rpt_msg_label_nb.c').read()
labels = []
for m in re.finditer(r'\{\s*((?:"(?:[^"\\]|\\.)*"\s*)+),\s*((?:"(?:[^"\\]|\\.)*"\s*)+)(,\s*PART)?', lsrc):
    line = lsrc[:m.start()].count('\n') + 1
    labels.append((line, unesc(''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)))), bool(m.group(3))))
lits = set()
for d in ('rct', 'cba', 'cea', 'meta', 'fidelity', 'practice', 'realworld', 'cli', 'stats'):
    for f in glob.glob(R + d + '/*.c'):
        for m in re.finditer(LIT, open(f).read()):
            lits.add(unesc(''.join(re.findall(r'"((?:[^"\\\n]|\\.)*)"', m.group(1)))))
lits.discard('')
joined = '\0' + '\0'.join(sorted(lits)) + '\0'
def pattern(lit):
    """lit as a regular expression: its %s any text, every other conversion itself, a separator at either end
    optional; None when its own words are too few to tell it apart."""
    body = lit.strip(';:, ')
    words = re.sub(CONV, '', body)
    if len(re.findall(r'[A-Za-z]', words)) < 12:
        return None
    out, i = [], 0
    for m in CONV.finditer(body):
        out.append(re.escape(body[i:m.start()]))
        out.append('(?s:.*?)' if m.group(0) == '%s' else re.escape(m.group(0)))
        i = m.end()
    out.append(re.escape(body[i:]))
    return re.compile(''.join(out))
pats = [p for p in (pattern(l) for l in lits if '%s' in l) if p]
def core(t):
    return re.sub(r'^(%s)+|(%s)+$', '', t)  # "%s" at an end stands for the part of the label before or after it
whole = set(core(l) for l in lits)
def covered(en, part):
    # a piece (PART) is a whole literal, the one a module passes as the argument; any other entry a part of one
    return (core(en) in whole if part else core(en) in joined) or any(p.fullmatch(en) for p in pats)
stale = []
for line, en, part in labels:
    if not covered(en, part):
        stale.append((line, en))
for line, en in stale:
    print("FAIL: rpt_msg_label_nb.c:%d: label %r is no module's text (the module changed the label? update the "
          "entry)" % (line, en[:120]))
lok = len(labels) > 100 and len(lits) > 1000
print("INFO: %d label formats checked against %d literals of the modules; %d no module's text"
      % (len(labels), len(lits), len(stale)))
if not lok:
    print("FAIL: the label scan found too few entries or module texts (%d, %d)" % (len(labels), len(lits)))
print("msg-coverage: %d passed, %d failed" % (checked - len(miss) + len(labels) - len(stale),
                                             len(miss) + len(stale) + (0 if ok else 1) + (0 if lok else 1)))
sys.exit(1 if miss or stale or not ok or not lok else 0)
