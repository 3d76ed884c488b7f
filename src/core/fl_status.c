/* fl_status.c: text for each fl_status value. */
#include "fl_status.h"

const char *fl_strerror(fl_status st)
{
    switch (st) {
    case FL_OK: return "success";
    case FL_ERR_NOMEM: return "out of memory";
    case FL_ERR_IO: return "input/output error";
    case FL_ERR_OPEN: return "cannot open";
    case FL_ERR_USAGE: return "invalid usage";
    case FL_ERR_PARSE: return "malformed input";
    case FL_ERR_GZIP: return "corrupt gzip data";
    case FL_ERR_TRUNCATED: return "truncated compressed stream";
    case FL_ERR_NODATA: return "no usable data";
    case FL_ERR_TZ: return "unknown time zone";
    case FL_ERR_ARCHIVE: return "damaged or unsupported archive";
    case FL_ERR_SPAN: return "the records span too long a time";
    case FL_STATUS_N: break;
    }
    return "unknown error";
}
