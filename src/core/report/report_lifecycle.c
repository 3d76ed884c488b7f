/* report_lifecycle.c: lifecycle markers told as stories. A shutdown logs a step per
 * thread or component (a Kafka broker writes 19 lines in 5 s); the timeline wants one
 * row per source and burst: the markers of one source that follow each other within
 * FL_STORY_GAP_S seconds. */
#include <stdlib.h>

#include "report/report.h"

/* The story slot of a marker's source (inputs without a source share the last). */
static size_t slot_of(const fl_report *r, const fl_marker_ref *m)
{
    size_t s = m->in->source;
    return s < r->analysis->n_sources ? s : r->analysis->n_sources;
}

size_t fl_report_lifecycle_stories(const fl_report *r, fl_story **out)
{
    fl_marker_ref *refs;
    size_t n = fl_report_markers(r, &refs), k = 0, slots = r->analysis->n_sources + 1;
    size_t *open = malloc(slots * sizeof *open); /* per source: its open story, or SIZE_MAX */
    *out = n ? malloc(n * sizeof **out) : NULL;
    if (!*out || !open) {
        free(open);
        free(*out);
        free(refs);
        *out = NULL;
        return 0;
    }
    for (size_t s = 0; s < slots; s++)
        open[s] = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t s = slot_of(r, &refs[i]);
        fl_story *st = open[s] != SIZE_MAX ? &(*out)[open[s]] : NULL;
        if (st && refs[i].m->ms - st->last.m->ms <= FL_STORY_GAP_S * 1000) {
            st->last = refs[i];
            st->steps++;
            continue;
        }
        open[s] = k;
        (*out)[k++] = (fl_story){.source = s, .first = refs[i], .last = refs[i], .steps = 1};
    }
    free(open);
    free(refs);
    return k; /* in order of first marker: stories open in time order */
}
