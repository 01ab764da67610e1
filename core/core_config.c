/* The INI configuration: one pass over the text for lines, duplicates, unknown names and values (read by
 * iniparser 4.1's rules, which earlier versions of this file used, but kept in a hash table: a linear
 * dictionary made a config of 20,000 sections take most of a minute); strict typed getters. */
#include "core/core_config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <stdint.h>
#include <sys/stat.h>

#include "core/core_table.h"
#include "core/core_text.h"

#define INI_MAX_LINE 1023 /* iniparser 4.1's ASCIILINESZ: the line length INI files have been held to */

typedef struct cfg_entry {
    char *section; /* lower case */
    char *key;     /* lower case; NULL for the section header itself */
    char *value;   /* the value (NULL for a section header) */
    int line;
} cfg_entry;

struct core_config {
    char *path;
    char *dir;
    char *text;
    cfg_entry *entries;
    size_t n_entries, cap;
    size_t *slot;         /* hash index over entries: entry index + 1, 0 = empty; a power of two long */
    size_t n_slot;
    char **sections;      /* original case, file order */
    size_t n_sections, cap_sections;
    const core_cfg_section *schema; /* the schema it was loaded with (static tables) */
    size_t n_schema;
};

/* ---------- small helpers ---------- */

static char *lower_dup(const char *s, size_t len)
{
    char *d = malloc(len + 1);
    if (!d)
        return NULL;
    for (size_t i = 0; i < len; i++)
        d[i] = (char)tolower((unsigned char)s[i]);
    d[len] = '\0';
    return d;
}

static const char *skip_space(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

size_t core_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t *prev = malloc((lb + 1) * sizeof *prev), *cur = malloc((lb + 1) * sizeof *cur);
    if (!prev || !cur) {
        free(prev);
        free(cur);
        return (size_t)-1;
    }
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        size_t *t = prev;
        prev = cur;
        cur = t;
    }
    size_t d = prev[lb];
    free(prev);
    free(cur);
    return d;
}

/* Glob with at most one '*'. */
static int glob1(const char *pat, const char *s)
{
    const char *star = strchr(pat, '*');
    if (!star)
        return strcasecmp(pat, s) == 0;
    size_t pre = (size_t)(star - pat), post = strlen(star + 1), ls = strlen(s);
    if (ls < pre + post + 1)
        return 0;
    return strncasecmp(pat, s, pre) == 0 && strcasecmp(star + 1, s + ls - post) == 0;
}

const core_cfg_section *core_cfg_section_find(const core_cfg_section *schema, size_t n, const char *sec)
{
    for (size_t i = 0; i < n; i++) {
        const char *nm = schema[i].name;
        size_t l = strlen(nm);
        if (l >= 2 && strcmp(nm + l - 2, ":*") == 0) {
            if (strncasecmp(nm, sec, l - 1) == 0 && sec[l - 1] != '\0')
                return &schema[i];
        } else if (strcasecmp(nm, sec) == 0) {
            return &schema[i];
        }
    }
    return NULL;
}

const core_cfg_key *core_cfg_find(const core_cfg_section *schema, size_t n, const char *section, const char *key)
{
    const core_cfg_section *s = core_cfg_section_find(schema, n, section);
    if (!s)
        return NULL;
    for (int t = 0; t < 2; t++)
        for (const core_cfg_key *k = t ? s->more : s->keys; k && k->name; k++)
            if (glob1(k->name, key))
                return k;
    return NULL;
}

const char *core_cfg_nearest(const char *const *cands, size_t n, const char *word)
{
    /* A word that begins a valid name is that name cut short ('discount' for 'discount_rate'): the edit
     * distance of the missing tail would be too large to suggest it. The shortest such name wins. */
    size_t lw = strlen(word);
    const char *best = NULL;
    if (lw >= 3)
        for (size_t i = 0; i < n; i++)
            if (strncasecmp(cands[i], word, lw) == 0 && strlen(cands[i]) > lw &&
                (!best || strlen(cands[i]) < strlen(best)))
                best = cands[i];
    if (best)
        return best;
    size_t bd = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        size_t d = core_edit_distance(cands[i], word);
        if (d < bd) {
            bd = d;
            best = cands[i];
        }
    }
    /* Only suggest when the guess is plausibly a typo. */
    if (best && bd <= (lw < 6 ? 2 : lw / 2))
        return best;
    return NULL;
}

