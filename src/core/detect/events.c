/* events.c: the --events file reader. */
#include "detect/events.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "time/fl_time.h"
#include "time/timestamp.h"

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static unsigned num(const char *s, size_t n)
{
    unsigned v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (unsigned)(s[i] - '0');
    return v;
}

/* Parse the leading "YYYY-MM-DD HH:MM[:SS][offset]" of s (or 'T' for the space);
 * returns bytes consumed, 0 if malformed or not a real date and time, or without an
 * offset when tz is NULL. */
static size_t parse_when(const char *s, const fl_tz *tz, int64_t *utc_s)
{
    size_t n = strlen(s);
    if (n < 16 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
        !digits(s + 8, 2) || (s[10] != ' ' && s[10] != 'T') || !digits(s + 11, 2) || s[13] != ':' ||
        !digits(s + 14, 2))
        return 0;
    size_t p = 16;
    unsigned sec = 0;
    if (p + 3 <= n && s[p] == ':' && digits(s + p + 1, 2)) {
        sec = num(s + p + 1, 2);
        p += 3;
    }
    int64_t ms;
    if (!fl_ts_civil_ms(num(s, 4), num(s + 5, 2), num(s + 8, 2), num(s + 11, 2), num(s + 14, 2), sec, &ms))
        return 0;
    int64_t local = ms / 1000;
    size_t off_len = strcspn(s + p, " \t");
    int32_t off;
    if (off_len && fl_parse_offset(s + p, off_len, &off)) {
        *utc_s = local - off;
        p += off_len;
    } else if (off_len || !tz) {
        return 0;
    } else {
        *utc_s = fl_tz_local_to_utc(tz, local);
    }
    return p;
}

int fl_when_parse(const char *s, const fl_tz *tz, int64_t *utc_s)
{
    char day[32];
    if (strlen(s) == 10) { /* a date alone: its midnight */
        snprintf(day, sizeof day, "%s 00:00", s);
        s = day;
    }
    size_t n = parse_when(s, tz, utc_s);
    return n && n == strlen(s);
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
    char *line = NULL;
    size_t cap = 0;
    unsigned lineno = 0;
    fl_status st = FL_OK;
    while (st == FL_OK && getline(&line, &cap, f) >= 0) { /* any length: a long event stays one */
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
    free(line);
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
