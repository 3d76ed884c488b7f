/* escape.h: text from logs, file and member names made safe to show. Names and log
 * lines come from other hosts and other people: a terminal must never receive their
 * control bytes (ESC sequences set the window title, clear the screen, write the
 * clipboard), and Markdown or HTML must never take them for markup. One helper per
 * destination, used everywhere such text is written. */
#ifndef FL_ESCAPE_H
#define FL_ESCAPE_H

#include <stddef.h>

/* Length of the printable UTF-8 character at s (1 to 4), or 0 when the byte at s
 * is a control (C0, DEL, C1 raw or UTF-8 encoded) or not valid UTF-8. s[0] != 0. */
size_t fl_utf8_printable(const char *s);

/* s for a terminal: every byte fl_utf8_printable refuses written as the four
 * characters \xHH, and a backslash as \\ (so the escapes cannot be faked). Written
 * into buf (len > 4), cut with "..." when too long; returns buf. */
char *fl_esc_term(const char *s, char *buf, size_t len);

/* s as Markdown text (a paragraph, list item or GFM table cell): controls as \xHH;
 * the characters Markdown acts on (\ ` * _ [ ] | #) backslash-escaped ('_' only at a
 * word's edge, where it could start emphasis); < > & as entities. At most max
 * bytes of s are used, "..." marking a cut. Appended at out[*o] within cap (NUL
 * kept); returns the new length. */
size_t fl_md_text(char *out, size_t cap, size_t o, const char *s, size_t max);

/* s as a Markdown code span, delimiters included, safe in a GFM table cell: a run of
 * backticks longer than any inside, a space inside each delimiter when s starts or
 * ends with a backtick or space, '|' as \|, controls as \xHH; at most max bytes of s
 * ("..." marks a cut). Appended like fl_md_text. */
size_t fl_md_code(char *out, size_t cap, size_t o, const char *s, size_t max);

#endif
