/* events.c: the --events file reader. */
#include "events.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fl_time.h"

/* Parse the leading time of line; returns bytes consumed (0 if malformed). */
static size_t parse_when(const char *s, const fl_tz *tz, int64_t *utc_s)
{
    int y, mo, d, h, mi, sec = 0, n = 0;
    if (sscanf(s, "%4d-%2d-%2d%*[ T]%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) != 5 || n < 16)
        return 0;
    size_t p = (size_t)n;
    if (s[p] == ':') {
        int k = 0;
        if (sscanf(s + p, ":%2d%n", &sec, &k) != 1)
            return 0;
        p += (size_t)k;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
        return 0;
    int64_t local = ((fl_days_from_civil(y, (unsigned)mo, (unsigned)d) * 24 + h) * 60 + mi) * 60 + sec;
    size_t off_len = strcspn(s + p, " \t");
    int32_t off;
    if (off_len && fl_parse_offset(s + p, off_len, &off)) {
        *utc_s = local - off;
        p += off_len;
    } else if (off_len) {
        return 0;
    } else {
        *utc_s = fl_tz_local_to_utc(tz, local);
    }
    return p;
}

static int cmp_event(const void *a, const void *b)
{
    const fl_event *x = a, *y = b;
    return (x->utc_s > y->utc_s) - (x->utc_s < y->utc_s);
}

fl_status fl_events_load(const char *path, const fl_tz *tz, fl_events *ev, char *err,
                         size_t errlen)
{
    memset(ev, 0, sizeof *ev);
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return FL_ERR_OPEN;
    }
    char line[4096];
    unsigned lineno = 0;
    fl_status st = FL_OK;
    while (st == FL_OK && fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = 0;
        const char *s = line + strspn(line, " \t");
        if (*s == 0 || *s == '#')
            continue;
        int64_t when;
        size_t used = parse_when(s, tz, &when);
        const char *text = s + used;
        text += strspn(text, " \t-:");
        if (!used || !*text) {
            snprintf(err, errlen, "%s:%u: expected \"YYYY-MM-DD HH:MM[:SS] what happened\"",
                     path, lineno);
            st = FL_ERR_PARSE;
            break;
        }
        fl_event *p = realloc(ev->items, (ev->n + 1) * sizeof *p);
        char *copy = strdup(text);
        if (!p || !copy) {
            free(copy);
            if (p)
                ev->items = p;
            st = FL_ERR_NOMEM;
            break;
        }
        ev->items = p;
        ev->items[ev->n++] = (fl_event){when, copy};
    }
    fclose(f);
    if (st != FL_OK) {
        fl_events_free(ev);
        return st;
    }
    /* qsort is not stable: break ties by file order, which is the array order. */
    for (size_t i = 1; i < ev->n; i++) {
        fl_event cur = ev->items[i];
        size_t j = i;
        while (j > 0 && cmp_event(&ev->items[j - 1], &cur) > 0) {
            ev->items[j] = ev->items[j - 1];
            j--;
        }
        ev->items[j] = cur;
    }
    return FL_OK;
}

void fl_events_free(fl_events *ev)
{
    for (size_t i = 0; i < ev->n; i++)
        free(ev->items[i].text);
    free(ev->items);
    memset(ev, 0, sizeof *ev);
}
