/* String -> dense index hash map (see rw_internal.h). */
#include <stdlib.h>
#include <string.h>

#include "realworld/rw_internal.h"

static unsigned long long fnv1a(const char *s)
{
    unsigned long long h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

int rw_strmap_init(rw_strmap *m, size_t expect)
{
    memset(m, 0, sizeof *m);
    size_t cap = 64;
    while (cap < 2 * expect + 16)
        cap *= 2;
    m->cap = cap;
    m->slot = malloc(cap * sizeof *m->slot);
    m->keys = malloc((cap / 2 + 1) * sizeof *m->keys);
    if (!m->slot || !m->keys) {
        rw_strmap_free(m);
        return -1;
    }
    for (size_t i = 0; i < cap; i++)
        m->slot[i] = -1;
    return 0;
}

void rw_strmap_free(rw_strmap *m)
{
    if (m->keys)
        for (size_t i = 0; i < m->n; i++)
            free(m->keys[i]);
    free(m->keys);
    free(m->slot);
    memset(m, 0, sizeof *m);
}

long rw_strmap_get(const rw_strmap *m, const char *key)
{
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)fnv1a(key) & mask;; i = (i + 1) & mask) {
        long s = m->slot[i];
        if (s < 0)
            return -1;
        if (strcmp(m->keys[s], key) == 0)
            return s;
    }
}

static int grow(rw_strmap *m)
{
    size_t cap = m->cap * 2;
    long *slot = malloc(cap * sizeof *slot);
    char **keys = realloc(m->keys, (cap / 2 + 1) * sizeof *keys);
    if (!slot || !keys) {
        free(slot);
        if (keys)
            m->keys = keys;
        return -1;
    }
    m->keys = keys;
    for (size_t i = 0; i < cap; i++)
        slot[i] = -1;
    for (size_t k = 0; k < m->n; k++) {
        size_t i = (size_t)fnv1a(keys[k]) & (cap - 1);
        while (slot[i] >= 0)
            i = (i + 1) & (cap - 1);
        slot[i] = (long)k;
    }
    free(m->slot);
    m->slot = slot;
    m->cap = cap;
    return 0;
}

long rw_strmap_add(rw_strmap *m, const char *key, int *added)
{
    if (added)
        *added = 0;
    long s = rw_strmap_get(m, key);
    if (s >= 0)
        return s;
    if (2 * (m->n + 1) > m->cap && grow(m) != 0)
        return -1;
    char *k = strdup(key);
    if (!k)
        return -1;
    size_t mask = m->cap - 1, i = (size_t)fnv1a(key) & mask;
    while (m->slot[i] >= 0)
        i = (i + 1) & mask;
    m->keys[m->n] = k;
    m->slot[i] = (long)m->n;
    if (added)
        *added = 1;
    return (long)m->n++;
}
