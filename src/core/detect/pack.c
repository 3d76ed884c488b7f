/* pack.c: zero-run packing of structs and of bucket sets (see pack.h). A run is
 * a varint count of zero bytes, a varint count of literal bytes, the literals. */
#include "detect/pack.h"

#include <stdlib.h>
#include <string.h>

static void put(fl_packbuf *b, const void *src, size_t len)
{
    if (b->nomem || !len)
        return;
    if (b->n + len > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + len)
            cap *= 2;
        unsigned char *p = realloc(b->p, cap);
        if (!p) {
            b->nomem = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, src, len);
    b->n += len;
}

static void put_varint(fl_packbuf *b, uint64_t v)
{
    unsigned char tmp[10];
    size_t k = 0;
    do {
        tmp[k++] = (unsigned char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
        v >>= 7;
    } while (v);
    put(b, tmp, k);
}

static uint64_t get_varint(const unsigned char **p)
{
    uint64_t v = 0;
    for (unsigned shift = 0;; shift += 7) {
        unsigned char c = *(*p)++;
        v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80))
            return v;
    }
}

void fl_pack_bytes(fl_packbuf *b, const void *src, size_t len)
{
    const unsigned char *s = src;
    size_t i = 0;
    while (i < len) {
        size_t z = i, l;
        while (z < len && s[z] == 0)
            z++;
        /* Literals end at the next run of 4 zeros (a shorter run costs more as a count). */
        for (l = z; l < len; l++)
            if (s[l] == 0 && l + 4 <= len && !memcmp(s + l, "\0\0\0\0", 4))
                break;
        put_varint(b, z - i);
        put_varint(b, l - z);
        put(b, s + z, l - z);
        i = l;
    }
}

void fl_unpack_bytes(const unsigned char **p, void *dst, size_t len)
{
    unsigned char *d = dst;
    size_t i = 0;
    while (i < len) {
        size_t z = (size_t)get_varint(p), l;
        memset(d + i, 0, z);
        i += z;
        l = (size_t)get_varint(p);
        memcpy(d + i, *p, l);
        *p += l;
        i += l;
    }
}

enum { HAS_DETAIL = 1, HAS_SIGS = 2, HAS_LATENCY = 4 };

void fl_pack_buckets(fl_packbuf *out, const fl_buckets *b)
{
    fl_buckets head = *b;
    head.pages = NULL;
    head.cap_pages = head.last_page = 0;
    fl_pack_bytes(out, &head, sizeof head);
    for (size_t p = 0; p < b->n_pages; p++) {
        fl_bucket slots[FL_BUCKET_PAGE];
        unsigned char flags[FL_BUCKET_PAGE];
        memcpy(slots, b->pages[p].slots, sizeof slots);
        for (size_t i = 0; i < FL_BUCKET_PAGE; i++) {
            flags[i] = (unsigned char)((slots[i].detail ? HAS_DETAIL : 0) | (slots[i].sig_hits ? HAS_SIGS : 0) |
                                       (slots[i].latency ? HAS_LATENCY : 0));
            slots[i].detail = NULL;
            slots[i].sig_hits = slots[i].latency = NULL;
        }
        fl_pack_bytes(out, &b->pages[p].number, sizeof b->pages[p].number);
        fl_pack_bytes(out, flags, sizeof flags);
        fl_pack_bytes(out, slots, sizeof slots);
        for (size_t i = 0; i < FL_BUCKET_PAGE; i++) {
            const fl_bucket *s = &b->pages[p].slots[i];
            if (s->detail)
                fl_pack_bytes(out, s->detail, sizeof *s->detail);
            if (s->sig_hits)
                fl_pack_bytes(out, s->sig_hits, b->n_sig * sizeof *s->sig_hits);
            if (s->latency)
                fl_pack_bytes(out, s->latency, FL_LAT_BINS * sizeof *s->latency);
        }
    }
}

/* Allocate and read the side arrays a packed slot had (flags); 0 when out of memory
 * (the caller stops reading then: the packed form stays the caller's). */
static int unpack_slot(const unsigned char **p, fl_bucket *s, unsigned flags, size_t n_sig)
{
    void **at[] = {(void **)&s->detail, (void **)&s->sig_hits, (void **)&s->latency};
    const size_t size[] = {sizeof *s->detail, n_sig * sizeof *s->sig_hits, FL_LAT_BINS * sizeof *s->latency};
    const unsigned flag[] = {HAS_DETAIL, HAS_SIGS, HAS_LATENCY};
    for (size_t k = 0; k < 3; k++) {
        *at[k] = NULL;
        if (!(flags & flag[k]))
            continue;
        if (!(*at[k] = malloc(size[k] ? size[k] : 1)))
            return 0;
        fl_unpack_bytes(p, *at[k], size[k]);
    }
    return 1;
}

fl_status fl_unpack_buckets(const unsigned char **p, fl_buckets *b)
{
    fl_unpack_bytes(p, b, sizeof *b);
    size_t n = b->n_pages;
    b->n_pages = 0;
    b->pages = n ? malloc(n * sizeof *b->pages) : NULL;
    b->cap_pages = b->pages ? n : 0;
    int ok = !n || b->pages;
    for (size_t k = 0; ok && k < n; k++) {
        fl_bucket_page *pg = &b->pages[k];
        unsigned char flags[FL_BUCKET_PAGE];
        fl_unpack_bytes(p, &pg->number, sizeof pg->number);
        fl_unpack_bytes(p, flags, sizeof flags);
        if (!(pg->slots = malloc(FL_BUCKET_PAGE * sizeof *pg->slots))) {
            ok = 0;
            break;
        }
        fl_unpack_bytes(p, pg->slots, FL_BUCKET_PAGE * sizeof *pg->slots);
        b->n_pages++;
        for (size_t i = 0; i < FL_BUCKET_PAGE && ok; i++)
            ok = unpack_slot(p, &pg->slots[i], flags[i], b->n_sig);
    }
    if (ok)
        return FL_OK;
    fl_buckets_free(b);
    return FL_ERR_NOMEM;
}
