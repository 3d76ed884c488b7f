/* formats.c: the format table and per-file format detection. */
#include <string.h>

#include "format.h"

const fl_format fl_formats[] = {
    {"combined", "NCSA Combined: Apache/nginx default, CLF + \"referer\" \"user-agent\"",
     fl_clf_sniff_combined, fl_clf_parse},
    {"common", "NCSA Common Log Format: host ident user [time] \"request\" status bytes",
     fl_clf_sniff_common, fl_clf_parse},
    {NULL, NULL, NULL, NULL},
};

const fl_format *fl_format_find(const char *name)
{
    for (const fl_format *f = fl_formats; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

const fl_format *fl_format_detect(const char *const *lines, const size_t *lens, size_t n)
{
    const fl_format *best = NULL;
    size_t best_hits = 0, nonblank = 0;
    for (size_t i = 0; i < n; i++)
        if (lens[i] > 0)
            nonblank++;
    for (const fl_format *f = fl_formats; f->name; f++) {
        size_t hits = 0;
        for (size_t i = 0; i < n; i++)
            if (lens[i] > 0 && f->sniff(lines[i], lens[i]))
                hits++;
        if (hits > best_hits) {
            best = f;
            best_hits = hits;
        }
    }
    return nonblank && best_hits * 2 >= nonblank ? best : NULL;
}