/* FNV-1a over the lower-cased section, a separator, and the lower-cased key ("\x01" for a header). */
static uint64_t entry_hash(const char *section, const char *key)
{
    uint64_t h = 1469598103934665603ULL;
    for (const char *q = section; *q; q++)
        h = (h ^ (unsigned char)tolower((unsigned char)*q)) * 1099511628211ULL;
    h = (h ^ 0xFFu) * 1099511628211ULL;
    if (!key)
        return (h ^ 0x01u) * 1099511628211ULL;
    for (const char *q = key; *q; q++)
        h = (h ^ (unsigned char)tolower((unsigned char)*q)) * 1099511628211ULL;
    return h;
}

static void slot_put(size_t *slot, size_t n_slot, const cfg_entry *e, size_t index)
{
    size_t mask = n_slot - 1, h = (size_t)entry_hash(e->section, e->key) & mask;
    while (slot[h])
        h = (h + 1) & mask;
    slot[h] = index + 1;
}

static const char *nearest(const char *const *cands, size_t n, const char *word)
{
    return core_cfg_nearest(cands, n, word);
}

static const char *const type_names[] = {"text", "file", "column", "columns", "number", "whole number",
                                         "yes/no", "choice", "list", "distribution"};

const char *core_cfg_type_name(core_cfg_type type)
{
    return (unsigned)type < sizeof type_names / sizeof type_names[0] ? type_names[type] : "?";
}

int core_cfg_interval(const char *range, double *lo, double *hi, int *lo_open, int *hi_open)
{
    if (!range)
        return 0;
    const char *s = skip_space(range);
    if (*s != '[' && *s != '(')
        return 0;
    *lo_open = *s == '(';
    const char *comma = strchr(s, ',');
    size_t l = strlen(s);
    while (l > 0 && isspace((unsigned char)s[l - 1]))
        l--;
    if (!comma || l < 2 || (s[l - 1] != ']' && s[l - 1] != ')'))
        return 0;
    *hi_open = s[l - 1] == ')';
    char a[64], b[64];
    size_t la = (size_t)(comma - s - 1), lb = (size_t)(s + l - 1 - comma - 1);
    if (la >= sizeof a || lb >= sizeof b)
        return 0;
    memcpy(a, s + 1, la);
    a[la] = '\0';
    memcpy(b, comma + 1, lb);
    b[lb] = '\0';
    const char *pa = skip_space(a), *pb = skip_space(b);
    char *e;
    for (char *q = a + la; q > a && isspace((unsigned char)q[-1]); q--)
        q[-1] = '\0';
    for (char *q = b + lb; q > b && isspace((unsigned char)q[-1]); q--)
        q[-1] = '\0';
    if (strcmp(pa, "-inf") == 0)
        *lo = -INFINITY;
    else if (*lo = strtod(pa, &e), e == pa || *e)
        return 0;
    if (strcmp(pb, "inf") == 0)
        *hi = INFINITY;
    else if (*hi = strtod(pb, &e), e == pb || *e)
        return 0;
    return *lo <= *hi;
}

static int add_entry(core_config *c, const char *section, const char *key, size_t klen, int line)
{
    if (c->n_entries == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 64;
        cfg_entry *e = realloc(c->entries, cap * sizeof *e);
        if (!e)
            return 0;
        c->entries = e;
        c->cap = cap;
    }
    if (2 * (c->n_entries + 1) > c->n_slot) { /* load factor at most 1/2 */
        size_t n = c->n_slot ? 2 * c->n_slot : 128;
        size_t *ns = calloc(n, sizeof *ns);
        if (!ns)
            return 0;
        for (size_t i = 0; i < c->n_entries; i++)
            slot_put(ns, n, &c->entries[i], i);
        free(c->slot);
        c->slot = ns;
        c->n_slot = n;
    }
    cfg_entry *e = &c->entries[c->n_entries];
    e->section = lower_dup(section, strlen(section));
    e->key = key ? lower_dup(key, klen) : NULL;
    e->value = NULL;
    e->line = line;
    if (!e->section || (key && !e->key)) {
        free(e->section);
        free(e->key);
        return 0;
    }
    slot_put(c->slot, c->n_slot, e, c->n_entries);
    c->n_entries++;
    return 1;
}

