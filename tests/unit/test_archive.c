/* test_archive.c: archive sniffing by magic bytes (fl_archive.h), the source head
 * that sniffing reads without consuming, reader sources (input.h) and, in builds
 * with libarchive, a tar read member by member: names, data, links passed over,
 * a member cut short. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input/fl_archive.h"
#include "fl_test.h"
#include "input/input.h"

static char dir[] = "/tmp/fl-test-archive-XXXXXX";

/* A ustar header for name (type '0' file, '5' directory, '1' hard link). */
static void tar_header(unsigned char h[512], const char *name, size_t size, char type)
{
    memset(h, 0, 512);
    snprintf((char *)h, 100, "%s", name);
    memcpy(h + 100, "0000644", 8);
    memcpy(h + 108, "0000000", 8);
    memcpy(h + 116, "0000000", 8);
    char num[32];
    snprintf(num, sizeof num, "%011o", (unsigned)size);
    memcpy(h + 124, num, 12);
    snprintf(num, sizeof num, "%011o", 1700000000u);
    memcpy(h + 136, num, 12);
    h[156] = (unsigned char)type;
    if (type == '1')
        snprintf((char *)h + 157, 100, "%s", "a/one.log");
    memcpy(h + 257, "ustar", 6);
    memcpy(h + 263, "00", 2);
    memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (int i = 0; i < 512; i++)
        sum += h[i];
    snprintf(num, sizeof num, "%06o", sum & 0777777u);
    memcpy(h + 148, num, 7);
}

/* Append a member (header and data padded to 512) to buf at *n. */
static void tar_add(unsigned char *buf, size_t *n, const char *name, const char *data, char type)
{
    size_t len = data ? strlen(data) : 0;
    tar_header(buf + *n, name, len, type);
    *n += 512;
    memset(buf + *n, 0, (len + 511) / 512 * 512);
    if (len)
        memcpy(buf + *n, data, len);
    *n += (len + 511) / 512 * 512;
}

static void test_sniff(void)
{
    unsigned char h[1024];
    tar_header(h, "x.log", 10, '0');
    CHECK_INT(fl_archive_sniff(h, 512), FL_ARCHIVE_TAR);
    CHECK_INT(fl_archive_sniff(h, 300), FL_ARCHIVE_NONE); /* too short to check */
    h[0] ^= 1; /* checksum no longer adds up */
    CHECK_INT(fl_archive_sniff(h, 512), FL_ARCHIVE_NONE);
    char text[600];
    memset(text, 'a', sizeof text);
    memcpy(text + 257, "ustar", 5); /* a log line that happens to say ustar there */
    CHECK_INT(fl_archive_sniff((unsigned char *)text, sizeof text), FL_ARCHIVE_NONE);
    CHECK_INT(fl_archive_sniff((const unsigned char *)"PK\3\4rest", 8), FL_ARCHIVE_ZIP);
    CHECK_INT(fl_archive_sniff((const unsigned char *)"PK\5\6", 4), FL_ARCHIVE_ZIP);
    CHECK_INT(fl_archive_sniff((const unsigned char *)"PK is a word", 12), FL_ARCHIVE_NONE);
    CHECK_INT(fl_archive_sniff((const unsigned char *)"BZh91AY&SYxx", 12), FL_ARCHIVE_BZIP2);
    CHECK_INT(fl_archive_sniff((const unsigned char *)"BZh9 log line", 13), FL_ARCHIVE_NONE);
    CHECK_INT(fl_archive_sniff((const unsigned char *)"\xfd" "7zXZ\0..", 8), FL_ARCHIVE_XZ);
    CHECK_INT(fl_archive_sniff((const unsigned char *)"\x28\xb5\x2f\xfd..", 6), FL_ARCHIVE_ZSTD);
    CHECK_INT(fl_archive_sniff((const unsigned char *)"\x04\x22\x4d\x18..", 6), FL_ARCHIVE_LZ4);
    CHECK_INT(fl_archive_sniff((const unsigned char *)"", 0), FL_ARCHIVE_NONE);
    CHECK_STR(fl_archive_kind_name(FL_ARCHIVE_XZ), "xz data");
}

/* Read everything from src into a malloc'd string; *st gets the end status. */
static char *read_all(fl_source *src, fl_status *st)
{
    size_t cap = 1 << 16, n = 0;
    char *out = malloc(cap + 1);
    size_t got;
    while ((got = fl_source_read(src, out + n, 7, st)) > 0) /* small reads: edge cases */
        n += got;
    out[n] = 0;
    return out;
}

static void test_head(void)
{
    const char *text = "line one\nline two\n";
    fl_test_write(dir, "plain.log", text, strlen(text));
    fl_source *src;
    char err[200];
    fl_status st;
    CHECK_INT(fl_source_open(fl_test_path(dir, "plain.log"), &src, err, sizeof err), FL_OK);
    const unsigned char *head;
    size_t n;
    fl_source_head(src, &head, &n);
    CHECK_INT(n, strlen(text));
    CHECK(memcmp(head, text, n) == 0);
    fl_source_head(src, &head, &n); /* again: the same */
    CHECK_INT(n, strlen(text));
    char *all = read_all(src, &st);
    CHECK_STR(all, text); /* the head bytes come again */
    CHECK_INT(st, FL_OK);
    free(all);
    fl_source_close(src);
}

/* A reader over a string that fails with FL_ERR_ARCHIVE after `fail_at` bytes. */
typedef struct mem_reader {
    const char *data;
    size_t len, pos, fail_at;
} mem_reader;

