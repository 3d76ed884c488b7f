/* schedule.c: planning the work (one item per file, large plain access logs cut
 * in chunks at line starts), the thread pool that reads the items, and the folding
 * of a file's chunks back into one result, in file order for any --jobs. */
#include "analysis/read.h"
#include "analysis/classify.h"

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

/* Fold a later chunk's inventory into the file's entry. */
static void merge_chunk_input(fl_input *into, const fl_input *c)
{
    for (size_t k = 0; k < c->n_bad_line && into->n_bad_line < FL_SAMPLE_BAD; k++)
        into->bad_line[into->n_bad_line++] = into->lines + c->bad_line[k];
    if (c->records && (!into->records || c->first_ms < into->first_ms)) {
        into->first_ms = c->first_ms;
        into->first_line = into->lines + c->first_line;
    }
    if (c->records && (!into->records || c->last_ms >= into->last_ms)) {
        into->last_ms = c->last_ms;
        into->last_line = into->lines + c->last_line;
    }
    for (size_t k = 0; k < c->n_gaps; k++) { /* (a gap across the chunks' seam is not seen) */
        fl_gap g = c->gaps[k];
        g.from_line += into->lines;
        g.to_line += into->lines;
        fl_input_note_gap(into, &g);
    }
    into->bytes += c->bytes;
    into->lines += c->lines;
    into->blank += c->blank;
    into->header += c->header;
    into->continuation += c->continuation;
    into->records += c->records;
    into->access_records += c->access_records;
    into->server_errors += c->server_errors;
    into->local_time_records += c->local_time_records;
    into->match_limited += c->match_limited;
    for (size_t k = 0; k < FL_SKIP_N; k++)
        into->skipped[k] += c->skipped[k];
    for (size_t k = 0; k < c->n_offsets; k++)
        fl_input_add_offset(into, c->offsets[k], c->offset_count[k]);
    if (into->status == FL_OK && c->status != FL_OK) {
        into->status = c->status;
        snprintf(into->error, sizeof into->error, "%s", c->error);
    }
}

/* Chunk boundaries of a large plain access log: the first line start at or after
 * each multiple of chunk bytes. Returns the number of chunks (1 = read whole),
 * with starts in *starts (malloc'd). */
static size_t plan_chunks(const char *path, uint64_t size, uint64_t chunk, uint64_t **starts)
{
    size_t n = (size_t)(size / chunk) + 1, k = 1;
    uint64_t *s = malloc(n * sizeof *s);
    char buf[65536];
    if (!s)
        return 1;
    s[0] = 0;
    FILE *f = fopen(path, "rb");
    for (size_t i = 1; f && i < n; i++) {
        uint64_t at = (uint64_t)i * chunk;
        if (at <= s[k - 1] || fseeko(f, (off_t)at - 1, SEEK_SET) != 0)
            continue;
        size_t got;
        while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
            char *nl = memchr(buf, '\n', got);
            if (nl) {
                at += (uint64_t)(nl - buf);
                if (at < size)
                    s[k++] = at;
                break;
            }
            at += got;
        }
    }
    if (f)
        fclose(f);
    *starts = s;
    return k;
}

/* Decide whether path is read in chunks: a large plain file whose first lines are an
 * access format without header lines (W3C-like formats keep state between lines).
 * Fills hint on success. */
