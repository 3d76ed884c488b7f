/* report_rank.c: which incident matters. A week of logs has one long outage and a
 * handful of short dips; the timeline names the main one and folds the minor ones
 * into one line. Weight: requests lost (per bucket, the expected requests that did not
 * succeed: max(R, X) - (R - F), the impact's numerator), or, without an access log,
 * duration x peak impact; a warning burst is never the main one beside an incident of
 * another kind. */
#include "report/report.h"

#define MINOR_S (15 * 60)   /* a minor incident lasts less than this ... */
#define MINOR_SHARE 0.05    /* ... and weighs less than this share of the main one */

double fl_incident_lost(const fl_report *r, size_t k)
{
    const fl_incident *inc = &r->detection->incidents[k];
    double lost = 0;
    for (size_t i = inc->onset; i < inc->end && i < r->n; i++) {
        double x = r->detection->expected[i], req = r->requests[i];
        double want = req > x ? req : x, ok = req - r->failed[i];
        lost += want > ok ? want - ok : 0;
    }
    return lost;
}

static double weight(const fl_report *r, size_t k)
{
    const fl_incident *inc = &r->detection->incidents[k];
    if (r->analysis->access_records)
        return fl_incident_lost(r, k);
    return (double)(inc->end - inc->onset) * inc->peak_impact;
}

/* Whether incident k outranks incident j: a warning burst never outranks an
 * incident of another kind (warnings are a sign, errors and silences the harm);
 * otherwise the heavier one (ties: neither). */
static int outranks(const fl_report *r, size_t k, size_t j)
{
    int wk = r->detection->incidents[k].kind == FL_INCIDENT_WARNINGS;
    int wj = r->detection->incidents[j].kind == FL_INCIDENT_WARNINGS;
    if (wk != wj)
        return wj;
    return weight(r, k) > weight(r, j);
}

size_t fl_incident_main(const fl_report *r)
{
    size_t best = 0;
    for (size_t k = 1; k < r->detection->n_incidents; k++)
        if (outranks(r, k, best)) /* ties: the earlier */
            best = k;
    return best;
}

int fl_incident_minor(const fl_report *r, size_t k, size_t main)
{
    const fl_incident *inc = &r->detection->incidents[k];
    int64_t s = fl_report_bucket_start(r, inc->end) - fl_report_bucket_start(r, inc->onset);
    return k != main && s < MINOR_S && weight(r, k) < MINOR_SHARE * weight(r, main);
}
