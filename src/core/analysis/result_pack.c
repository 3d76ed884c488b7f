/* result_pack.c: results waiting for the fold, packed (detect/pack.h): the inventory
 * entry's bytes (its heap parts, the name, sightings, markers and templates, stay
 * where they are and belong to the packed form) followed by the buckets. */
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "analysis/mined.h"
#include "analysis/read.h"
#include "detect/pack.h"

fl_status fl_result_pack(fl_result *r, fl_packed *out)
{
    fl_packbuf b = {0};
    fl_mined_done(r->in.mined); /* the input is read: its templates wait for the fold */
    fl_pack_bytes(&b, &r->in, sizeof r->in);
    fl_pack_buckets(&b, &r->buckets);
    unsigned char *fit = b.nomem ? NULL : realloc(b.p, b.n);
    if (!fit) {
        free(b.p);
        fl_result_free(r);
        return FL_ERR_NOMEM;
    }
    out->data = fit;
    out->path = r->in.path;
    fl_buckets_free(&r->buckets);
    memset(r, 0, sizeof *r);
    return FL_OK;
}

void fl_packed_input(const fl_packed *pk, fl_input *in)
{
    const unsigned char *p = pk->data;
    fl_unpack_bytes(&p, in, sizeof *in);
}

fl_status fl_result_unpack(fl_packed *pk, fl_result *r)
{
    const unsigned char *p = pk->data;
    fl_unpack_bytes(&p, &r->in, sizeof r->in);
    fl_status st = fl_unpack_buckets(&p, &r->buckets);
    free(pk->data);
    pk->data = NULL;
    if (st != FL_OK)
        fl_result_free(r);
    return st;
}

void fl_packed_free(fl_packed *pk)
{
    if (!pk->data)
        return;
    fl_input in;
    fl_packed_input(pk, &in);
    fl_input_free(&in);
    free(pk->data);
    pk->data = NULL;
}

int fl_packed_cmp(const void *pa, const void *pb)
{
    const fl_packed *a = pa, *b = pb;
    int c = strcmp(a->path, b->path);
    if (c)
        return c;
    /* The same name twice (two hosts' partials): by content, as fl_result_cmp. */
    fl_result ra, rb;
    fl_packed_input(a, &ra.in);
    fl_packed_input(b, &rb.in);
    return fl_result_cmp(&ra, &rb);
}
