/* Private to realworld/: a string -> index hash map (open addressing, FNV-1a) for unit ids,
 * cluster names and fixed-effect levels, and the row-selection helper of the analyses. */
#ifndef IPSEVAL_RW_INTERNAL_H
#define IPSEVAL_RW_INTERNAL_H

#include <stddef.h>

typedef struct rw_strmap {
    size_t cap, n;
    char **keys;   /* owned copies, in insertion order (index = value) */
    long *slot;    /* cap slots: index into keys or -1 */
} rw_strmap;

/* Empty map; 0 on success, -1 on no memory. */
int rw_strmap_init(rw_strmap *m, size_t expect);
void rw_strmap_free(rw_strmap *m);
/* Index of key, or -1 when absent. */
long rw_strmap_get(const rw_strmap *m, const char *key);
/* Index of key, added when new (*added = 1); -1 on no memory. */
long rw_strmap_add(rw_strmap *m, const char *key, int *added);

#endif
