/**
 * @file st_multiplicity.h
 * @brief Adjusted p-values for a family of tests: Bonferroni, Holm (step-down) and
 *        Benjamini–Hochberg (step-up false discovery rate), as R's p.adjust.
 *
 * NaN p-values are not part of the family (they do not count in m) and stay NaN, as p.adjust
 * with NA values (n = number of non-missing p).
 * References: Holm S (1979) Scand J Statist 6:65-70; Benjamini Y, Hochberg Y (1995) J R Stat Soc B
 * 57:289-300; R p.adjust (stats package).
 */
#ifndef IPSEVAL_ST_MULTIPLICITY_H
#define IPSEVAL_ST_MULTIPLICITY_H

#include <stddef.h>

#include "core/core_error.h"

typedef enum st_padj_method { ST_PADJ_NONE = 0, ST_PADJ_BONFERRONI, ST_PADJ_HOLM, ST_PADJ_BH } st_padj_method;

/**
 * Adjust p[0..n-1] into adj[0..n-1] (may be the same array). A p outside [0, 1] is CORE_ERR_USAGE;
 * CORE_ERR_NOMEM on no memory. ST_PADJ_NONE copies.
 */
core_status st_p_adjust(const double *p, size_t n, st_padj_method method, double *adj, core_err *err);

#endif
