/**
 * @file core_text.h
 * @brief Text rules written once: what valid UTF-8 is, and how a field of comma-separated text is quoted.
 */
#ifndef IPSEVAL_CORE_TEXT_H
#define IPSEVAL_CORE_TEXT_H

#include <stddef.h>
#include <stdio.h>

/**
 * Length (1 to 4) of the valid UTF-8 character at s, of which n bytes may be read; 0 when the bytes there are not
 * valid UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF) or the character is cut off by n.
 * A NUL byte is a character of length 1 (callers that refuse it check for it).
 */
size_t core_utf8_len(const unsigned char *s, size_t n);

/**
 * Write s as one field of comma-separated text (RFC 4180): as it is, or in double quotes with each quote doubled
 * when it holds a comma, a quote or a line break. apostrophe: a "'" goes before the text (inside the quotes), so
 * that no spreadsheet reads it as a formula.
 */
void core_csv_put_field(FILE *f, const char *s, int apostrophe);

/**
 * x rounded to whole units with a comma between thousands, for the amounts inside result labels ("53,102",
 * "-8,011"); a value that rounds to 0 has no sign, one that is not finite is written as %g writes it. Always
 * terminated, cut to fit n. Returns b.
 */
const char *core_fmt_whole(double x, char *b, size_t n);

#endif
