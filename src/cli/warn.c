/* warn.c: the CLI's warnings and errors on stderr ("faultline: ..."). */
#include <stdarg.h>
#include <stdio.h>

#include "report/escape.h"
#include "warn.h"

/* Every message names inputs, members or lines from other hosts: its control bytes
 * are shown escaped (\x1b), never sent to the terminal. */
void fl_cli_warn(const char *fmt, ...)
{
    char msg[8192], safe[16384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "faultline: %s\n", fl_esc_term(msg, safe, sizeof safe));
}
