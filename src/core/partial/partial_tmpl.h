/* partial_tmpl.h: an input's mined templates in a partial (since version 3): per
 * template its text, count, level, first and last sighting, first line, sample and
 * counts per bucket; and the input's other count. */
#ifndef FL_PARTIAL_TMPL_H
#define FL_PARTIAL_TMPL_H

#include <jansson.h>
#include <stddef.h>

#include "analysis/mined.h"
#include "fl_status.h"

/* {"other": N, "list": [[text, count, level, has_time, first_ms, last_ms,
 * first_line, sample, [[bucket, count], ...]], ...]} in slot order (a canonical
 * miner's order), or NULL when out of memory. */
json_t *fl_partial_templates_json(const fl_mined *m);

/* Read what fl_partial_templates_json wrote into a new *out (bucket_ms wide).
 * FL_OK, FL_ERR_NOMEM, or FL_ERR_PARSE with why[] saying which value is wrong. */
fl_status fl_partial_templates_read(const json_t *j, int64_t bucket_ms, fl_mined **out, char *why,
                                    size_t cap);

#endif
