/* archive_walk.c: one work item: a file, a chunk of one, or an archive whose
 * members (and archives inside it, to a fixed depth) are read in turn, each into a
 * result of its own (input/fl_archive.h). */
#include "analysis/read.h"

#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/fl_archive.h"
#include "time/fl_time.h"
#include "input/input.h"
#include "input/lines.h"

/* Archives inside archives are read in place too (a bundle of per-host bundles, an
 * .xz or .zst rotated log in a tar), down to this depth; deeper ones are refused, so
 * that a bomb of nested archives stops here. */
#define FL_ARCHIVE_DEPTH 3

/* Reading one archive item: the item, its members' capacity, the thread's matcher,
 * and the progress of the outermost source. */
typedef struct archive_walk {
    const fl_config *cfg;
    work_item *w;
    size_t cap;
    fl_matcher *matcher;
    progress_ref progress;
    fl_result cur;      /* the member being read (packed when the next one starts) */
    int have_cur;
} archive_walk;

/* Pack the member read last into the item's members, so that an archive of many
 * small members holds a few hundred bytes per member. Sets w->st when out of memory. */
static void flush_member(archive_walk *aw)
{
    work_item *w = aw->w;
    if (!aw->have_cur)
        return;
    aw->have_cur = 0;
    if (w->n_members == aw->cap && w->st == FL_OK) {
        size_t c = aw->cap ? aw->cap * 2 : 8;
        fl_packed *p = realloc(w->members, c * sizeof *p);
        if (p) {
            w->members = p;
            aw->cap = c;
        }
    }
    if (w->n_members == aw->cap || w->st != FL_OK) {
        fl_result_free(&aw->cur);
        w->st = FL_ERR_NOMEM;
        return;
    }
    if ((w->st = fl_result_pack(&aw->cur, &w->members[w->n_members])) == FL_OK)
        w->n_members++;
}

/* Start the next member's result (the one before is packed), its buckets ready;
 * NULL when out of memory. */
static fl_result *add_member(archive_walk *aw)
{
    flush_member(aw);
    if (aw->w->st != FL_OK)
        return NULL;
    fl_result *r = &aw->cur;
    memset(r, 0, sizeof *r);
    fl_buckets_init(&r->buckets, aw->cfg->bucket_ms, FL_INPUT_MAX_SPAN);
    r->buckets.n_sig = aw->cfg->patterns ? fl_patterns_count(aw->cfg->patterns) : 0;
    aw->have_cur = 1;
    return r;
}

/* "prefix:name" (malloc'd; NULL when out of memory): just name without a prefix,
 * just prefix for name "" (the one file of a compressed non-tar, named by its
 * archive). */
static char *join_member(const char *prefix, const char *name)
{
    size_t n = (prefix ? strlen(prefix) + 1 : 0) + strlen(name) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s%s", prefix ? prefix : "", prefix && name[0] ? ":" : "", name);
    return s;
}

/* A new member entry named prefix:name (prefix: the archives it lies in below the
 * item, NULL at the top; name as for join_member). NULL when out of memory (then
 * w->st says so). */
static fl_result *member_entry(archive_walk *aw, const char *prefix, const char *name)
{
    work_item *w = aw->w;
    char *full = prefix ? join_member(prefix, name) : NULL;
    fl_result *r = !prefix || full ? add_member(aw) : NULL;
    if (!r || fl_input_entry_init(&r->in, aw->cfg, w->path, prefix ? full : name[0] ? name : NULL) != FL_OK) {
        if (r) {
            fl_result_free(r);
            aw->have_cur = 0;
        }
        free(full);
        w->st = FL_ERR_NOMEM;
        return NULL;
    }
    if (prefix) { /* no directory after the inner archive's name: it is the source */
        size_t at = strlen(r->in.path) - strlen(full) + strlen(prefix);
        if (r->in.source_len < at && name[0])
            r->in.source_len = at;
    }
    free(full);
    return r;
}

/* An entry for an archive itself (damage between members, no file at all, or one
 * that could not be opened): format "archive", the error when why is not NULL. */
static void archive_entry(archive_walk *aw, const char *prefix, const char *name, fl_source *src,
                          fl_status st, const char *why)
{
    fl_result *r = member_entry(aw, prefix, name);
    if (!r)
        return;
    r->in.format = "archive";
    r->in.gzip = fl_source_is_gzip(src);
    r->in.bytes = fl_source_raw_bytes(src);
    if (why) {
        r->in.status = st;
        snprintf(r->in.error, sizeof r->in.error, "%s", why);
    }
}

static void read_members(archive_walk *aw, fl_archive *ar, const char *prefix, int depth);

/* Member name of ar (prefix as for member_entry), an archive of kind k in src:
 * read its members, or record on an entry why it cannot be. */
static void read_nested(archive_walk *aw, fl_source *src, fl_archive_kind k, const char *prefix,
                        const char *name, int depth)
{
    work_item *w = aw->w;
    char *inner_name = join_member(prefix, name), err[200];
    fl_archive *inner;
    if (!inner_name) {
        w->st = FL_ERR_NOMEM;
        return;
    }
    fl_status st = fl_archive_open(src, k, &inner, err, sizeof err);
    if (st == FL_ERR_NOMEM) {
        w->st = st;
    } else if (st != FL_OK) {
        archive_entry(aw, prefix, name, src, st, err);
    } else {
        size_t before = w->n_members + (size_t)aw->have_cur;
        read_members(aw, inner, inner_name, depth + 1);
        const char *damage = fl_archive_damage(inner);
        if (w->st == FL_OK && (damage || w->n_members + (size_t)aw->have_cur == before))
            archive_entry(aw, prefix, name, src, FL_ERR_ARCHIVE, damage);
        fl_archive_close(inner);
    }
    free(inner_name);
}