static int chunkable(const fl_config *cfg, const char *path, uint64_t *size, chunk_hint *hint)
{
    fl_source *src;
    char err[200];
    int ok = 0;
    struct stat sb;
    if (strcmp(path, "-") == 0 || stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) ||
        (uint64_t)sb.st_size < 2 * cfg->chunk_bytes ||
        fl_source_open(path, &src, err, sizeof err) != FL_OK)
        return 0;
    *size = (uint64_t)sb.st_size;
    const unsigned char *head = NULL;
    size_t n = 0;
    if (!fl_source_is_gzip(src))
        fl_source_head(src, &head, &n);
    /* Archives are read whole by one thread: their members are not lines. */
    if (!fl_source_is_gzip(src) && fl_archive_sniff(head, n) == FL_ARCHIVE_NONE) {
        fl_input in;
        fl_buckets b;
        fl_buckets_init(&b, cfg->bucket_ms, FL_INPUT_MAX_SPAN);
        if (fl_input_entry_init(&in, cfg, path, NULL) == FL_OK) {
            fl_source *whole;
            uint64_t probe = cfg->chunk_bytes < (512u << 10) ? cfg->chunk_bytes : (512u << 10);
            if (fl_source_open_range(path, 0, probe, &whole, err, sizeof err) == FL_OK) {
                fl_read_lines(cfg, &in, &b, whole, NULL, NULL, NULL); /* the first 512 KiB decide */
                fl_source_close(whole);
                hint->fmt = fl_format_find(in.format);
                ok = hint->fmt && hint->fmt->kind == FL_KIND_ACCESS && !in.header && !in.binary &&
                     in.records > 0;
                /* The chunks label and anchor the file as a whole read (or stdin) does. */
                hint->anchor_ms = ok ? in.anchor_ms : 0;
                hint->format_score = in.format_score;
                snprintf(hint->format_why, sizeof hint->format_why, "%s", in.format_why);
            }
            fl_input_free(&in);
        }
        fl_buckets_free(&b);
    }
    fl_source_close(src);
    return ok;
}

typedef struct work_queue {
    const fl_config *cfg;
    work_item *items;
    size_t n;
    atomic_size_t next;  /* next item to take */
} work_queue;

static void *worker(void *arg)
{
    work_queue *q = arg;
    size_t i;
    fl_matcher *m = q->cfg->patterns ? fl_matcher_new(q->cfg->patterns) : NULL;
    while ((i = atomic_fetch_add(&q->next, 1)) < q->n) {
        if ((q->cfg->patterns && !m) || (q->items[i].chunked && !q->items[i].hint))
            q->items[i].st = FL_ERR_NOMEM;
        else
            fl_read_item(q->cfg, &q->items[i], m);
    }
    fl_matcher_free(m);
    return NULL;
}

/* One work item per small file, one per chunk of a large plain access log. */
static work_item *plan_work(const fl_config *cfg, char *const *paths, size_t n, size_t *count)
{
    size_t cap = n ? n : 1, k = 0;
    work_item *items = calloc(cap, sizeof *items);
    for (size_t i = 0; items && i < n; i++) {
        uint64_t size = 0, *starts = NULL;
        chunk_hint hint = {0};
        size_t chunks = chunkable(cfg, paths[i], &size, &hint)
                            ? plan_chunks(paths[i], size, cfg->chunk_bytes, &starts)
                            : 1;
        if (k + chunks > cap) {
            cap = (k + chunks) * 2;
            work_item *p = realloc(items, cap * sizeof *p);
            if (!p) {
                free(starts);
                free(items);
                return NULL;
            }
            items = p;
        }
        for (size_t c = 0; c < chunks; c++) {
            work_item *w = &items[k++];
            memset(w, 0, sizeof *w);
            w->path = paths[i];
            w->path_index = i;
            if (chunks > 1) {
                w->chunked = 1;
                w->start = starts[c];
                w->end = c + 1 < chunks ? starts[c + 1] : size;
                if ((w->hint = malloc(sizeof *w->hint))) {
                    *w->hint = hint;
                    w->hint->offset = starts[c];
                }
            }
        }
        free(starts);
    }
    *count = k;
    return items;
}

/* Fold a later chunk of a file into the file's first item (the chunks of a file
 * are consecutive items, in file order). */
static fl_status fold_chunk(work_item *first, work_item *chunk)
{
    fl_status st = first->st != FL_OK ? first->st : chunk->st;
    if (st == FL_OK)
        st = fl_buckets_merge(&first->res->buckets, &chunk->res->buckets);
    if (st == FL_OK)
        merge_chunk_input(&first->res->in, &chunk->res->in);
    if (chunk->res)
        fl_result_free(chunk->res);
    free(chunk->res);
    chunk->res = NULL;
    return st;
}