static const cfg_entry *find_entry(const core_config *c, const char *section, const char *key)
{
    if (!c->n_slot)
        return NULL;
    size_t mask = c->n_slot - 1, h = (size_t)entry_hash(section, key) & mask;
    for (; c->slot[h]; h = (h + 1) & mask) {
        const cfg_entry *e = &c->entries[c->slot[h] - 1];
        if (strcasecmp(e->section, section) != 0)
            continue;
        if (!key ? e->key == NULL : (e->key && strcasecmp(e->key, key) == 0))
            return e;
    }
    return NULL;
}

/* The value of a 'key = value' line (whole logical line, continuation joined, stripped), by iniparser
 * 4.1's rules: after '=' and spaces, a value in double or single quotes is the text up to the matching
 * quote (spaces kept; the rest of the line ignored; an unclosed quote runs to the end); otherwise the
 * text up to the first ';' or '#', stripped, and "" or '' mean empty. */
static char *ini_value(const char *line)
{
    const char *v = strchr(line, '=');
    if (!v)
        return strdup("");
    v++;
    while (isspace((unsigned char)*v))
        v++;
    if ((*v == '"' || *v == '\'') && v[1] != '\0' && v[1] != *v) {
        const char *q = v + 1, *e = strchr(q, *v);
        return strndup(q, e ? (size_t)(e - q) : strlen(q));
    }
    size_t n = strcspn(v, ";#");
    while (n > 0 && isspace((unsigned char)v[n - 1]))
        n--;
    if (n == 2 && ((v[0] == '"' && v[1] == '"') || (v[0] == '\'' && v[1] == '\'')))
        n = 0;
    return strndup(v, n);
}

/* Offset of the first byte of s[0..n) that breaks UTF-8 (core_utf8_len); n when the text is clean. */
static size_t utf8_bad(const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, k;
    while (i < n && (k = core_utf8_len(s + i, n - i)) > 0)
        i += k;
    return i;
}

static char *read_file(const char *path, core_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        core_err_set(err, errno == ENOENT ? CORE_ERR_USAGE : CORE_ERR_CONFIG, "%s: cannot open the config file: %s",
                     path, strerror(errno));
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        core_err_set(err, CORE_ERR_NOMEM, "%s: out of memory", path);
        return NULL;
    }
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n > CORE_CONFIG_MAX_BYTES) { /* /dev/zero, a data file named by mistake: refuse, do not grow */
            free(buf);
            fclose(f);
            core_err_set(err, CORE_ERR_CONFIG,
                         "%s: the config file is larger than %d MiB; a config is a small text file (is this "
                         "the right file?)",
                         path, CORE_CONFIG_MAX_BYTES >> 20);
            return NULL;
        }
        if (cap - n - 1 == 0) {
            char *b = realloc(buf, cap * 2);
            if (!b) {
                free(buf);
                fclose(f);
                core_err_set(err, CORE_ERR_NOMEM, "%s: out of memory", path);
                return NULL;
            }
            buf = b;
            cap *= 2;
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        core_err_set(err, CORE_ERR_CONFIG, "%s: cannot read the config file", path);
        return NULL;
    }
    buf[n] = '\0';
    if (strlen(buf) != n) {
        free(buf);
        core_err_set(err, CORE_ERR_CONFIG, "%s: contains a NUL byte; a config is a plain-text UTF-8 file", path);
        return NULL;
    }
    /* Text that is not UTF-8 (a Latin-1 'Bodø') would be copied as is into the workbook's XML and make
     * the .xlsx unreadable (found by fuzz_config, issue 10): refuse it, naming the line. */
    size_t bad_at = utf8_bad(buf, n);
    if (bad_at < n) {
        int line = 1;
        for (size_t i = 0; i < bad_at; i++)
            line += buf[i] == '\n';
        core_err_set(err, CORE_ERR_CONFIG,
                     "%s:%d: byte 0x%02X is not valid UTF-8 (Latin-1 or Windows-1252?); save the config as UTF-8",
                     path, line, (unsigned)(unsigned char)buf[bad_at]);
        free(buf);
        return NULL;
    }
    return buf;
}

