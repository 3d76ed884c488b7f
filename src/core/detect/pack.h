/* pack.h: a compact in-memory form for what waits between reading and folding (an
 * input's inventory entry and buckets): runs of zero bytes are stored as a count,
 * everything else as it is. A 3-line log's result (about 6 KiB as structs, mostly
 * zeros: empty text fields, the 15 unused buckets of its page, unused path slots)
 * packs to a few hundred bytes. Only what this process packed is ever unpacked:
 * the form is not a file format and is not checked. */
#ifndef FL_PACK_H
#define FL_PACK_H

#include <stddef.h>
#include <stdint.h>

#include "detect/buckets.h"
#include "fl_status.h"

/* A growable byte buffer; nomem is set (and further writes dropped) when it
 * cannot grow. */
typedef struct fl_packbuf {
    unsigned char *p;
    size_t n, cap;
    int nomem;
} fl_packbuf;

/* Append len bytes of src, zero runs as counts. */
void fl_pack_bytes(fl_packbuf *b, const void *src, size_t len);

/* Read back len bytes written by fl_pack_bytes at *p into dst; advances *p. */
void fl_unpack_bytes(const unsigned char **p, void *dst, size_t len);

/* Append b's buckets (pages, details, signature hits, latency sketches). b is left
 * as it was (the caller frees it). */
void fl_pack_buckets(fl_packbuf *out, const fl_buckets *b);

/* Read buckets written by fl_pack_buckets at *p into *b (fresh; advances *p).
 * FL_OK, or FL_ERR_NOMEM with *b empty. */
fl_status fl_unpack_buckets(const unsigned char **p, fl_buckets *b);

#endif
