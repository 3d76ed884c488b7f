/* report_lanes.c: rows ("lanes") for the labels of the incident marks on a chart, so
 * that labels never overlap: each label, taken left to right, goes to the highest
 * lane whose last label ends before it starts; a label that fits in no lane is not
 * drawn (its mark line still is). Used by the gnuplot script and the HTML charts. */
#include "report/report.h"

int fl_lane_place(fl_lanes *l, double x, double width)
{
    for (int k = 0; k < FL_LANES_MAX; k++) {
        if (k == l->n) {
            l->end[l->n++] = x + width;
            return k;
        }
        if (l->end[k] <= x) {
            l->end[k] = x + width;
            return k;
        }
    }
    return -1;
}
