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
    chunk_hint hint;
    fl_result res;      /* what was read (not used for an archive) */
    int archive;        /* the file is an archive: its results are members[] */
    fl_result *members; /* an archive's results (malloc'd) */
    size_t n_members;
    fl_status st;       /* FL_OK or FL_ERR_NOMEM; problems with the file are in res.in */
} work_item;

/* Read every line of src into in and buckets (hint: a later chunk of a large file;
 * progress: NULL, or where an archive member's progress is counted). Problems with
 * the data are recorded in in; returns FL_ERR_NOMEM or FL_OK. */
fl_status fl_read_lines(const fl_config *cfg, fl_input *in, fl_buckets *buckets, fl_source *src,
                        const chunk_hint *hint, fl_matcher *matcher, progress_ref *progress);

/* Read work item w (a file, a chunk of one, or an archive) into w->res or
 * w->members; w->st is FL_ERR_NOMEM or FL_OK. */
void fl_read_item(const fl_config *cfg, work_item *w, fl_matcher *matcher);

/* Start an inventory entry named prefix + name + (":" + member when member is not
 * NULL), as cfg says (name "-" is stdin). Its source is the directory part of the
 * name; for an archive's member, ARCHIVE:DIR (ARCHIVE for a member at the top).
 * Returns FL_ERR_NOMEM only. */
fl_status fl_input_entry_init(fl_input *in, const fl_config *cfg, const char *path, const char *member);

/* Free what an inventory entry holds. */
void fl_input_free(fl_input *in);

#endif
