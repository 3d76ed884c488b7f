/* fuzz_archive.c: archives as faultline reads them (fl_analysis_add_files: sniffing,
 * fl_archive.c over libarchive, member sources, nested gzip), on an in-memory file.
 * The first input byte chooses how the rest becomes the file:
 *   mode 0  the bytes as they are (tar, zip, tar.gz, .xz ... from the corpus, damaged
 *           by the fuzzer)
 *   mode 1  a tar holding the bytes as member "fuzz.log" (header built here)
 *   mode 2  that tar, gzip compressed (the outer gzip is input.c's)
 *   mode 3  that tar cut short at a point given by the second byte
 * Invariants: no crash or leak; every inventory entry is named after the archive;
 * in modes 1 and 2 (with libarchive) the one member is "ARCHIVE:fuzz.log", read
 * without error (unless it is gzip), or, when the bytes are themselves an archive,
 * the inputs are that archive's members, "ARCHIVE:fuzz.log:MEMBER". */
#define _GNU_SOURCE
#include "fuzz_util.h"

#include <zlib.h>

#include "analysis/analysis.h"
#include "input/fl_archive.h"

/* The tar of data[0..n) as one member (ustar header, padding, end blocks). */
static uint8_t *make_tar(const uint8_t *data, size_t n, size_t *out_n)
{
    size_t padded = (n + 511) / 512 * 512, total = 512 + padded + 1024;
    uint8_t *t = calloc(1, total);
    if (!t)
        return NULL;
    char num[32];
    memcpy(t, "fuzz.log", 8);
    memcpy(t + 100, "0000644", 8);
    memcpy(t + 108, "0000000", 8);
    memcpy(t + 116, "0000000", 8);
    snprintf(num, sizeof num, "%011o", (unsigned)n);
    memcpy(t + 124, num, 12);
    memcpy(t + 136, "14000000000", 12);
    t[156] = '0';
    memcpy(t + 257, "ustar", 6);
    memcpy(t + 263, "00", 2);
    memset(t + 148, ' ', 8);
    unsigned sum = 0;
    for (size_t i = 0; i < 512; i++)
        sum += t[i];
    snprintf(num, sizeof num, "%06o", sum & 0777777u);
    memcpy(t + 148, num, 7);
    memcpy(t + 512, data, n);
    *out_n = total;
    return t;
}

/* gzip of src[0..n) (one member), malloc'd; NULL on failure. */
static uint8_t *gzip_of(const uint8_t *src, size_t n, size_t *out_n)
{
    size_t cap = compressBound((uLong)n) + 64;
    uint8_t *out = malloc(cap);
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (!out || deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        free(out);
        return NULL;
    }
    zs.next_in = (Bytef *)(uintptr_t)src;
    zs.avail_in = (uInt)n;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    int rc = deflate(&zs, Z_FINISH);
    *out_n = cap - zs.avail_out;
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) {
        free(out);
        return NULL;
    }
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size > 1 << 20)
        return 0;
    int mode = data[0] % 4;
    const uint8_t *p = data + 2;
    size_t n = size - 2, file_n = 0;
    uint8_t *file = NULL;
    if (mode == 0) {
        file = malloc(n ? n : 1);
        if (file)
            memcpy(file, p, n);
        file_n = n;
    } else {
        file = make_tar(p, n, &file_n);
        if (file && mode == 2) {
            uint8_t *gz = gzip_of(file, file_n, &file_n);
            free(file);
            file = gz;
        } else if (file && mode == 3) {
            file_n = file_n * data[1] / 256;
        }
    }
    if (!file)
        return 0;
    char path[64];
    int fd = fuzz_memfile(file, file_n, path, sizeof path);
    free(file);
    if (fd < 0)
        return 0;
    fl_config cfg;
    fl_config_defaults(&cfg);
    cfg.max_line = 1 + data[1] % 300;
    fl_analysis an;
    fl_analysis_init(&an, &cfg);
    char *paths[1] = {path};
    fl_status added = fl_analysis_add_files(&an, paths, 1, 1);
    /* Records spanning more than a run may (dates a year apart) are refused whole. */
    FUZZ_CHECK(added == FL_OK || added == FL_ERR_SPAN);
    if (added == FL_ERR_SPAN) {
        fl_analysis_free(&an);
        close(fd);
        return 0;
    }
    FUZZ_CHECK(an.n_inputs >= 1);
    for (size_t i = 0; i < an.n_inputs; i++) {
        const fl_input *in = &an.inputs[i];
        FUZZ_CHECK(strncmp(in->path, path, strlen(path)) == 0);
        FUZZ_CHECK(in->source_len <= strlen(in->path));
        FUZZ_CHECK(in->status == FL_OK || in->error[0]);
    }
    if ((mode == 1 || mode == 2) && fl_archive_available()) {
        char want[96];
        snprintf(want, sizeof want, "%s:fuzz.log", path);
        size_t wn = strlen(want);
        int gz = n >= 2 && p[0] == 0x1f && p[1] == 0x8b;
        int nested = !gz && fl_archive_sniff(p, n) != FL_ARCHIVE_NONE;
        /* A gzip member holding a tar is read in place too (fl_archive with gzip
         * outside): then its members are the inputs. */
        int gz_tar = gz && (an.n_inputs != 1 || strcmp(an.inputs[0].path, want) != 0);
        if (nested || gz_tar) {
            /* A member that is itself an archive or compressed stream (zip, tar, xz,
             * bzip2, zstd) is read in place: its own members are the inputs, named
             * "ARCHIVE:fuzz.log:MEMBER" (a single stream: "ARCHIVE:fuzz.log"), and
             * their damage is reported on them (checked above: an error names it). */
            for (size_t i = 0; i < an.n_inputs; i++) {
                const char *name = an.inputs[i].path;
                FUZZ_CHECK(strncmp(name, want, wn) == 0 && (name[wn] == '\0' || name[wn] == ':'));
                FUZZ_CHECK(an.inputs[i].source_len >= strlen(path)); /* ARCHIVE:fuzz.log:DIR */
            }
        } else {
            FUZZ_CHECK(an.n_inputs == 1);
            FUZZ_CHECK(strcmp(an.inputs[0].path, want) == 0);
            FUZZ_CHECK(an.inputs[0].source_len == strlen(path));
            /* A member that is itself gzip may be damaged gzip: that, and only that, is
             * reported on it (as archive damage when the gzip holds a tar, read in
             * place: "corrupt gzip data before the first member"). */
            fl_status st = an.inputs[0].status;
            FUZZ_CHECK(st == FL_OK ||
                       (gz && (st == FL_ERR_GZIP || st == FL_ERR_TRUNCATED || st == FL_ERR_ARCHIVE)));
        }
    }
    fl_analysis_free(&an);
    close(fd);
    return 0;
}
