/* tests/unit/test_sre.c — the _sre matching engine on code lists as
 * CPython's re/_compiler.py emits them (numbers from python3): literal
 * prefix search, a repeat over 200,000 characters without C recursion,
 * lookbehind on code points, backreferences, and the validator refusing
 * code that would make the engine read or write out of bounds. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "stdlib/_sre.h"

static SreCode prog;

static int prepare(const uint32_t *words, size_t n, uint32_t groups)
{
    memset(&prog, 0, sizeof prog);
    prog.code = malloc((n + 1) * sizeof(uint32_t));
    memcpy(prog.code, words, n * sizeof(uint32_t));
    prog.code[n] = SRE_OP_FAILURE;
    prog.size = n;
    prog.groups = groups;
    return sre_prepare(&prog);
}

static void state_for(SreState *st, const void *str, int charsize, int64_t len)
{
    memset(st, 0, sizeof *st);
    st->str = str;
    st->charsize = charsize;
    st->length = st->endpos = len;
    st->ngroups = (int)prog.groups;
    st->code = prog.code;
    st->prog = &prog;
}

static void done(SreState *st)
{
    sre_state_free(st);
    sre_code_free(&prog);
}

Test(sre, literal_prefix_search)
{
    static const uint32_t ab[] = {14, 10, 3, 2, 2, 2, 2, 97, 98, 0, 0, 16, 97, 16, 98, 1};
    cr_assert_eq(prepare(ab, sizeof ab / 4, 0), 1);
    SreState st;
    state_for(&st, "xxaxab", 1, 6);
    cr_assert_eq(sre_search(&st), 1);
    cr_assert_eq(st.start, 4);
    cr_assert_eq(st.ptr, 6);
    st.start = 0;
    cr_assert_eq(sre_match(&st), 0);
    done(&st);
}

Test(sre, long_repeat_backtracks_on_the_heap)
{
    /* (?:(a)|b)* */
    static const uint32_t rep[] = {14, 4, 0, 0, 4294967295u, 23, 19, 0, 4294967295u, 7, 9, 17, 0, 16, 97,
                                   17, 1, 15, 7, 5, 16, 98, 15, 2, 0, 18, 1};
    cr_assert_eq(prepare(rep, sizeof rep / 4, 1), 1);
    size_t n = 200000;
    char *s = malloc(n);
    for (size_t i = 0; i < n; i++)
        s[i] = i % 2 ? 'b' : 'a';
    SreState st;
    state_for(&st, s, 1, (int64_t)n);
    cr_assert_eq(sre_match(&st), 1);
    cr_assert_eq(st.ptr, (int64_t)n);
    cr_assert_eq(sre_mark(&st, 0), (int64_t)n - 2);
    cr_assert_eq(sre_mark(&st, 1), (int64_t)n - 1);
    cr_assert_eq(sre_lastindex(&st), 1);
    free(s);
    done(&st);
}

Test(sre, lookbehind_on_code_points)
{
    /* (?<=a)é+ */
    static const uint32_t lb[] = {14, 4, 0, 1, 4294967295u, 4, 5, 1, 16, 97, 1, 24, 6, 1, 4294967295u, 16, 233, 1, 1};
    cr_assert_eq(prepare(lb, sizeof lb / 4, 0), 1);
    static const uint32_t text[] = {0xe9, 'a', 0xe9, 0xe9, 'x'};
    SreState st;
    state_for(&st, text, 4, 5);
    cr_assert_eq(sre_search(&st), 1);
    cr_assert_eq(st.start, 2);
    cr_assert_eq(st.ptr, 4);
    done(&st);
}

Test(sre, backreference)
{
    /* (\w+) \1 */
    static const uint32_t br[] = {14, 4, 0, 3, 4294967295u, 17, 0, 24, 9, 1, 4294967295u, 13, 4, 8, 14, 0, 1,
                                  17, 1, 16, 32, 11, 0, 1};
    cr_assert_eq(prepare(br, sizeof br / 4, 1), 1);
    SreState st;
    state_for(&st, "say hello hello", 1, 15);
    cr_assert_eq(sre_search(&st), 1);
    cr_assert_eq(st.start, 4);
    cr_assert_eq(st.ptr, 15);
    done(&st);
}

Test(sre, validator_refuses_bad_code)
{
    static const uint32_t unknown[] = {999};
    static const uint32_t mark_out_of_range[] = {17, 2, 1};
    static const uint32_t skip_past_end[] = {13, 100, 0};
    static const uint32_t assert_unclosed[] = {4, 3, 0, 16};
    static const uint32_t literal_cut[] = {16};
    cr_assert_eq(prepare(unknown, 1, 0), 0);
    sre_code_free(&prog);
    cr_assert_eq(prepare(mark_out_of_range, 3, 1), 0);
    sre_code_free(&prog);
    cr_assert_eq(prepare(skip_past_end, 3, 0), 0);
    sre_code_free(&prog);
    cr_assert_eq(prepare(assert_unclosed, 4, 0), 0);
    sre_code_free(&prog);
    cr_assert_eq(prepare(literal_cut, 1, 0), 0);
    sre_code_free(&prog);
}
