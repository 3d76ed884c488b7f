/* report_zones.c: how the times of logs written without a UTC offset were placed
 * (zone_guess.c, or --input-tz), told once per zone and reason, for the terminal
 * summary and the notes of timeline.md. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "time/fl_time.h"
#include "report/escape.h"
#include "report/report.h"

#define ZONE_KEYS 16   /* distinct (reason, offset) pairs told; more are rare */
#define ZONE_NAMES 3   /* files named per line, the rest counted */

typedef struct zone_key {
    fl_zone_guess how;
    int32_t off;
} zone_key;

static zone_key key_of(const fl_input *in)
{
    return (zone_key){in->zone_guess, in->zone_guess == FL_ZONE_NONE ? 0 : in->zone_offset};
}

/* The reason, after "read as ZONE": for one file its group is named. */
static void reason(const fl_report *r, const fl_input *in, size_t count, int md, char *buf, size_t len)
{
    char name[256], grp[400], off[8];
    size_t gl = in->zone_guess == FL_ZONE_SOURCE ? in->source_len : in->archive_len;
    snprintf(name, sizeof name, "%.*s", (int)gl, in->path);
    const char *last = strrchr(name, '/');
    if (md) /* a directory or archive name from another host: escaped */
        fl_md_code(grp, sizeof grp, 0, last ? last + 1 : name, SIZE_MAX);
    else
        fl_esc_term(last ? last + 1 : name, grp, sizeof grp);
    switch (in->zone_guess) {
    case FL_ZONE_SOURCE:
    case FL_ZONE_ARCHIVE:
        snprintf(buf, len, ", the offset the other %s of %s write (guessed; --input-tz overrides)",
                 in->zone_guess == FL_ZONE_SOURCE ? "logs" : "members",
                 count == 1 ? grp : in->zone_guess == FL_ZONE_SOURCE ? "their directory" : "their archive");
        break;
    case FL_ZONE_RUN:
        snprintf(buf, len, ", the offset most lines of the run write (guessed; --input-tz overrides)");
        break;
    case FL_ZONE_UTC:
        snprintf(buf, len, " (no log of the run writes an offset; set --input-tz)");
        break;
    case FL_ZONE_UNALIGNED:
        snprintf(buf, len, ": the offset of the other logs, %s, is not a whole number of buckets; set --input-tz",
                 fl_offset_str(in->zone_offset, off, sizeof off));
        break;
    default:
        snprintf(buf, len, "%s", r->analysis->cfg->input_tz ? " (--input-tz)" : " (assumed; set --input-tz)");
    }
}

/* The zone the key's times were read in: --input-tz's name, an offset, or UTC. */
static const char *zone_text(const fl_report *r, zone_key k, char *buf, size_t len)
{
    if (k.how == FL_ZONE_NONE && r->analysis->cfg->input_tz)
        return fl_tz_name(r->analysis->cfg->input_tz);
    if (k.how == FL_ZONE_NONE || k.how == FL_ZONE_UTC || k.how == FL_ZONE_UNALIGNED || k.off == 0)
        return "UTC";
    return fl_offset_str(k.off, buf, len);
}

/* One line: the files of key k (the first few named), their zone and why. */
static void zone_line(const fl_report *r, zone_key k, FILE *out, const char *prefix, const char *end, int md)
{
    const fl_analysis *an = r->analysis;
    const fl_input *first = NULL;
    size_t count = 0;
    char why[512], zone[64];
    fputs(prefix, out);
    for (size_t i = 0; i < an->n_inputs; i++) {
        const fl_input *in = &an->inputs[i];
        zone_key o = key_of(in);
        if (!in->local_time_records || o.how != k.how || o.off != k.off)
            continue;
        char name[1024];
        if (count < ZONE_NAMES && md) /* names from other hosts: escaped for Markdown, */
            fl_md_code(name, sizeof name, 0, fl_report_short_path(in->path), SIZE_MAX);
        else if (count < ZONE_NAMES) /* or for the terminal */
            fl_esc_term(fl_report_short_path(in->path), name, sizeof name);
        if (count < ZONE_NAMES)
            fprintf(out, "%s%s", count ? ", " : "", name);
        first = first ? first : in;
        count++;
    }
    if (count > ZONE_NAMES)
        fprintf(out, " and %zu more", count - ZONE_NAMES);
    reason(r, first, count, md, why, sizeof why);
    fprintf(out, " write%s times without a UTC offset: read as %s%s%s", count == 1 ? "s" : "",
            zone_text(r, k, zone, sizeof zone), why, end);
}

size_t fl_report_zone_lines(const fl_report *r, FILE *out, const char *prefix, const char *end, int md)
{
    const fl_analysis *an = r->analysis;
    zone_key keys[ZONE_KEYS];
    size_t n = 0;
    for (size_t i = 0; i < an->n_inputs; i++) {
        if (!an->inputs[i].local_time_records)
            continue;
        zone_key k = key_of(&an->inputs[i]);
        if (!md && k.how == FL_ZONE_NONE && an->cfg->input_tz)
            continue; /* the terminal tells guesses, not what the user said */
        size_t j = 0;
        while (j < n && (keys[j].how != k.how || keys[j].off != k.off))
            j++;
        if (j == n && n < ZONE_KEYS)
            keys[n++] = k;
    }
    for (size_t j = 0; j < n; j++)
        zone_line(r, keys[j], out, prefix, end, md);
    return n;
}
