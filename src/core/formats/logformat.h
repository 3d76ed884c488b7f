/* logformat.h: --log-format custom access formats, GoAccess style (goaccess(1),
 * "CUSTOM LOG/DATE FORMAT"). A format string of literal characters and specifiers
 * (%h %r %s %b %d %t %x ...) is compiled once; lines are then matched against it
 * without allocation by the "custom" row of the format table (formats.c), which
 * finds the compiled format in fl_parse_state.custom. */
#ifndef FL_LOGFORMAT_H
#define FL_LOGFORMAT_H

#include <stddef.h>

#include "fl_status.h"

typedef struct fl_logformat fl_logformat;

/* Compile spec with the --date-format and --time-format strings (NULL: "%d/%b/%Y"
 * and "%H:%M:%S", the CLF ones). Log-format specifiers (goaccess(1)):
 *   %x date and time (date_fmt then time_fmt; date_fmt alone when it holds a time
 *      or a Unix time)   %d date (date_fmt)   %t time (time_fmt)
 *   %h client   %r request line "METHOD target PROTO"   %m method   %U URL path
 *   %q query   %H protocol   %s status   %b bytes ("-" unknown)   %R referer
 *   %u user agent   %v vhost   %e user   %C cache status   %k %K TLS   %M MIME type
 *   %D duration in us   %T in seconds (fraction allowed)   %L in ms   %n in ns
 *   %^ skip a field   %~ skip spaces   %% a '%'
 * A field ends at the first character of the literal that follows it in spec, or
 * at the next space (or the line end) when no literal follows (a last %r, %u or %R
 * runs to the line end); when that character is '"', backslash escapes inside the
 * field are skipped; the line may go on after the last item. "\t" in
 * spec is a tab. Date/time formats take %Y %y %m %d %e %b %H %M %S (a fraction after
 * the seconds is read unless the format itself continues with '.' or ','), %T
 * (%H:%M:%S), %F (%Y-%m-%d), %z (Z, +hh:mm, +hhmm), %s (Unix seconds), %* (Unix ms),
 * %f (Unix us; after a '.' or ',' literal: fraction digits) and literal characters.
 * The first duration specifier of spec wins. spec must contain %s and a date (%d or
 * %x). On error returns FL_ERR_USAGE with a message naming the position ("unknown
 * specifier %Z at column 12") in err (errlen bytes, NUL-terminated); FL_ERR_NOMEM
 * when out of memory. */
fl_status fl_logformat_compile(const char *spec, const char *date_fmt, const char *time_fmt,
                               fl_logformat **out, char *err, size_t errlen);

/* Free a compiled format (NULL is fine). */
void fl_logformat_free(fl_logformat *lf);

#endif
