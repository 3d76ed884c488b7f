/* report_changes.h: "what changed at onset" in the reports: each incident's ranked
 * template kinds (detect/changes.h) with what the reports say of them. */
#ifndef FL_REPORT_CHANGES_H
#define FL_REPORT_CHANGES_H

#include <stddef.h>
#include <stdio.h>

#include "analysis/mined.h"
#include "detect/changes.h"
#include "report/report.h"

#define FL_CHANGES_SHOWN 10   /* kinds in an incident's "What changed" table */
#define FL_CHANGES_ROWS 3     /* of which timeline rows */
#define FL_KINDS_CHARTED 8    /* kinds in templates.dat and its chart */

typedef struct fl_report_kind {
    fl_change c;
    const char *text;          /* the template */
    const fl_tmpl_info *info;
    const char *signature;     /* the signature its sample matches, or NULL */
    int64_t at_ms;             /* when it showed: its first sighting (new), else the
                                * start of its first window bucket above the usual rate */
} fl_report_kind;

/* The window of incident idx in bucket indexes: [*w0, *w1) from FL_CHANGE_LEAD
 * buckets before onset through the peak, its baseline [*b0, *w0) from the start. */
void fl_report_change_window(const fl_report *r, size_t idx, int64_t *b0, int64_t *w0, int64_t *w1);

/* The ranked kinds of incident idx (at most FL_CHANGES_SHOWN) into *out (malloc'd);
 * returns how many (0: none, or mining was off, or out of memory noted). */
size_t fl_report_changes(const fl_report *r, size_t idx, fl_report_kind **out);

/* The kinds of every incident's What changed table, each once, in the order they
 * first appear there (incident 1's ranking, then incident 2's new ones ...): at most
 * max into out. Returns how many (0 also when out of memory, noted). */
size_t fl_report_incident_kinds(const fl_report *r, fl_report_kind *out, size_t max);

/* The sources of t by first sighting: "api-2 first, then api-1, api-3" ("api-2"
 * alone). */
void fl_report_kind_sources(const fl_report *r, const fl_tmpl_info *t, char *buf, size_t len);

/* Where t was first seen: "SOURCE/FILE:LINE". */
void fl_report_kind_where(const fl_report *r, const fl_tmpl_info *t, char *buf, size_t len);

/* The "What changed" table of incident idx under heading level h ("##"). */
void fl_write_changes_table(const fl_report *r, size_t idx, const char *h, FILE *out);

#endif
