/* read.h (internal to analysis/): what the readers, the archive walk and the
 * scheduler share: a work item, reading the lines of one source, inventory entries. */
#ifndef FL_READ_H
#define FL_READ_H

#include "analysis/analysis.h"
#include "formats/format.h"
#include "input/input.h"
#include "match/patterns.h"

/* The source whose file bytes the progress display counts (an archive's, for its
 * members), and how many of them were counted. */
typedef struct progress_ref {
    const fl_source *src;
    uint64_t reported;
} progress_ref;

/* What the first lines of a large file tell its chunks: the format as detected (its
 * score and reasons, so that every chunk labels it as a whole read would) and the
 * time anchor of those lines. */
typedef struct chunk_hint {
    uint64_t offset;        /* where the chunk starts in its file */
    const fl_format *fmt;
    int64_t anchor_ms;
    int format_score;
    char format_why[320];
} chunk_hint;

/* One unit of work: a whole file, or the chunk [start, end) of a large one, or an
 * archive (one result per member). */
typedef struct work_item {
    const char *path;
    size_t path_index;  /* which input it belongs to */
    int chunked;        /* a chunk: plain, format known */
    uint64_t start, end;
    chunk_hint *hint;   /* a chunk's (malloc'd), else NULL */
    fl_result *res;     /* a chunk's result (malloc'd), folded with the file's others */
    fl_packed packed;   /* a whole file's result, packed when read */
    int archive;        /* the file is an archive: its results are members[] */
    fl_packed *members; /* an archive's results, packed (malloc'd) */
    size_t n_members;
    fl_status st;       /* FL_OK or FL_ERR_NOMEM; problems with the file are in the result */
} work_item;

/* Read every line of src into in and buckets (hint: a later chunk of a large file;
 * progress: NULL, or where an archive member's progress is counted). Problems with
 * the data are recorded in in; returns FL_ERR_NOMEM or FL_OK. */
fl_status fl_read_lines(const fl_config *cfg, fl_input *in, fl_buckets *buckets, fl_source *src,
                        const chunk_hint *hint, fl_matcher *matcher, progress_ref *progress);

/* Read work item w (a file, a chunk of one, or an archive) into w->packed, w->res
 * (a chunk) or w->members; w->st is FL_ERR_NOMEM or FL_OK. */
void fl_read_item(const fl_config *cfg, work_item *w, fl_matcher *matcher);

/* Start an inventory entry named prefix + name + (":" + member when member is not
 * NULL), as cfg says (name "-" is stdin). Its source is the directory part of the
 * name; for an archive's member, ARCHIVE:DIR (ARCHIVE for a member at the top).
 * Returns FL_ERR_NOMEM only. */
fl_status fl_input_entry_init(fl_input *in, const fl_config *cfg, const char *path, const char *member);

/* The zone tallies of fl_analysis_add_packed (zone_guess.c): the (group, offset)
 * pairs of every input, folded per source, archive and run. */
typedef struct fl_zone_tallies fl_zone_tallies;

/* New empty tallies; NULL when out of memory. */
fl_zone_tallies *fl_zone_tallies_new(void);
/* Count the offsets of input in (its name is borrowed until fl_zone_tallies_done). */
void fl_zone_tallies_add(fl_zone_tallies *t, const fl_input *in);
/* Done adding: the groups' names are copied. FL_OK or FL_ERR_NOMEM (some offsets
 * could not be counted: no guess may be made from t). */
fl_status fl_zone_tallies_done(fl_zone_tallies *t);
void fl_zone_tallies_free(fl_zone_tallies *t);
/* How input in would be placed (its own zone_guess/offset when it is not guessed). */
void fl_zone_decide(const fl_zone_tallies *t, const fl_input *in, fl_zone_guess *guess, int32_t *off);
/* How far (ms) that placement moves its times (0: not at all). */
int64_t fl_zone_shift_ms(fl_zone_guess guess, int32_t off, int64_t bucket_ms);
/* Place result r by t (fl_zone_decide), moving its times and buckets. */
void fl_zone_apply(const fl_zone_tallies *t, fl_result *r, int64_t bucket_ms);

/* The records of a's inputs and of pk[0..n) (placed as t says; t NULL: as they
 * are) span at most cfg->max_span buckets: FL_OK, or FL_ERR_SPAN with a->span_error
 * (span.c). Nothing is allocated. */
fl_status fl_packed_check_span(fl_analysis *a, const fl_packed *pk, size_t n, const fl_zone_tallies *t);

/* Free what an inventory entry holds. */
void fl_input_free(fl_input *in);

#endif