/* Walk the text line by line: sections, keys, duplicates, long lines, schema. */
static core_status prescan(core_config *c, const core_cfg_section *schema, size_t n_schema, core_err *err)
{
    const char *p = c->text;
    if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
        p += 3;
    char section[256] = "";
    const core_cfg_section *cur = NULL;
    int line = 0, continued = 0;
    while (*p) {
        line++;
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        size_t tlen = len;
        if (tlen > 0 && p[tlen - 1] == '\r')
            tlen--;
        if (tlen > INI_MAX_LINE)
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s:%d: line is %zu characters long; the INI reader takes at most %d. Put long "
                                "lists in a CSV file and point the key to it",
                                c->path, line, tlen, INI_MAX_LINE);
        char buf[INI_MAX_LINE + 1];
        memcpy(buf, p, tlen);
        buf[tlen] = '\0';
        p = eol ? eol + 1 : p + len;
        int was_continued = continued;
        size_t bl = strlen(buf);
        while (bl > 0 && isspace((unsigned char)buf[bl - 1]))
            buf[--bl] = '\0';
        continued = bl > 0 && buf[bl - 1] == '\\';
        /* iniparser joins the next line over the last '\\', so a line ending with several would go on
         * joining lines the pre-scan reads apart (a [section] swallowed into a value; found by fuzz_config) */
        if (continued && bl > 1 && buf[bl - 2] == '\\')
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s:%d: the line ends with more than one '\\'; one '\\' at the end continues a "
                                "value on the next line: remove the others",
                                c->path, line);
        if (was_continued)
            continue;
        const char *s = skip_space(buf);
        if (*s == '\0' || *s == ';' || *s == '#')
            continue;
        if (*s == '[') {
            const char *close = strchr(s, ']');
            if (!close)
                return core_err_set(err, CORE_ERR_CONFIG, "%s:%d: section header '%s' has no closing ']'", c->path,
                                    line, s);
            /* iniparser takes a line as a section only when it ends with ']': '[project] title = x' would
             * be read as a key and every key below it land in another section (found by fuzz_config) */
            const char *after = skip_space(close + 1);
            /* iniparser joins a line ending with '\\' to the next before it looks for a header, so a header
             * whose comment ends with '\\' would swallow the next line (found by fuzz_config) */
            if (*after && continued)
                return core_err_set(err, CORE_ERR_CONFIG,
                                    "%s:%d: the section header's line ends with '\\', which would join the next "
                                    "line to it; remove the '\\'",
                                    c->path, line);
            if (*after && *after != ';' && *after != '#') /* a comment after the header is fine (SPEC §2) */
                return core_err_set(err, CORE_ERR_CONFIG,
                                    "%s:%d: text '%s' after the section header; put it on a line of its own",
                                    c->path, line, after);
            const char *a = skip_space(s + 1);
            const char *b = close;
            while (b > a && isspace((unsigned char)b[-1]))
                b--;
            size_t sl = (size_t)(b - a);
            if (sl == 0 || sl >= sizeof section)
                return core_err_set(err, CORE_ERR_CONFIG, "%s:%d: empty or overlong section name", c->path, line);
            memcpy(section, a, sl);
            section[sl] = '\0';
            cfg_entry const *dup = find_entry(c, section, NULL);
            if (dup)
                return core_err_set(err, CORE_ERR_CONFIG,
                                    "%s:%d: section [%s] is given twice (first on line %d); merge the two", c->path,
                                    line, section, dup->line);
            cur = core_cfg_section_find(schema, n_schema, section);
            if (!cur) {
                const char *names[64] = {0};
                size_t nn = 0;
                for (size_t i = 0; i < n_schema && nn < 64; i++)
                    names[nn++] = schema[i].name;
                const char *near = nearest(names, nn, section);
                char valid[1024] = "";
                for (size_t i = 0; i < nn; i++) {
                    strncat(valid, i ? ", " : "", sizeof valid - strlen(valid) - 1);
                    strncat(valid, names[i], sizeof valid - strlen(valid) - 1);
                }
                if (near)
                    return core_err_set(err, CORE_ERR_CONFIG, "%s:%d: unknown section [%s]; did you mean [%s]?",
                                        c->path, line, section, near);
                return core_err_set(err, CORE_ERR_CONFIG, "%s:%d: unknown section [%s]; valid sections: %s",
                                    c->path, line, section, valid);
            }
            if (c->n_sections == c->cap_sections) {
                size_t ncap = c->cap_sections ? 2 * c->cap_sections : 16;
                char **secs = realloc(c->sections, ncap * sizeof *secs);
                if (!secs)
                    return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                c->sections = secs;
                c->cap_sections = ncap;
            }
            char **secs = c->sections;
            if (!(secs[c->n_sections] = strdup(section)))
                return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            c->n_sections++;
            if (!add_entry(c, section, NULL, 0, line))
                return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            continue;
        }
        const char *eq = strchr(s, '=');
        if (!eq)
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s:%d: '%s' is neither a [section] nor a 'key = value' line", c->path, line, s);
        const char *ke = eq;
        while (ke > s && isspace((unsigned char)ke[-1]))
            ke--;
        size_t klen = (size_t)(ke - s);
        char key[256];
        if (klen == 0 || klen >= sizeof key)
            return core_err_set(err, CORE_ERR_CONFIG, "%s:%d: a key name is missing before '='", c->path, line);
        memcpy(key, s, klen);
        key[klen] = '\0';
        if (!cur)
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s:%d: key '%s' comes before any [section]; put it under the section it belongs to",
                                c->path, line, key);
        const cfg_entry *dup = find_entry(c, section, key);
        if (dup)
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s:%d: key '%s' is given twice in [%s] (first on line %d); keep one", c->path,
                                line, key, section, dup->line);
        if (!core_cfg_find(cur, 1, section, key)) {
            /* the suggestion first; the whole list only when it is short (a long one hides the answer) */
            const char *names[256] = {0};
            size_t nk = 0;
            for (int tb = 0; tb < 2; tb++)
                for (const core_cfg_key *k = tb ? cur->more : cur->keys; k && k->name && nk < 256; k++)
                    names[nk++] = k->name;
            const char *near = nearest(names, nk, key);
            char valid[1024] = "";
            for (size_t i = 0; i < nk; i++) {
                strncat(valid, i ? ", " : "", sizeof valid - strlen(valid) - 1);
                strncat(valid, names[i], sizeof valid - strlen(valid) - 1);
            }
            char sec_help[300];
            snprintf(sec_help, sizeof sec_help, "%.*s", (int)strcspn(cur->name, ":"), cur->name);
            if (near)
                return core_err_set(err, CORE_ERR_CONFIG,
                                    "%s:%d: unknown key '%s' in [%s]; did you mean '%s'? (all keys: ipseval help %s)",
                                    c->path, line, key, section, near, sec_help);
            if (nk > 12)
                return core_err_set(err, CORE_ERR_CONFIG,
                                    "%s:%d: unknown key '%s' in [%s]; no valid key is close: 'ipseval help %s' lists "
                                    "the %zu keys of [%s]",
                                    c->path, line, key, section, sec_help, nk, cur->name);
            return core_err_set(err, CORE_ERR_CONFIG, "%s:%d: unknown key '%s' in [%s]; valid keys: %s", c->path,
                                line, key, section, valid);
        }
        if (!add_entry(c, section, key, klen, line))
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        /* the value, from the logical line: a line ending with '\\' goes on with the next one (its text
         * replaces the '\\', leading spaces kept), as iniparser joined them */
        char *logical = NULL;
        if (continued) {
            size_t ll = strlen(s) - 1, lcap = ll + INI_MAX_LINE + 2;
            if (!(logical = malloc(lcap)))
                return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            memcpy(logical, s, ll);
            logical[ll] = '\0';
            for (const char *q = p; *q;) {
                const char *e2 = strchr(q, '\n');
                size_t l2 = e2 ? (size_t)(e2 - q) : strlen(q);
                const char *next = e2 ? e2 + 1 : q + l2;
                while (l2 > 0 && isspace((unsigned char)q[l2 - 1]))
                    l2--;
                if (l2 > INI_MAX_LINE)
                    break; /* the pre-scan refuses that line itself */
                if (ll + l2 + 1 > lcap) {
                    lcap = 2 * (ll + l2 + 1);
                    char *nl = realloc(logical, lcap);
                    if (!nl) {
                        free(logical);
                        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                    }
                    logical = nl;
                }
                memcpy(logical + ll, q, l2);
                ll += l2;
                logical[ll] = '\0';
                q = next;
                if (l2 > 0 && logical[ll - 1] == '\\')
                    logical[--ll] = '\0';
                else
                    break;
            }
            while (ll > 0 && isspace((unsigned char)logical[ll - 1]))
                logical[--ll] = '\0';
        }
        char *value = ini_value(logical ? logical : s);
        free(logical);
        if (!value)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        c->entries[c->n_entries - 1].value = value;
    }
    /* iniparser drops a value whose last line ends with the continuation '\' at the end of the file: the
     * key would be listed but have no value (found by fuzz_config) */
    if (continued)
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s:%d: the last line ends with '\\' (continued on the next line) but no line follows; "
                            "remove the '\\'",
                            c->path, line);
    return CORE_OK;
}

