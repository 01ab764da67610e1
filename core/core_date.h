/**
 * @file core_date.h
 * @brief Calendar dates as whole days since 1970-01-01 (proleptic Gregorian), and strict ISO dates.
 *
 * The conversions are Hinnant's days_from_civil / civil_from_days (exact for every date in range).
 */
#ifndef IPSEVAL_CORE_DATE_H
#define IPSEVAL_CORE_DATE_H

/** Days since 1970-01-01 of year y, month m (1-12), day d (1-31). */
long core_days_from_civil(long y, unsigned m, unsigned d);

/** The civil date of a day number. */
void core_civil_from_days(long day, long *y, unsigned *m, unsigned *d);

/** Days in month m of year y (leap years as the Gregorian calendar). */
int core_days_in_month(long y, unsigned m);

/** Days since 1970-01-01 of a strict ISO date "YYYY-MM-DD" (surrounding spaces allowed); 0 on success,
 *  -1 when malformed or not a calendar date. */
int core_parse_date(const char *s, long *days);

#endif
