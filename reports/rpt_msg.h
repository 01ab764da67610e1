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
#define RPT_MSG_PART 4u  /**< a label table entry that is only a piece of a label (an argument), never a whole text */

/** The table (reports/rpt_msg_nb.c), in no particular order; the tests check it (tests/unit/test_msg.c). */
extern const rpt_msg rpt_msgs[];
extern const size_t rpt_n_msgs;

/**
 * Result labels (a module row's `label`, shown on the sheets beside its numbers) are English text the modules
 * write with printf: "%zu studies; tau^2 %.4g, I2 %.1f%%". A second table (reports/rpt_msg_label_nb.c) pairs such
 * English formats, as the modules write them, with Norwegian formats taking the same arguments. A label is read
 * back as an instance of an English format (each conversion's text parsed out of it: %s any text, %d/%zu/%ld an
 * integer, %.Nf a number with N decimals, %g/%e a number as %g writes it, %% a '%'); the Norwegian format is then
 * written with those texts: a number the Norwegian way (rpt_msg_numbers_nb), a text argument that is itself a
 * message or a label in its Norwegian, any other text argument (a data value) as it is. A label the module builds
 * from pieces needs an entry per piece ("adjusted for%s", "%sbaseline %s"); a clause it appends after "; " or ". "
 * ("%zu excluded (see study_effect)") is translated on its own; an entry flagged RPT_MSG_PART is only ever such a
 * piece, never a whole text. The formats (and the message table's formats of 12 letters or more, which modules and
 * sheets share) are indexed by their first 3 bytes of literal text (or, for a format opening with a conversion, by
 * the last 3 of its literal end); a format whose literal parts are not all in the text, in order, is not tried,
 * and a match has a step budget: a label is tried against a handful of formats, once a run (the answer is kept).
 *
 * rpt_tr gives a text that is no key of the message table to the label table (rpt_msg_label_text): a sheet writes
 * a label with rpt_put_text (or rpt_tr it into a sentence) and gets its Norwegian. The Results sheet and
 * results.csv keep the module's English (result vocabulary).
 *
 * A new or changed label: add (or update) its entry next to its module's in reports/rpt_msg_label_nb.c, the
 * English exactly as the module's format literal (a piece of it when the module builds the label in pieces:
 * "%s" at an end stands for the part before or after). The checks: tests/unit/test_msg.c (every Norwegian format
 * takes its English format's arguments; every entry's instance is read back), tests/workbook/msg_coverage.py (every
 * entry's English is part of a module's format literal, or an instance of one with pieces for its %s: an entry
 * whose module text changed fails) and
 * tests/workbook/nb_words.py (a label with English words on a sheet other than Results fails).
 */
extern const rpt_msg rpt_label_msgs[];
extern const size_t rpt_n_label_msgs;

/** The label format of the table that text is an instance of, or NULL. */
const rpt_msg *rpt_msg_label_match(const char *text);

/** Label text in Norwegian into buf (the matched format's Norwegian with text's arguments), or NULL when text is
 *  an instance of no format of the label table. Cut to fit size. */
const char *rpt_msg_label_nb(const char *text, char *buf, size_t size);

/** rpt_msg_label_nb kept for the process's life (each distinct text translated once), or NULL. */
const char *rpt_msg_label_text(const char *text);

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
