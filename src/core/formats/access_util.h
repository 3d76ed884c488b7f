/* access_util.h: field scanners shared by the access-log formats (tokens, numbers,
 * quoted strings, request lines, "addr:port"). Specification: the field syntax of
 * the formats that use them (Apache mod_log_config quoting, AWS ELB/ALB, HAProxy,
 * Envoy, Squid, W3C). Every function works on a (pointer, length) slice, never
 * allocates and never reads past the length it is given. */
#ifndef FL_ACCESS_UTIL_H
#define FL_ACCESS_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "format.h"

/* Reset rec to an access record with no fields: status 0, bytes and duration -1,
 * empty host/method/path/message, level NONE. */
void fl_acc_record_init(fl_record *rec);

/* Next token of s[*pos..len) ending at sep (or at len). With runs nonzero, leading
 * separators are skipped first (space-padded columns). Sets *tok and *tok_len, moves *pos
 * past the separator that ended the token and returns 1; returns 0 when no token is
 * left. */
int fl_acc_token(const char *s, size_t len, size_t *pos, char sep, int runs, const char **tok,
                 size_t *tok_len);

/* Unsigned decimal integer made of all n bytes (1..18 digits); returns 1 on success. */
int fl_acc_uint(const char *s, size_t n, int64_t *v);

/* HTTP status of exactly three digits, 100..599; "000" gives 0 when zero_ok.
 * Returns 1 on success. */
int fl_acc_status(const char *s, size_t n, int zero_ok, int *status);

/* Decimal number of all n bytes: optional '-', digits, optional '.' and digits
 * ("0.000073", "-1", "12"). Returns 1 on success. */
int fl_acc_decimal(const char *s, size_t n, double *v);

/* s[i] == '"': the index just past the closing quote (backslash escapes skipped),
 * or 0 when the quote is not closed before len. */
size_t fl_acc_skip_quoted(const char *s, size_t len, size_t i);

/* Split a request line "METHOD target PROTOCOL" into rec's method and path (both
 * empty for "-" or an empty request). */
void fl_acc_split_request(const char *r, size_t len, fl_record *rec);

/* The address of "addr:port", "[v6]:port", "[v6]" or a bare address: port and
 * brackets dropped. A bare IPv6 address (two or more ':') is kept whole, since its
 * last group cannot be told from a port. */
void fl_acc_strip_port(const char *s, size_t n, const char **addr, size_t *addr_len);

/* Narrow an absolute URL "scheme://authority/path?q" to "/path?q" ("/" when it has
 * no path); other targets are left alone. */
void fl_acc_url_path(const char **p, size_t *n);

#endif
