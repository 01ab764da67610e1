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
print("msg-coverage: %d passed, %d failed" % (checked - len(miss), len(miss) + (0 if ok else 1)))
sys.exit(1 if miss or not ok else 0)
