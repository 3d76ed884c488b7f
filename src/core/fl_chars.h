/* fl_chars.h: character classes for the parsers, locale-free (ctype's isdigit
 * depends on the locale and takes an int that must be an unsigned char). */
#ifndef FL_CHARS_H
#define FL_CHARS_H

#include <stddef.h>

static inline int fl_is_digit(char c) { return c >= '0' && c <= '9'; }

/* The n decimal digits at s as a number (n small enough for an int), -1 if any of
 * them is not a digit. */
static inline int fl_digits_value(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!fl_is_digit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

#endif