core_config *core_config_load(const char *path, const core_cfg_section *schema, size_t n_sections, core_err *err)
{
    core_config *c = calloc(1, sizeof *c);
    if (!c) {
        core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        return NULL;
    }
    c->path = strdup(path);
    const char *slash = strrchr(path, '/');
    if (!slash)
        c->dir = strdup(".");
    else
        c->dir = strndup(path, slash == path ? 1 : (size_t)(slash - path));
    if (!c->path || !c->dir) {
        core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto fail;
    }
    if (!(c->text = read_file(path, err)))
        goto fail;
    c->schema = schema;
    c->n_schema = n_sections;
    if (prescan(c, schema, n_sections, err) != CORE_OK)
        goto fail;
    return c;
fail:
    core_config_free(c);
    return NULL;
}

void core_config_free(core_config *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_entries; i++) {
        free(c->entries[i].section);
        free(c->entries[i].key);
        free(c->entries[i].value);
    }
    free(c->slot);
    for (size_t i = 0; i < c->n_sections; i++)
        free(c->sections[i]);
    free(c->sections);
    free(c->entries);
    free(c->text);
    free(c->path);
    free(c->dir);
    free(c);
}

const char *core_config_path(const core_config *c) { return c->path; }
const char *core_config_text(const core_config *c) { return c->text; }
size_t core_config_n_sections(const core_config *c) { return c->n_sections; }
const char *core_config_section_name(const core_config *c, size_t i) { return i < c->n_sections ? c->sections[i] : NULL; }

