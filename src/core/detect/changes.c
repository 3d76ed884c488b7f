/* changes.c: ranking the mined templates by what changed at an incident's onset
 * (new kinds and surges, with a Poisson test so a handful of messages is no surge). */
#include "detect/changes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "formats/format.h"

double fl_poisson_score(uint64_t k, double lambda)
{
    if (lambda <= 0 || k == 0)
        return 0;
    if ((double)k <= lambda) { /* the tail is at least about a half: 1 - the CDF */
        double cdf = 0, pmf = exp(-lambda);
        for (uint64_t i = 0; i < k && pmf > 0; i++) {
            cdf += pmf;
            pmf *= lambda / (double)(i + 1);
        }
        return cdf < 1 ? -log10(1 - cdf) : 0;
    }
    /* P(X >= k) = P(X = k) * (1 + l/(k+1) + l^2/((k+1)(k+2)) + ...): the ratios are
     * below 1 once k > lambda, so the series converges; summed in log space. */
    double kd = (double)k, log_pk = -lambda + kd * log(lambda) - lgamma(kd + 1);
    double sum = 1, term = 1;
    for (uint64_t j = 1; j < 100000; j++) {
        term *= lambda / (kd + (double)j);
        sum += term;
        if (term < 1e-12 * sum)
            break;
    }
    double s = -(log_pk + log(sum)) / log(10.0);
    return s > 0 ? s : 0;
}

/* Level class: 0 error and above, 1 warning, 2 the rest. */
static int level_class(int level) { return level >= FL_LEVEL_ERROR ? 0 : level == FL_LEVEL_WARN ? 1 : 2; }

/* A ranked change with what its order needs (qsort takes no context). */
typedef struct ranked {
    fl_change c;
    int64_t first_ms;
    const char *text;
} ranked;

static int ranked_cmp(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    int la = level_class(a->c.level), lb = level_class(b->c.level);
    if (la != lb)
        return la < lb ? -1 : 1;
    if (a->c.score != b->c.score)
        return a->c.score > b->c.score ? -1 : 1;
    if (a->first_ms != b->first_ms)
        return a->first_ms < b->first_ms ? -1 : 1;
    return strcmp(a->text, b->text);
}

/* Score slot s; 1 when it is ranked (c filled). */
static int score_slot(const fl_mined *m, uint32_t s, int64_t b0, int64_t w0, int64_t w1, fl_change *c)
{
    uint64_t win = fl_mined_count_in(m, s, w0, w1);
    if (!win)
        return 0;
    const fl_tmpl_info *t = &m->info[s];
    uint64_t base = fl_mined_count_in(m, s, b0, w0);
    int64_t first_b = t->first_ms / m->bucket_ms - (t->first_ms % m->bucket_ms < 0);
    double nb = (double)(w0 - b0), nw = (double)(w1 - w0);
    memset(c, 0, sizeof *c);
    c->slot = s;
    c->level = t->level;
    c->window = win;
    c->base = base;
    c->base_rate = (double)base / nb;
    c->is_new = base == 0 && first_b >= w0;
    c->expected = (base ? (double)base : 0.5) / nb * nw;
    c->score = fl_poisson_score(win, c->expected);
    if (c->is_new)
        return t->level >= FL_LEVEL_WARN || c->score >= FL_CHANGE_MIN_SCORE;
    return c->score >= FL_CHANGE_MIN_SCORE && (double)win >= FL_CHANGE_MIN_RATIO * c->expected;
}

fl_status fl_changes_rank(const fl_mined *m, int64_t b0, int64_t w0, int64_t w1, size_t max,
                          fl_change **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!m || w0 - b0 < FL_CHANGE_MIN_BASE || w1 <= w0 || !max)
        return FL_OK;
    size_t slots = fl_miner_slots(m->miner), k = 0;
    ranked *r = malloc((slots ? slots : 1) * sizeof *r);
    if (!r)
        return FL_ERR_NOMEM;
    for (uint32_t s = 0; s < slots; s++)
        if (fl_miner_count(m->miner, s) && score_slot(m, s, b0, w0, w1, &r[k].c)) {
            r[k].first_ms = m->info[s].first_ms;
            r[k++].text = fl_miner_text(m->miner, s);
        }
    qsort(r, k, sizeof *r, ranked_cmp);
    size_t keep = k < max ? k : max;
    fl_change *c = keep ? malloc(keep * sizeof *c) : NULL;
    if (keep && !c) {
        free(r);
        return FL_ERR_NOMEM;
    }
    for (size_t i = 0; i < keep; i++)
        c[i] = r[i].c;
    free(r);
    *out = c;
    *n = keep;
    return FL_OK;
}
