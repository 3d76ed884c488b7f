/* fl_json.h: jansson's json_object_set_new and json_array_append_new, checked. A
 * failed call (out of memory; also a NULL value or parent, as any constructor gives
 * when it ran out of memory, so a failure anywhere below reaches the top) is noted
 * in *failed, and the writer gives up rather than write a document short of a value.
 * Shared by report.json (report_json.c) and partials (partial.c). */
#ifndef FL_JSON_H
#define FL_JSON_H

#include <jansson.h>

/* o[key] = v (stealing v); *failed = 1 if that failed. */
static inline void fl_json_set(int *failed, json_t *o, const char *key, json_t *v)
{
    if (json_object_set_new(o, key, v) != 0)
        *failed = 1;
}

/* Append v to a (stealing v); *failed = 1 if that failed. */
static inline void fl_json_append(int *failed, json_t *a, json_t *v)
{
    if (json_array_append_new(a, v) != 0)
        *failed = 1;
}

#endif
