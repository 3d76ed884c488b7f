/* fuzz_json_scan.c: the JSON-lines scanner (formats/json_scan.h) on the input as one
 * line: every member of the object, nested objects and arrays descended into (up to
 * a depth), values read as numbers and unescaped into buffers of several sizes (a
 * small buffer must receive a prefix of what a large one does), and fl_json_get. */
#define _GNU_SOURCE
#include "fuzz_util.h"

#include "formats/json_scan.h"

#define MAX_DEPTH 8

static int within(const char *p, size_t n, const char *s, size_t len)
{
    return p >= s && n <= len && (size_t)(p - s) <= len - n;
}

static void check_unescape(const char *v, size_t n)
{
    char *full = malloc(n + 1);
    if (!full)
        return;
    size_t fn = fl_json_unescape(v, n, full, n + 1);
    FUZZ_CHECK(fn <= n && full[fn] == 0);
    static const size_t sizes[] = {1, 2, 3, 5, 16};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        char *small = malloc(sizes[k]); /* exact size: ASan sees a write past it */
        if (!small)
            break;
        size_t sn = fl_json_unescape(v, n, small, sizes[k]);
        FUZZ_CHECK(sn < sizes[k] && small[sn] == 0);
        FUZZ_CHECK(sn <= fn && memcmp(small, full, sn) == 0);
        free(small);
    }
    FUZZ_CHECK(fl_json_unescape(v, n, full, 0) == 0);
    free(full);
}

static void scan(const char *s, size_t len, int depth)
{
    size_t pos = 0, prev = 0;
    fl_json_field f;
    int r, members = 0;
    while ((r = fl_json_next(s, len, &pos, &f)) == 1) {
        FUZZ_CHECK(pos > prev && pos <= len); /* progress, no endless loop */
        prev = pos;
        FUZZ_CHECK(within(f.key, f.key_len, s, len));
        FUZZ_CHECK(within(f.val, f.val_len, s, len));
        int64_t i;
        double d;
        (void)fl_json_int(&f, &i);
        (void)fl_json_double(&f, &d);
        check_unescape(f.key, f.key_len);
        if (f.is_string)
            check_unescape(f.val, f.val_len);
        else if (depth < MAX_DEPTH && f.val_len && (f.val[0] == '{' || f.val[0] == '['))
            scan(f.val, f.val_len, depth + 1);
        if (members++ == 0 && depth == 0) { /* the first key must be found by name */
            char *key = malloc(f.key_len + 1);
            fl_json_field g;
            if (key) {
                memcpy(key, f.key, f.key_len);
                key[f.key_len] = 0;
                if (strlen(key) == f.key_len)
                    FUZZ_CHECK(fl_json_get(s, len, key, &g) == 1 && g.val == f.val);
                free(key);
            }
        }
    }
    FUZZ_CHECK(r == 0 || r == -1);
    if (r == 0) /* stays at the end */
        FUZZ_CHECK(fl_json_next(s, len, &pos, &f) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size ? size : 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    scan(s, size, 0);
    fl_json_field f;
    static const char *const keys[] = {"status", "time", "msg", "", "request", "level"};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
        if (fl_json_get(s, size, keys[k], &f) == 1)
            FUZZ_CHECK(within(f.val, f.val_len, s, size));
    free(s);
    return 0;
}