static size_t mem_read(void *ctx, void *buf, size_t n, fl_status *st)
{
    mem_reader *m = ctx;
    size_t end = m->fail_at < m->len ? m->fail_at : m->len;
    *st = FL_OK;
    if (m->pos >= end) {
        if (m->fail_at < m->len)
            *st = FL_ERR_ARCHIVE;
        return 0;
    }
    size_t k = end - m->pos < n ? end - m->pos : n;
    k = k > 5 ? 5 : k; /* short reads */
    memcpy(buf, m->data + m->pos, k);
    m->pos += k;
    return k;
}

static const char *mem_why(void *ctx)
{
    (void)ctx;
    return "member cut short";
}

static void test_reader(void)
{
    const char *text = "a\nbb\nccc\n";
    mem_reader m = {text, strlen(text), 0, (size_t)-1};
    fl_source_reader r = {mem_read, mem_why, &m};
    fl_source *src;
    fl_status st;
    CHECK_INT(fl_source_open_reader(&r, 0, 42, &src), FL_OK);
    CHECK_INT(fl_source_mtime(src), 42);
    char *all = read_all(src, &st);
    CHECK_STR(all, text);
    CHECK_INT(st, FL_OK);
    CHECK_STR(fl_source_why(src, st), "success");
    free(all);
    fl_source_close(src);

    mem_reader bad = {text, strlen(text), 0, 4};
    r.ctx = &bad;
    CHECK_INT(fl_source_open_reader(&r, 0, 0, &src), FL_OK);
    all = read_all(src, &st);
    CHECK_STR(all, "a\nbb"); /* what came before the error */
    CHECK_INT(st, FL_ERR_ARCHIVE);
    CHECK_STR(fl_source_why(src, st), "member cut short");
    free(all);
    fl_source_close(src);
}

static void test_tar(void)
{
    static unsigned char tar[16384];
    size_t n = 0;
    tar_add(tar, &n, "./a/", NULL, '5');
    tar_add(tar, &n, "./a/one.log", "first\nsecond\n", '0');
    tar_add(tar, &n, "a/link.log", NULL, '1');
    tar_add(tar, &n, "../../etc/passwd", "root\n", '0');
    memset(tar + n, 0, 1024); /* end of archive */
    n += 1024;
    fl_test_write(dir, "t.tar", tar, n);
    fl_source *src, *msrc;
    char err[200];
    fl_status st;
    CHECK_INT(fl_source_open(fl_test_path(dir, "t.tar"), &src, err, sizeof err), FL_OK);
    const unsigned char *head;
    size_t hn;
    fl_source_head(src, &head, &hn);
    CHECK_INT(fl_archive_sniff(head, hn), FL_ARCHIVE_TAR);
    fl_archive *a;
    if (!fl_archive_available()) {
        CHECK_INT(fl_archive_open(src, FL_ARCHIVE_TAR, &a, err, sizeof err), FL_ERR_OPEN);
        CHECK(strstr(err, "built without archive support") != NULL);
        fl_source_close(src);
        return;
    }
    CHECK_INT(fl_archive_open(src, FL_ARCHIVE_TAR, &a, err, sizeof err), FL_OK);
    fl_archive_member m;
    CHECK_INT(fl_archive_next(a, &m), 1);
    CHECK_STR(m.name, "a/one.log"); /* "./" removed, directory passed over */
    CHECK_INT(m.size, 13);
    CHECK_INT(m.mtime, 1700000000);
    CHECK(m.error == NULL);
    CHECK_INT(fl_archive_member_open(a, &msrc), FL_OK);
    char *all = read_all(msrc, &st);
    CHECK_STR(all, "first\nsecond\n");
    CHECK_INT(st, FL_OK);
    free(all);
    fl_source_close(msrc);
    CHECK_INT(fl_archive_next(a, &m), 1); /* the hard link is passed over */
    CHECK_STR(m.name, "../../etc/passwd");
    /* Not opened: the next member skips its data. */
    CHECK_INT(fl_archive_next(a, &m), 0);
    CHECK(fl_archive_damage(a) == NULL);
    CHECK_INT(fl_archive_next(a, &m), 0); /* stays at the end */
    fl_archive_close(a);
    fl_source_close(src);

    /* Cut inside the member's data: the bytes before the cut, then an error. */
    fl_test_write(dir, "cut.tar", tar, 512 * 2 + 8);
    CHECK_INT(fl_source_open(fl_test_path(dir, "cut.tar"), &src, err, sizeof err), FL_OK);
    CHECK_INT(fl_archive_open(src, FL_ARCHIVE_TAR, &a, err, sizeof err), FL_OK);
    CHECK_INT(fl_archive_next(a, &m), 1);
    CHECK_INT(fl_archive_member_open(a, &msrc), FL_OK);
    all = read_all(msrc, &st);
    CHECK_STR(all, "first\nse");
    CHECK_INT(st, FL_ERR_ARCHIVE);
    CHECK(strstr(fl_source_why(msrc, st), "runcated") != NULL);
    free(all);
    fl_source_close(msrc);
    CHECK_INT(fl_archive_next(a, &m), 0);
    CHECK(fl_archive_damage(a) == NULL); /* reported by the member already */
    fl_archive_close(a);
    fl_source_close(src);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    test_sniff();
    test_head();
    test_reader();
    test_tar();
    unlink(fl_test_path(dir, "plain.log"));
    unlink(fl_test_path(dir, "t.tar"));
    unlink(fl_test_path(dir, "cut.tar"));
    rmdir(dir);
    return fl_test_result("test_archive");
}
