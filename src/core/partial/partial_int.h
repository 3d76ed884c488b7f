/* partial_int.h: helpers the partial's files share. */
#ifndef FL_PARTIAL_INT_H
#define FL_PARTIAL_INT_H

#include <jansson.h>
#include <stddef.h>

/* The "format" value that opens every partial. */
#define FL_PARTIAL_FORMAT "faultline-partial"

/* A string, or {"hex": ...} for bytes that are not UTF-8, so names round-trip;
 * NULL when out of memory. */
json_t *fl_partial_bytes_json(const char *s);

/* A string written by fl_partial_bytes_json into out[cap] (must fit,
 * NUL-terminated): NULL, or why it is not one. */
const char *fl_partial_bytes(const json_t *j, char *out, size_t cap);

#endif