/* The packed result of the file whose last item is w (its chunks folded into its
 * first item's result, moved along to w), into *out; FL_OK or FL_ERR_NOMEM. */
static fl_status file_result(work_item *w, fl_packed *out)
{
    fl_status st = w->st;
    if (w->chunked && w->res) {
        if (st == FL_OK)
            st = fl_result_pack(w->res, out);
        else
            fl_result_free(w->res);
        free(w->res);
        w->res = NULL;
        return st;
    }
    if (st == FL_OK)
        *out = w->packed;
    else
        fl_packed_free(&w->packed);
    w->packed.data = NULL;
    return st;
}

/* Release what items[from..count) still hold. */
static void free_items(work_item *items, size_t from, size_t count)
{
    for (size_t i = from; i < count; i++) {
        for (size_t m = 0; m < items[i].n_members; m++)
            fl_packed_free(&items[i].members[m]);
        free(items[i].members);
        fl_packed_free(&items[i].packed);
        if (items[i].res)
            fl_result_free(items[i].res);
        free(items[i].res);
        free(items[i].hint);
    }
}

/* Run the workers over items[0..count) with jobs threads (the caller's included). */
static fl_status run_workers(const fl_config *cfg, work_item *items, size_t count, unsigned jobs)
{
    if (jobs == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = cores > 0 ? (unsigned)cores : 1;
    }
    if (jobs > count)
        jobs = count ? (unsigned)count : 1;
    work_queue q = {cfg, items, count, 0};
    pthread_t *threads = calloc(jobs, sizeof *threads);
    if (!threads)
        return FL_ERR_NOMEM;
    unsigned started = 0;
    for (; started + 1 < jobs; started++) /* the calling thread is the last worker */
        if (pthread_create(&threads[started], NULL, worker, &q) != 0)
            break;
    worker(&q);
    for (unsigned t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    free(threads);
    return FL_OK;
}

fl_status fl_analysis_read_files(const fl_config *cfg, char *const *paths, size_t n, unsigned jobs,
                                 fl_packed **out, size_t *nout)
{
    size_t count = 0;
    work_item *items = plan_work(cfg, paths, n, &count);
    if (!items)
        return FL_ERR_NOMEM;
    if (run_workers(cfg, items, count, jobs) != FL_OK) {
        free_items(items, 0, count);
        free(items);
        return FL_ERR_NOMEM;
    }
    /* One result per file, its chunks folded in file order (the same for any jobs),
     * or one per archive member: sized now that the members are known. */
    size_t total = 0, k = 0;
    for (size_t i = 0; i < count; i++)
        total += items[i].archive ? items[i].n_members
                 : (i + 1 == count || items[i + 1].path_index != items[i].path_index);
    fl_packed *res = malloc((total ? total : 1) * sizeof *res);
    fl_status st = res ? FL_OK : FL_ERR_NOMEM;
    for (size_t i = 0; i < count && st == FL_OK; i++) {
        free(items[i].hint);
        items[i].hint = NULL;
        if (items[i].archive) {
            for (size_t m = 0; m < items[i].n_members; m++)
                res[k++] = items[i].members[m];
            st = items[i].st;
            free(items[i].members);
            items[i].members = NULL;
            items[i].n_members = 0;
            continue;
        }
        if (i > 0 && items[i - 1].path_index == items[i].path_index) {
            items[i].st = fold_chunk(&items[i - 1], &items[i]);
            items[i].res = items[i - 1].res; /* the file's result moves along */
            items[i - 1].res = NULL;
        }
        if (i + 1 < count && items[i + 1].path_index == items[i].path_index)
            continue;
        if ((st = file_result(&items[i], &res[k])) == FL_OK)
            k++;
    }
    free_items(items, 0, count);
    free(items);
    if (st != FL_OK) {
        for (size_t i = 0; i < k; i++)
            fl_packed_free(&res[i]);
        free(res);
        return st;
    }
    *out = res;
    *nout = k;
    return FL_OK;
}