/* Read the members of ar (prefix as for member_entry, depth: archives around it). */
static void read_members(archive_walk *aw, fl_archive *ar, const char *prefix, int depth)
{
    work_item *w = aw->w;
    fl_archive_member m;
    fl_result *r;
    while (w->st == FL_OK && fl_archive_next(ar, &m)) {
        if (m.error) {
            if ((r = member_entry(aw, prefix, m.name))) {
                r->in.status = FL_ERR_ARCHIVE;
                snprintf(r->in.error, sizeof r->in.error, "%s", m.error);
            }
            continue;
        }
        fl_source *msrc;
        if ((w->st = fl_archive_member_open(ar, &msrc)) != FL_OK)
            break;
        const unsigned char *head;
        size_t n;
        fl_source_head(msrc, &head, &n);
        fl_archive_kind k = fl_archive_sniff(head, n);
        if (k != FL_ARCHIVE_NONE && depth < FL_ARCHIVE_DEPTH) {
            read_nested(aw, msrc, k, prefix, m.name, depth);
        } else if ((r = member_entry(aw, prefix, m.name)) && k != FL_ARCHIVE_NONE) {
            r->in.status = FL_ERR_ARCHIVE;
            snprintf(r->in.error, sizeof r->in.error, "%s inside %d levels of archives: not read",
                     fl_archive_kind_name(k), depth);
        } else if (r) {
            w->st = fl_read_lines(aw->cfg, &r->in, &r->buckets, msrc, NULL, aw->matcher, &aw->progress);
            r->in.gzip = fl_source_is_gzip(msrc);
            r->in.bytes = fl_source_raw_bytes(msrc);
        }
        fl_source_close(msrc);
    }
}

/* Read the archive of kind k that src (w->path) turned out to be: each regular
 * file in it, and in the archives inside it, becomes a result of its own. A member
 * that cannot be read is recorded on its entry, damage between members (or an
 * archive without a file) on the archive's own entry; what was read before it
 * counts. Sets w->st. */
static void read_archive(const fl_config *cfg, work_item *w, fl_result *res, fl_source *src,
                         fl_archive_kind k, fl_matcher *matcher)
{
    fl_archive *ar;
    char err[200];
    fl_status st = fl_archive_open(src, k, &ar, err, sizeof err);
    if (st != FL_OK) {
        /* FL_ERR_OPEN (no archive support) is warned about as "cannot read ERROR":
         * the error names the file; other warnings name it themselves. */
        res->in.status = st;
        snprintf(res->in.error, sizeof res->in.error, "%s%s%s", st == FL_ERR_OPEN ? res->in.path : "",
                 st == FL_ERR_OPEN ? ": " : "", err);
        w->st = st == FL_ERR_NOMEM ? st : FL_OK;
        return;
    }
    archive_walk aw;
    memset(&aw, 0, sizeof aw);
    aw.cfg = cfg;
    aw.w = w;
    aw.matcher = matcher;
    aw.progress.src = src;
    w->st = FL_OK;
    w->archive = 1;
    read_members(&aw, ar, NULL, 1);
    const char *damage = fl_archive_damage(ar);
    if (w->st == FL_OK && (damage || w->n_members + (size_t)aw.have_cur == 0))
        archive_entry(&aw, NULL, "", src, FL_ERR_ARCHIVE, damage);
    flush_member(&aw);
    fl_archive_close(ar);
}

/* Read w's file or chunk into r (fresh); w->st set. */
static void read_item_into(const fl_config *cfg, work_item *w, fl_result *r, fl_matcher *matcher)
{
    fl_source *src;
    char err[200];
    fl_buckets_init(&r->buckets, cfg->bucket_ms, FL_INPUT_MAX_SPAN);
    r->buckets.n_sig = cfg->patterns ? fl_patterns_count(cfg->patterns) : 0;
    if ((w->st = fl_input_entry_init(&r->in, cfg, w->path, NULL)) != FL_OK)
        return;
    fl_status st = w->chunked ? fl_source_open_range(w->path, w->start, w->end, &src, err, sizeof err)
                              : fl_source_open(w->path, &src, err, sizeof err);
    if (st != FL_OK) {
        r->in.status = st;
        snprintf(r->in.error, sizeof r->in.error, "%s", err);
        w->st = st == FL_ERR_NOMEM ? st : FL_OK;
        return;
    }
    if (!w->chunked) {
        /* Archives are told by their first bytes (after the file's own gzip). */
        const unsigned char *head;
        size_t n;
        fl_source_head(src, &head, &n);
        fl_archive_kind k = fl_archive_sniff(head, n);
        if (k != FL_ARCHIVE_NONE) {
            read_archive(cfg, w, r, src, k, matcher);
            fl_source_close(src);
            return;
        }
    }
    w->st = fl_read_lines(cfg, &r->in, &r->buckets, src, w->hint, matcher, NULL);
    r->in.gzip = fl_source_is_gzip(src);
    r->in.bytes = fl_source_raw_bytes(src);
    fl_source_close(src);
}

void fl_read_item(const fl_config *cfg, work_item *w, fl_matcher *matcher)
{
    fl_result *r = calloc(1, sizeof *r);
    if (!r) {
        w->st = FL_ERR_NOMEM;
        return;
    }
    read_item_into(cfg, w, r, matcher);
    if (w->chunked && w->st == FL_OK) {
        w->res = r; /* folded with the file's other chunks */
        return;
    }
    if (w->st == FL_OK && !w->archive)
        w->st = fl_result_pack(r, &w->packed);
    else
        fl_result_free(r);
    free(r);
}
