/**
 * @file rpt_msg.h
 * @brief The workbook's message table: every word the workbook writes, in English and Norwegian bokmål.
 *
 * A message is keyed by its English text, which is what the sheet writers write: the key is stable because
 * it is the English the workbook has always shown, and an English workbook needs no look-up at all. The
 * table (reports/rpt_msg_nb.c) pairs each key with its Norwegian text. A text with numbers or names is a
 * printf format: its key is the English format and the Norwegian format takes the same arguments, of the
 * same types, in the same order (or numbered, "%2$s", every conversion of the text numbered).
 *
 * How texts reach the table (reports/rpt_internal.h):
 *  - a whole cell, a header, a merged text, a sheet name, a link's text and a chart's title, axis and
 *    series names are looked up as they are written (rpt_put_text, rpt_table_header, rpt_merge_text,
 *    rpt_add_sheet, rpt_sheet_link, rpt_chart_tr): a text that is a key is written in the workbook's
 *    language; any other text (a data value: a label from the config, a site, a level) is written as it is;
 *  - a sentence with numbers or names is built with rpt_trf (snprintf of the format in the workbook's
 *    language), not snprintf;
 *  - the Results sheet's rows are result vocabulary (module, analysis, term, method, estimand: SPEC's machine
 *    contract) and are never looked up.
 *
 * In Norwegian, numbers written into text (sentences, "5.6 (2.7 to 8.4)") take a decimal comma and a no-break
 * space between thousands; number cells stay numbers, so the reader's Excel shows its own decimal mark.
 */
#ifndef IPSEVAL_RPT_MSG_H
#define IPSEVAL_RPT_MSG_H

#include <stddef.h>

#include "reports/rpt.h"

/** A message: its English text (the key) and its Norwegian text. */
typedef struct rpt_msg {
    const char *en;
    const char *nb;
    unsigned flags; /**< RPT_MSG_* */
} rpt_msg;

#define RPT_MSG_SAME 1u  /**< the Norwegian text is the English one on purpose (a name, an abbreviation) */
#define RPT_MSG_SHEET 2u /**< a worksheet name: 1..31 characters, none of []:*?/\ */

/** The table (reports/rpt_msg_nb.c), in no particular order; the tests check it (tests/unit/test_msg.c). */
extern const rpt_msg rpt_msgs[];
extern const size_t rpt_n_msgs;

/** The message whose English text is en, or NULL (binary search over a sorted index built on first use). */
const rpt_msg *rpt_msg_find(const char *en);

/** en in language lang: its table text, or en itself when en is not a key (a data value) or lang is English. */
const char *rpt_msg_text(rpt_lang lang, const char *en);

/**
 * Numbers in a text written the Norwegian way, into out: a '.' between digits becomes ',' (not in a version,
 * "0.1.0") and " to " between
 * two numbers becomes " til ". Idempotent, so a sentence built of sentences can be given again. (Thousands
 * separators are the money writers' own: a no-break space in Norwegian.) Returns out (always terminated; cut to
 * fit size).
 */
const char *rpt_msg_numbers_nb(const char *s, char *out, size_t size);

#endif
