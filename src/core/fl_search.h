/* fl_search.h: lower-bound search over an array of structs ordered by an int64_t
 * member (the pages of the bucket series, a template's per-bucket counts). */
#ifndef FL_SEARCH_H
#define FL_SEARCH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The first index in [0, n) whose key (the int64_t at byte offset `off` of each
 * `size`-byte element of base, ascending) is not below key; n when none is. */
static inline size_t fl_lower_bound_i64(const void *base, size_t n, size_t size, size_t off, int64_t key)
{
    const char *p = base;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int64_t v;
        memcpy(&v, p + mid * size + off, sizeof v);
        if (v < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

#endif