int core_config_has_section(const core_config *c, const char *section)
{
    return find_entry(c, section, NULL) != NULL;
}

int core_config_has(const core_config *c, const char *section, const char *key)
{
    return find_entry(c, section, key) != NULL;
}

int core_config_line(const core_config *c, const char *section, const char *key)
{
    const cfg_entry *e = find_entry(c, section, key);
    return e ? e->line : 0;
}

const char *core_config_where(const core_config *c, const char *section, const char *key, char *buf, size_t size)
{
    int line = core_config_line(c, section, key);
    if (!key)
        snprintf(buf, size, "%s:%d: [%s]", c->path, line, section);
    else if (line)
        snprintf(buf, size, "%s:%d: key '%s' in [%s]", c->path, line, key, section);
    else {
        int sl = core_config_line(c, section, NULL);
        snprintf(buf, size, "%s:%d: key '%s' in [%s]", c->path, sl, key, section);
    }
    return buf;
}

const char *core_config_str(const core_config *c, const char *section, const char *key, const char *def)
{
    const cfg_entry *e = find_entry(c, section, key);
    return e && e->value ? e->value : def;
}

core_status core_config_str_req(const core_config *c, const char *section, const char *key, const char **out,
                                core_err *err)
{
    const char *v = core_config_str(c, section, key, NULL);
    char where[600];
    if (!v || !*v)
        return core_err_set(err, CORE_ERR_CONFIG, "%s: is required%s", core_config_where(c, section, key, where, sizeof where),
                            v ? " and must not be empty" : " but missing");
    *out = v;
    return CORE_OK;
}

core_status core_config_double(const core_config *c, const char *section, const char *key, double def, double lo,
                               double hi, int lo_open, int hi_open, double *out, core_err *err)
{
    const char *v = core_config_str(c, section, key, NULL);
    if (!v) {
        *out = def;
        return CORE_OK;
    }
    char where[600];
    double x;
    if (!core_parse_double(v, '.', &x))
        return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not a number (write e.g. 0.95, with a '.' decimal)",
                            core_config_where(c, section, key, where, sizeof where), v);
    int below = lo_open ? !(x > lo) : !(x >= lo), above = hi_open ? !(x < hi) : !(x <= hi);
    if (below || above) {
        char range[128];
        snprintf(range, sizeof range, "%s%g, %g%s", lo_open ? "(" : "[", lo, hi, hi_open ? ")" : "]");
        return core_err_set(err, CORE_ERR_CONFIG, "%s: %s is outside the valid range %s",
                            core_config_where(c, section, key, where, sizeof where), v, range);
    }
    *out = x;
    return CORE_OK;
}

