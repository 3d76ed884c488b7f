/* json_access.h: what json_access.c (the keys, the general reader, the record) and
 * json_flat.c (the fast path for the flat lines most JSON access logs consist of:
 * a bitmap of quotes, and the file's learnt member layout) share. Private to those
 * two files. */
#ifndef FL_JSON_ACCESS_H
#define FL_JSON_ACCESS_H

#include <stddef.h>
#include <stdint.h>

#include "formats/json_scan.h"

typedef enum json_role {
    R_STATUS,
    R_TIME,
    R_METHOD,
    R_PATH,
    R_REQUEST,   /* "GET /x HTTP/1.1" string, or Caddy's request object */
    R_HOST,
    R_HOST_PORT, /* address with ":port" (Traefik ClientAddr) */
    R_BYTES,
    R_DUR_S,
    R_DUR_MS,
    R_DUR_NS,
    R_DUR_AMBIG, /* "duration": seconds for Caddy, ms otherwise (Envoy) */
    R_LOGGER,
    R_HEADERS,   /* Caddy's request.headers: {"User-Agent": ["..."], ...} */
    R_UA,
    R_UPSTREAM,
    R_N
} json_role;

typedef struct json_key {
    const char *name;
    size_t len;
    json_role role;
    int rank; /* lower wins when several keys of one role are present */
} json_key;

/* Where a member name is found in keys[]: an open-addressing table built from keys[]
 * in the file's parser state (fl_parse_state.priv) on the first line, so a member
 * costs a hash of three bytes and one compare instead of a scan of the whole table. */
#define KEY_SLOTS 256
typedef struct key_index {
    unsigned char ready;
    unsigned char slot[KEY_SLOTS]; /* 1 + index in keys[], 0 = empty */
} key_index;

/* The member names of the file's flat lines, in order, learnt from the last line
 * that collect_flat read (a file's lines come from one log_format, so they repeat
 * the same names): member k of a line is expected to start with its text ('{' or
 * ',', the quoted name, ':'), compared in one or two 16-byte loads, and what the name
 * means was looked up once, when it was learnt. */
#define LAYOUT_MAX 32
#define LAYOUT_NAME 32 /* longest member text: '{' or ',', a 28-byte name in quotes, ':' */
typedef struct layout_member {
    char head[16];       /* the text's first 16 bytes (zeros after a shorter text) */
    char tail[16];       /* its last 16 bytes, when it is longer */
    unsigned char n;     /* its length, 4..LAYOUT_NAME */
    unsigned char role;  /* json_role whose value the member gives, R_N: none */
    unsigned char rank;
} layout_member;

typedef struct json_layout {
    size_t n;            /* members; 0: nothing learnt */
    layout_member m[LAYOUT_MAX];
} json_layout;

/* The members found for each role (the best-ranked one). */
typedef struct json_found {
    fl_json_field f[R_N];
    int rank[R_N]; /* -1: absent */
    int caddy;
} json_found;

/* Where the members of a flat line start (the '{' or ',' before the name) and where
 * their values start, for learning the file's layout. */
typedef struct flat_members {
    size_t n; /* members seen; more than LAYOUT_MAX: too many to learn */
    uint16_t start[LAYOUT_MAX], value[LAYOUT_MAX];
} flat_members;

/* The keys[] entry named k[0..n), or NULL. */
const json_key *fl_jacc_key_find(const key_index *ix, const char *k, size_t n);

/* Record member f of an object level (nested: 0 the top level, 1 Caddy's
 * "request", 2 its "headers"); returns -1 when a nested request or headers object is
 * malformed. */
int fl_jacc_member(const key_index *ix, const fl_json_field *f, json_found *jf, int nested);

/* json_flat.c. Read a flat line ({"k":"v","n":1,...}, no whitespace or escapes)
 * from a bitmap of its quotes: 1 when the whole object was read, its members
 * recorded as fl_jacc_member would and their places in *fm; 0 otherwise (the caller
 * starts again with the general reader on a fresh json_found). */
int fl_jacc_collect_flat(const key_index *ix, const char *s, size_t len, json_found *jf,
                         flat_members *fm);
/* Learn the file's layout from line s, which fl_jacc_collect_flat read with *fm. */
void fl_jacc_layout_learn(json_layout *L, const key_index *ix, const char *s,
                          const flat_members *fm);
/* Read a line with the learnt layout: 1 when it has exactly the layout's members,
 * flat, jf then holding what the general reader would have found; 0 otherwise
 * (nothing is known then: the caller starts again). */
int fl_jacc_collect_layout(const json_layout *L, const char *s, size_t len, json_found *jf);

#endif
