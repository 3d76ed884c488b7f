/* json_scan.h: an allocation-free scanner over one JSON object per line (RFC 8259),
 * for the JSON-lines formats' fast path. It walks the top-level members and hands
 * out raw slices; nested objects and arrays come back whole (use fl_json_next on the
 * slice to descend). String values keep their escapes (fl_json_unescape copies). */
#ifndef FL_JSON_SCAN_H
#define FL_JSON_SCAN_H

#include <stddef.h>
#include <stdint.h>

typedef struct fl_json_field {
    const char *key;   /* member name without quotes, escapes kept */
    size_t key_len;
    const char *val;   /* string: contents without quotes; other: the raw token */
    size_t val_len;
    int is_string;
} fl_json_field;

/* Next member of the object in s[0..len) (leading/trailing blanks allowed); *pos
 * starts at 0. Returns 1 for a member, 0 after the last, -1 when malformed. */
int fl_json_next(const char *s, size_t len, size_t *pos, fl_json_field *f);

/* First member named key; returns 1 when found, 0 if absent, -1 malformed. */
int fl_json_get(const char *s, size_t len, const char *key, fl_json_field *f);

/* A member's value as an integer (a JSON number, or a string holding one, like
 * "503"); returns 1 on success. */
int fl_json_int(const fl_json_field *f, int64_t *v);

/* As a double (number or numeric string); returns 1 on success. */
int fl_json_double(const fl_json_field *f, double *v);

/* Copy a string value into out (NUL-terminated, truncated to out_len-1), decoding
 * \" \\ \/ \b \f \n \r \t and \uXXXX (as UTF-8; lone surrogates become '?').
 * Returns the decoded length. */
size_t fl_json_unescape(const char *s, size_t len, char *out, size_t out_len);

#endif