core_status core_config_long(const core_config *c, const char *section, const char *key, long def, long lo,
                             long hi, long *out, core_err *err)
{
    const char *v = core_config_str(c, section, key, NULL);
    if (!v) {
        *out = def;
        return CORE_OK;
    }
    char where[600];
    long x;
    if (!core_parse_long(v, &x))
        return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not a whole number",
                            core_config_where(c, section, key, where, sizeof where), v);
    if (x < lo || x > hi)
        return core_err_set(err, CORE_ERR_CONFIG, "%s: %ld is outside the valid range [%ld, %ld]",
                            core_config_where(c, section, key, where, sizeof where), x, lo, hi);
    *out = x;
    return CORE_OK;
}

core_status core_config_bool(const core_config *c, const char *section, const char *key, int def, int *out,
                             core_err *err)
{
    static const char *const yes[] = {"yes", "true", "on", "1"}, *const no[] = {"no", "false", "off", "0"};
    const char *v = core_config_str(c, section, key, NULL);
    if (!v) {
        *out = def;
        return CORE_OK;
    }
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(v, yes[i]) == 0) {
            *out = 1;
            return CORE_OK;
        }
        if (strcasecmp(v, no[i]) == 0) {
            *out = 0;
            return CORE_OK;
        }
    }
    char where[600];
    return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not a yes/no value (use yes/no, true/false, on/off or 1/0)",
                        core_config_where(c, section, key, where, sizeof where), v);
}

core_status core_config_choice(const core_config *c, const char *section, const char *key,
                               const char *const *choices, int def_index, int *out, core_err *err)
{
    const char *v = core_config_str(c, section, key, NULL);
    if (!v) {
        *out = def_index;
        return CORE_OK;
    }
    size_t n = 0;
    for (; choices[n]; n++)
        if (strcasecmp(v, choices[n]) == 0) {
            *out = (int)n;
            return CORE_OK;
        }
    char valid[512] = "", where[600];
    for (size_t i = 0; i < n; i++) {
        strncat(valid, i ? ", " : "", sizeof valid - strlen(valid) - 1);
        strncat(valid, choices[i], sizeof valid - strlen(valid) - 1);
    }
    const char *near = nearest(choices, n, v);
    return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not valid; use one of: %s%s%s%s",
                        core_config_where(c, section, key, where, sizeof where), v, valid,
                        near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
}

void core_config_list_free(char **items)
{
    if (!items)
        return;
    for (char **p = items; *p; p++)
        free(*p);
    free(items);
}

core_status core_config_list(const core_config *c, const char *section, const char *key, int allow_empty_items,
                             char ***items, size_t *n, core_err *err)
{
    *items = NULL;
    *n = 0;
    const char *v = core_config_str(c, section, key, NULL);
    size_t cap = 1;
    for (const char *q = v ? v : ""; *q; q++)
        cap += *q == ',';
    char **out = calloc(cap + 1, sizeof *out);
    if (!out)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    if (!v || !*skip_space(v)) {
        *items = out;
        return CORE_OK;
    }
    size_t k = 0;
    const char *s = v;
    for (;;) {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        const char *a = s, *b = s + len;
        while (a < b && isspace((unsigned char)*a))
            a++;
        while (b > a && isspace((unsigned char)b[-1]))
            b--;
        if (a == b && !allow_empty_items) {
            core_config_list_free(out);
            char where[600];
            return core_err_set(err, CORE_ERR_CONFIG, "%s: list item %zu is empty in '%s'",
                                core_config_where(c, section, key, where, sizeof where), k + 1, v);
        }
        if (!(out[k++] = strndup(a, (size_t)(b - a)))) {
            core_config_list_free(out);
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        }
        if (!e)
            break;
        s = e + 1;
    }
    *items = out;
    *n = k;
    return CORE_OK;
}

char *core_config_resolve(const core_config *c, const char *path)
{
    if (!path)
        return NULL;
    if (path[0] == '/' || strcmp(c->dir, ".") == 0)
        return strdup(path);
    size_t n = strlen(c->dir) + strlen(path) + 2;
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%s/%s", c->dir, path);
    return out;
}

/* ---------- table getters: type, default and range from the key's one owner ---------- */

static const core_cfg_key *spec_of(const core_config *c, const char *section, const char *key, core_cfg_type want,
                                   core_err *err)
{
    const core_cfg_key *k = core_cfg_find(c->schema, c->n_schema, section, key);
    if (!k) {
        core_err_set(err, CORE_ERR_CONFIG, "key '%s' in [%s] is read but not declared in the key table", key,
                     section);
        return NULL;
    }
    if (k->type != want) {
        core_err_set(err, CORE_ERR_CONFIG, "key '%s' in [%s] is read as a %s but declared a %s", key, section,
                     core_cfg_type_name(want), core_cfg_type_name(k->type));
        return NULL;
    }
    return k;
}

