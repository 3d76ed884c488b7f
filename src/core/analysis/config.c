/* config.c: the analysis settings: defaults and the --fail-status list. */
#include "analysis/analysis.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fl_config_defaults(fl_config *c)
{
    memset(c, 0, sizeof *c);
    c->bucket_ms = 60000;
    for (int s = 500; s < 600; s++)
        c->fail_status[s] = 1;
    c->max_line = 64 * 1024;
    /* A run's series is dense from its first bucket to its last (detection, charts,
     * buckets.csv, report.json): 65,536 buckets, 45 days at 1 min, keep those small. */
    c->max_span = FL_RUN_MAX_SPAN;
    c->since_ms = INT64_MIN;
    c->until_ms = INT64_MAX;
    /* Large plain files are read in chunks of this size by separate threads. The size
     * is fixed (not derived from --jobs) so every --jobs value gives the same result. */
    c->chunk_bytes = 32u << 20;
    c->inventory_cap = FL_INVENTORY_CAP;
    c->mine = 1; /* server-log messages: the error kinds no signature names */
    fl_detect_defaults(&c->detect);
}

/* One item of a --fail-status list: "5xx", "503", "500-504". */
static int fail_item(fl_config *c, const char *s, size_t n)
{
    char buf[16];
    unsigned lo, hi;
    char tail;
    if (n == 0 || n >= sizeof buf)
        return 0;
    memcpy(buf, s, n);
    buf[n] = 0;
    if (n == 3 && isdigit((unsigned char)buf[0]) && (buf[1] | 0x20) == 'x' && (buf[2] | 0x20) == 'x') {
        lo = (unsigned)(buf[0] - '0') * 100;
        hi = lo + 99;
    } else if (sscanf(buf, "%u-%u%c", &lo, &hi, &tail) == 2) {
    } else if (sscanf(buf, "%u%c", &lo, &tail) == 1) {
        hi = lo;
    } else {
        return 0;
    }
    if (lo < 100 || hi >= FL_MAX_STATUS || lo > hi)
        return 0;
    for (unsigned k = lo; k <= hi; k++)
        c->fail_status[k] = 1;
    return 1;
}

fl_status fl_config_fail_status(fl_config *c, const char *spec)
{
    memset(c->fail_status, 0, sizeof c->fail_status);
    while (*spec) {
        size_t n = strcspn(spec, ",");
        if (!fail_item(c, spec, n))
            return FL_ERR_USAGE;
        spec += n;
        if (*spec == ',')
            spec++;
    }
    return FL_OK;
}
