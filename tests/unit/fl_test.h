/* fl_test.h: a tiny assert header for the unit tests (one program per module).
 * Each CHECK records a failure with file and line and carries on; main returns
 * fl_test_result() so ctest sees a non-zero exit on any failure. */
#ifndef FL_TEST_H
#define FL_TEST_H

#include <stdio.h>
#include <string.h>

static int fl_test_failures;
static int fl_test_checks;

#define CHECK(cond)                                                                \
    do {                                                                           \
        fl_test_checks++;                                                          \
        if (!(cond)) {                                                             \
            fl_test_failures++;                                                    \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                          \
    } while (0)

#define CHECK_INT(a, b)                                                            \
    do {                                                                           \
        long long fl_a_ = (long long)(a), fl_b_ = (long long)(b);                  \
        fl_test_checks++;                                                          \
        if (fl_a_ != fl_b_) {                                                      \
            fl_test_failures++;                                                    \
            fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, \
                    #a, fl_a_, fl_b_);                                             \
        }                                                                          \
    } while (0)

#define CHECK_STR(a, b)                                                            \
    do {                                                                           \
        const char *fl_a_ = (a), *fl_b_ = (b);                                     \
        fl_test_checks++;                                                          \
        if (!fl_a_ || !fl_b_ || strcmp(fl_a_, fl_b_) != 0) {                       \
            fl_test_failures++;                                                    \
            fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__,     \
                    __LINE__, #a, fl_a_ ? fl_a_ : "(null)", fl_b_ ? fl_b_ : "(null)"); \
        }                                                                          \
    } while (0)

/* dir/name in a static buffer (valid until the next call). */
static inline const char *fl_test_path(const char *dir, const char *name)
{
    static char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return p;
}

/* Write data[0..n) to dir/name. */
static inline void fl_test_write(const char *dir, const char *name, const void *data, size_t n)
{
    FILE *f = fopen(fl_test_path(dir, name), "wb");
    fwrite(data, 1, n, f);
    fclose(f);
}

static inline int fl_test_result(const char *name)
{
    if (fl_test_failures)
        fprintf(stderr, "%s: %d of %d checks failed\n", name, fl_test_failures, fl_test_checks);
    else
        printf("%s: all %d checks passed\n", name, fl_test_checks);
    return fl_test_failures ? 1 : 0;
}

#endif
