/* test_miner_tokens.c: the miner's tokenizer on class masks (portable and AVX2)
 * against the reference tokenizer, byte by byte: the same tokens, hashes, spans and
 * masked text on edge cases (every rule of the masking, lengths around the masks'
 * words, every byte value) and on random messages made of the pieces those rules
 * look at. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fl_test.h"
#include "match/miner.h"

static uint64_t rng_state = 7;

static uint32_t rnd(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(rng_state >> 33);
}

static int paths_tried, masked_total;

/* Check msg[0..len) on every path available; shows the message on a difference. */
static void check_msg(const char *msg, size_t len)
{
    static const int paths[] = {FL_MINER_TOK_PORTABLE, FL_MINER_TOK_AVX2};
    for (size_t k = 0; k < sizeof paths / sizeof *paths; k++) {
        int masked, r = fl_miner_tokenize_agree(msg, len, paths[k], &masked);
        if (r < 0)
            continue;
        paths_tried++;
        masked_total += masked;
        CHECK(r == 1);
        if (r != 1) {
            fprintf(stderr, "path %d differs on %zu bytes: \"", paths[k], len);
            for (size_t i = 0; i < len; i++)
                fprintf(stderr, (unsigned char)msg[i] < 32 || (unsigned char)msg[i] > 126 ? "\\x%02x" : "%c",
                        (unsigned char)msg[i]);
            fprintf(stderr, "\"\n");
        }
    }
}

static void check_str(const char *msg) { check_msg(msg, strlen(msg)); }

static void test_edge_cases(void)
{
    static const char *const cases[] = {
        "", " ", "   \t ", "a", "1", "\n", "a\nb 1", "x 12\n34 y",
        "conn 10.1.2.3:5432 id=0xdeadbeef uuid 123e4567-e89b-12d3-a456-426614174000 took 12ms",
        "file /var/log/app-1.log user \"bob smith\" ok", "user 'x' said 'it''s' \"\" '' \"a",
        "\"GET /a HTTP/1.1\" 200", "'POST /x', next", "\"unterminated quote here",
        "sent 1481 bytes (1.44 KB) in 3 ms", "took 5.4 KB, 16.0 B, 3 sec 4 secs 5 hours",
        "(0x105d5b0) (3 ms) (1.44 KB) (abc) (12)x (12", "at Fri Jun 17 07:07:00 2005 Jun, Dec. Mon",
        "10.0.0.1:80 10.0.0.1,10.0.0.2 (1-2) <*>:<*> \"1\",\"2\"", "a=1,b=2;c:3 [x] {y} <z> |w| @v",
        "deadbeef deadbee DEADBEEFCAFE abcdefab1 face cafe0", ",,, ::: a, b: c; (d) [e]",
        "[IPC Server handler 5 on 80] org.apache.hadoop.ipc.Server: started",
        "nova.compute.manager [req-1 abc] Instance spawned", "[pool] Connection refused",
        "[a] [b] x.y: z", "x.y [ctx] ", "x.y\t[ctx] z", "a.b [c] [d] e.f [g] h",
        "ms 5 ms 6 KB, 7 bytes. 8 MiB 9 %", "tab\tsep\vvt\fff\rcr end",
        "\x80\xff\xc3\xa9t\xc3\xa9 1\xe2\x82\xac", "a\x01" "b c\x7f d",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        check_str(cases[i]);
    /* A NUL inside a message is a byte like another. */
    check_msg("a\0b 1\0 2", 8);
    /* Every byte value, alone, between letters, after a digit and in a long token. */
    for (int c = 0; c < 256; c++) {
        char m[96];
        int n = snprintf(m, sizeof m, "x%cy 1%c2 %c abcdefab%c0 ", c ? c : 1, c ? c : 1, c ? c : 1, c ? c : 1);
        for (int j = 0; j < n; j++)
            if (m[j] == 1)
                m[j] = (char)c;
        check_msg(m, (size_t)n);
        memset(m, 'a', sizeof m);
        for (size_t at = 0; at < sizeof m; at += 7)
            m[at] = (char)c;
        check_msg(m, sizeof m);
    }
    /* Lengths around the masks' words and their limit, tokens across words. */
    char line[512];
    for (size_t n = 0; n < 200; n++) {
        for (size_t i = 0; i < n; i++)
            line[i] = i % 9 == 8 ? ' ' : (char)('a' + i % 7);
        check_msg(line, n);
        for (size_t i = 0; i < n; i++)
            line[i] = i % 13 == 12 ? ' ' : i % 5 == 0 ? '1' : 'q';
        check_msg(line, n);
        memset(line, 'z', n);
        check_msg(line, n);
        if (n)
            line[n - 1] = '\n';
        memcpy(line + n, " 7 tail", 7);
        check_msg(line, n + 7);
    }
    /* More tokens than the miner compares: the last is the rest of the line. */
    for (size_t n = 40; n < 64; n++) {
        size_t o = 0;
        for (size_t i = 0; i < n; i++) {
            line[o++] = i % 3 ? 'w' : '5';
            line[o++] = i % 4 ? ' ' : ',';
        }
        check_msg(line, o);
        o = 0;
        for (size_t i = 0; i < n; i++)
            o += (size_t)sprintf(line + o, i % 5 ? "a " : "1 ms ");
        check_msg(line, o);
    }
}

/* A random message of the pieces the masking looks at. */
static size_t random_msg(char *out, size_t cap)
{
    static const char *const pieces[] = {
        " ", " ", " ", "  ", "\t", "\r", "\v", "=", ":", ",", ";", "(", ")", "[", "]", "{", "}", "<", ">",
        "|", "@", "\"", "'", ".", "-", "/", "_", "$", "x", "0x", "1", "42", "3.5", "2026", "a", "f",
        "B", "F", "G", "z", "Z", "q", "deadbeef", "cafe", "Failed", "user", "ms", "KB", "sec", "bytes",
        "MiB", "%", "s", "(1.44 KB)", "(3 ms)", "(0x1f)", "Jun", "Fri,", "Dec.", "<*>", "GET ", "POST ",
        "org.apache.Foo:", "a.b", "[t 1]", "\xc3\xa9", "\x80", "\xff", "\n", "abcdefabcdefabcdef",
        "connection_established_for_the_client_with_a_long_identifier_name_ok", "1234567890123456",
    };
    size_t o = 0, want = rnd() % 3 == 0 ? rnd() % 200 : rnd() % 130;
    while (o < want) {
        const char *p = pieces[rnd() % (sizeof pieces / sizeof *pieces)];
        size_t k = strlen(p);
        if (o + k >= cap)
            break;
        memcpy(out + o, p, k);
        o += k;
    }
    return o;
}

static void test_random(void)
{
    char msg[512];
    paths_tried = masked_total = 0;
    for (int i = 0; i < 60000; i++) {
        size_t n = random_msg(msg, sizeof msg);
        check_msg(msg, n);
    }
    /* Most of them are short enough for the masks: the fast path is what was tested. */
    CHECK(paths_tried > 0 && masked_total * 10 > paths_tried * 6);
}

int main(void)
{
    test_edge_cases();
    test_random();
    return fl_test_result("miner_tokens");
}
