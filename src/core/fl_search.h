/* fl_search.h: arrays of structs kept ordered by an int64_t member (the pages of the
 * bucket series, a template's per-bucket counts): the lower-bound search, and room
 * for an element inserted in order. */
#ifndef FL_SEARCH_H
#define FL_SEARCH_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
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

/* Room at index `at` (<= *n) of the array base of *n `size`-byte elements and *cap
 * capacity: grown (doubled) when full, the elements from `at` on moved up one, *n
 * counted up. Returns the (possibly moved) array, or NULL when out of memory (then
 * base, *n and *cap are unchanged). The element at `at` is the caller's to fill. */
static inline void *fl_insert_room(void *base, size_t *n, size_t *cap, size_t size, size_t at)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 4;
        void *p = realloc(base, nc * size);
        if (!p)
            return NULL;
        base = p;
        *cap = nc;
    }
    char *b = base;
    memmove(b + (at + 1) * size, b + at * size, (*n - at) * size);
    (*n)++;
    return base;
}

#endif
