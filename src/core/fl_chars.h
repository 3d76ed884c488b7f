/* fl_chars.h: character classes for the parsers, locale-free (ctype's isdigit
 * depends on the locale and takes an int that must be an unsigned char). */
#ifndef FL_CHARS_H
#define FL_CHARS_H

static inline int fl_is_digit(char c) { return c >= '0' && c <= '9'; }

#endif
