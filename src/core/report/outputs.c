/* outputs.c: the table of report files and the one routine that writes them all.
 * Every file is written to a temporary, each writer's status is checked, and the
 * set is renamed into place only when all succeeded. Adding an output is one writer
 * (a file of its own) and one row here. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "report/output.h"
#include "report/report.h"

static const fl_output outputs[] = {
    {"report.json", fl_write_json, 1}, /* the largest: on a thread of its own */
    {"buckets.csv", fl_write_csv, 0},
    {"timeline.md", fl_write_timeline_signed, 0},
    {"error_rate.gp", fl_write_chart_script, 0},
    {"error_rate.dat", fl_write_chart_data, 0},
    {"templates.dat", fl_write_kinds_data, 0},
    {"report.html", fl_write_html, 0},
};

const fl_output *fl_outputs(size_t *n)
{
    *n = sizeof outputs / sizeof outputs[0];
    return outputs;
}

int fl_output_is_ours(const char *name)
{
    for (size_t i = 0; i < sizeof outputs / sizeof outputs[0]; i++)
        if (strcmp(name, outputs[i].name) == 0)
            return 1;
    return fl_chart_is_ours(name);
}

/* One writer's run: its own copy of the report, so that the out-of-memory flag the
 * report helpers raise is its own (writers may run on two threads). */
typedef struct output_job {
    const fl_output *row;
    fl_report rep;
    int nomem;
    FILE *f;
    fl_status st;
    int err;           /* errno after a failed write */
} output_job;

static void *run_job(void *arg)
{
    output_job *j = arg;
    j->rep.nomem = &j->nomem;
    j->st = j->row->write(&j->rep, j->f);
    j->err = errno;
    if (j->st == FL_OK && j->nomem)
        j->st = FL_ERR_NOMEM;
    return NULL;
}

fl_status fl_write_outputs(const fl_report *r, fl_outdir *od, int threads, char *err, size_t errlen)
{
    enum { N = sizeof outputs / sizeof outputs[0] };
    output_job jobs[N];
    for (size_t i = 0; i < N; i++) {
        jobs[i] = (output_job){&outputs[i], *r, 0, NULL, FL_OK, 0};
        if (!(jobs[i].f = fl_outdir_create(od, outputs[i].name, err, errlen)))
            return FL_ERR_IO;
    }
    /* Writers only read the finished run: the largest is written by a second
     * thread while this one writes the others. */
    pthread_t thread;
    int threaded = -1;
    for (size_t i = 0; i < N && threads; i++)
        if (outputs[i].own_thread && threaded < 0 && pthread_create(&thread, NULL, run_job, &jobs[i]) == 0)
            threaded = (int)i;
    for (size_t i = 0; i < N; i++)
        if ((int)i != threaded)
            run_job(&jobs[i]);
    if (threaded >= 0)
        pthread_join(thread, NULL);
    for (size_t i = 0; i < N; i++)
        if (jobs[i].st != FL_OK) {
            snprintf(err, errlen, "cannot write %s/%s: %s", od->dir, outputs[i].name,
                     jobs[i].st == FL_ERR_IO && jobs[i].err ? strerror(jobs[i].err) : fl_strerror(jobs[i].st));
            return jobs[i].st;
        }
    fl_status st = fl_keep_edited_timeline(od, err, errlen);
    if (st != FL_OK)
        return st;
    return fl_outdir_commit(od, err, errlen);
}
