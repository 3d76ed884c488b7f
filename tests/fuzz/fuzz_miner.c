/* fuzz_miner.c: the template miner on arbitrary lines. Every line (an exact-size
 * copy: ASan sees any read past it, which the mask tokenizers' block loads must not
 * make) is tokenized by each path, which must agree with the byte-by-byte reference;
 * the lines are mined by a miner small enough to evict (its counts and "other" must
 * add up to the lines), mined again after its cache is dropped, and canonicalised
 * (the same count again). The first byte picks the cap. */
#define _GNU_SOURCE
#include "fuzz_util.h"

#include "match/miner.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_lines l;
    if (fuzz_split(data, size, 4096, &l) != 0) {
        fuzz_lines_free(&l);
        return 0;
    }
    for (size_t i = 0; i < l.n; i++) {
        int masked;
        FUZZ_CHECK(fl_miner_tokenize_agree(l.text[i], l.len[i], FL_MINER_TOK_PORTABLE, &masked) == 1);
        FUZZ_CHECK(fl_miner_tokenize_agree(l.text[i], l.len[i], FL_MINER_TOK_AVX2, &masked) != 0);
    }
    size_t cap = size ? 1 + data[0] % 16 : 4;
    fl_miner *m = fl_miner_new(cap);
    uint64_t added = 0;
    for (int round = 0; m && round < 2; round++) {
        for (size_t i = 0; i < l.n; i++) {
            uint32_t slot;
            int evicted;
            if (fl_miner_add(m, l.text[i], l.len[i], &slot, &evicted) != FL_OK)
                goto out;
            added++;
            FUZZ_CHECK(slot < fl_miner_slots(m) && fl_miner_count(m, slot) > 0);
            FUZZ_CHECK(fl_miner_match(m, l.text[i], l.len[i]) < fl_miner_slots(m));
        }
        fl_miner_drop_cache(m);
    }
    if (m) {
        uint64_t counted = fl_miner_other(m);
        for (uint32_t s = 0; s < fl_miner_slots(m); s++)
            counted += fl_miner_count(m, s);
        FUZZ_CHECK(counted == added);
        uint32_t *map = malloc((fl_miner_slots(m) + 1) * sizeof *map);
        if (map && fl_miner_canonical(&m, map) == FL_OK) {
            counted = fl_miner_other(m);
            for (uint32_t s = 0; s < fl_miner_slots(m); s++)
                counted += fl_miner_count(m, s);
            FUZZ_CHECK(counted == added);
        }
        free(map);
    }
out:
    fl_miner_free(m);
    fuzz_lines_free(&l);
    return 0;
}