core_status core_config_number(const core_config *c, const char *section, const char *key, double *out,
                               core_err *err)
{
    const core_cfg_key *k = spec_of(c, section, key, CORE_CFG_NUMBER, err);
    if (!k)
        return CORE_ERR_CONFIG;
    double lo = -INFINITY, hi = INFINITY, def = NAN;
    int lo_open = 0, hi_open = 0;
    if (k->range && !core_cfg_interval(k->range, &lo, &hi, &lo_open, &hi_open))
        return core_err_set(err, CORE_ERR_CONFIG, "key '%s' in [%s]: range '%s' in the key table is not an interval",
                            key, section, k->range);
    if (k->def && !core_parse_double(k->def, '.', &def))
        return core_err_set(err, CORE_ERR_CONFIG, "key '%s' in [%s]: default '%s' in the key table is not a number",
                            key, section, k->def);
    return core_config_double(c, section, key, def, lo, hi, lo_open, hi_open, out, err);
}

core_status core_config_integer(const core_config *c, const char *section, const char *key, long *out,
                                core_err *err)
{
    const core_cfg_key *k = spec_of(c, section, key, CORE_CFG_INTEGER, err);
    if (!k)
        return CORE_ERR_CONFIG;
    double lo = -INFINITY, hi = INFINITY;
    int lo_open = 0, hi_open = 0;
    long def = 0;
    if (k->range && !core_cfg_interval(k->range, &lo, &hi, &lo_open, &hi_open))
        return core_err_set(err, CORE_ERR_CONFIG, "key '%s' in [%s]: range '%s' in the key table is not an interval",
                            key, section, k->range);
    if (k->def && !core_parse_long(k->def, &def))
        return core_err_set(err, CORE_ERR_CONFIG,
                            "key '%s' in [%s]: default '%s' in the key table is not a whole number", key, section,
                            k->def);
    long l = lo <= (double)LONG_MIN ? LONG_MIN : (long)ceil(lo) + (lo_open && ceil(lo) == lo);
    long h = hi >= (double)LONG_MAX ? LONG_MAX : (long)floor(hi) - (hi_open && floor(hi) == hi);
    return core_config_long(c, section, key, def, l, h, out, err);
}

core_status core_config_flag(const core_config *c, const char *section, const char *key, int *out, core_err *err)
{
    const core_cfg_key *k = spec_of(c, section, key, CORE_CFG_BOOL, err);
    if (!k)
        return CORE_ERR_CONFIG;
    int def = 0;
    if (k->def && strcasecmp(k->def, "yes") != 0 && strcasecmp(k->def, "no") != 0)
        return core_err_set(err, CORE_ERR_CONFIG, "key '%s' in [%s]: default '%s' in the key table is not yes/no",
                            key, section, k->def);
    if (k->def)
        def = strcasecmp(k->def, "yes") == 0;
    return core_config_bool(c, section, key, def, out, err);
}

core_status core_config_pick(const core_config *c, const char *section, const char *key, int *out, core_err *err)
{
    const core_cfg_key *k = spec_of(c, section, key, CORE_CFG_CHOICE, err);
    if (!k)
        return CORE_ERR_CONFIG;
    char words[512];
    const char *choices[33];
    size_t n = 0;
    snprintf(words, sizeof words, "%s", k->range ? k->range : "");
    for (char *save = NULL, *w = strtok_r(words, "|", &save); w && n < 32; w = strtok_r(NULL, "|", &save))
        choices[n++] = w;
    choices[n] = NULL;
    int def = -1;
    for (size_t i = 0; k->def && i < n; i++)
        if (strcasecmp(choices[i], k->def) == 0)
            def = (int)i;
    if (n == 0 || (k->def && def < 0))
        return core_err_set(err, CORE_ERR_CONFIG, "key '%s' in [%s]: the key table's choices '%s' or default are wrong",
                            key, section, k->range ? k->range : "");
    return core_config_choice(c, section, key, choices, def, out, err);
}

const char *core_config_value(const core_config *c, const char *section, const char *key)
{
    const core_cfg_key *k = core_cfg_find(c->schema, c->n_schema, section, key);
    return core_config_str(c, section, key, k ? k->def : NULL);
}
