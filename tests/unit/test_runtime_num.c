/* tests/unit/test_runtime_num.c — ints (small/big boundary, overflow,
 * floor semantics, hashing), floats (repr round-trips, hashing, pow) and
 * the format-spec mini-language.  Expected values come from python3 at
 * test time, never typed by hand. */
#include <math.h>
#include "tests/unit/oracle.h"

/* Next line of a python() result (modifies the buffer). */
static char *next_line(char **cursor)
{
    char *s = *cursor, *nl = strchr(s, '\n');
    cr_assert(nl, "python output ended early");
    *nl = 0;
    *cursor = nl + 1;
    return s;
}

static Value I(const char *s) { return rt_int_from_string(&vm, s, strlen(s), 10); }
static Value F(const char *s) { return rt_float_from_string(&vm, s, strlen(s)); }

TestSuite(num, .init = setup, .fini = teardown);

Test(num, small_big_boundary)
{
    Value max = v_from_small(SMALL_MAX);
    cr_assert(v_is_small(max));
    Value up = rt_int_binop(&vm, BIN_ADD, max, v_from_small(1));
    cr_assert(up && !v_is_small(up), "SMALL_MAX+1 must promote");
    Value down = rt_int_binop(&vm, BIN_SUB, up, v_from_small(1));
    cr_assert(v_is_small(down) && v_small(down) == SMALL_MAX, "result that fits must demote");
    Value lo = rt_int_binop(&vm, BIN_SUB, v_from_small(SMALL_MIN), v_from_small(1));
    cr_assert(!v_is_small(lo));
    cr_assert(v_is_small(rt_int_neg(&vm, v_from_small(SMALL_MAX))));
    cr_assert(!v_is_small(rt_int_neg(&vm, v_from_small(SMALL_MIN))));
    cr_assert(v_is_small(rt_int_from_i64(&vm, SMALL_MIN)));
    cr_assert(!v_is_small(rt_int_from_i64(&vm, INT64_MAX)));
    cr_assert(v_is_small(I("2305843009213693951")));
    cr_assert(!v_is_small(I("2305843009213693952")));
    char *out = python("print(2**61)\nprint(-2**61-1)\nprint(2**63-1)\n");
    cr_assert_str_eq(text(up), next_line(&out));
    cr_assert_str_eq(text(lo), next_line(&out));
    cr_assert_str_eq(text(rt_int_from_i64(&vm, INT64_MAX)), next_line(&out));
}

Test(num, overflow_in_mul_and_pow)
{
    char *out = python("print(2**40*2**40)\nprint(3**100)\nprint((-7)**41)\nprint(12345678901*98765432109)\n"
                       "print(2**62 // 2**61)\nprint(1 << 100)\nprint(-1 << 70)\nprint((1 << 100) >> 99)\n");
    Value p40 = rt_int_binop(&vm, BIN_POW, v_from_small(2), v_from_small(40));
    cr_assert_str_eq(text(rt_int_binop(&vm, BIN_MUL, p40, p40)), next_line(&out));
    cr_assert_str_eq(text(rt_int_binop(&vm, BIN_POW, v_from_small(3), v_from_small(100))), next_line(&out));
    cr_assert_str_eq(text(rt_int_binop(&vm, BIN_POW, v_from_small(-7), v_from_small(41))), next_line(&out));
    cr_assert_str_eq(text(rt_int_binop(&vm, BIN_MUL, I("12345678901"), I("98765432109"))), next_line(&out));
    Value q = rt_int_binop(&vm, BIN_FLOORDIV, rt_int_binop(&vm, BIN_POW, v_from_small(2), v_from_small(62)),
                           rt_int_binop(&vm, BIN_POW, v_from_small(2), v_from_small(61)));
    cr_assert(v_is_small(q));
    cr_assert_str_eq(text(q), next_line(&out));
    cr_assert_str_eq(text(rt_int_binop(&vm, BIN_LSHIFT, v_from_small(1), v_from_small(100))), next_line(&out));
    cr_assert_str_eq(text(rt_int_binop(&vm, BIN_LSHIFT, v_from_small(-1), v_from_small(70))), next_line(&out));
    Value big = rt_int_binop(&vm, BIN_LSHIFT, v_from_small(1), v_from_small(100));
    cr_assert_str_eq(text(rt_int_binop(&vm, BIN_RSHIFT, big, v_from_small(99))), next_line(&out));
}

Test(num, floor_division_and_modulo_signs)
{
    const char *pairs[][2] = {{"7", "2"}, {"-7", "2"}, {"7", "-2"}, {"-7", "-2"}, {"6", "3"},
                              {"-6", "3"}, {"100000000000000000000001", "-7"}, {"-100000000000000000000001", "7"},
                              {"5", "100000000000000000000000"}, {"-5", "100000000000000000000000"}};
    char prog[4096] = "";
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
        snprintf(prog + strlen(prog), sizeof prog - strlen(prog), "print(%s // %s, %s %% %s, repr(%s / %s))\n",
                 pairs[i][0], pairs[i][1], pairs[i][0], pairs[i][1], pairs[i][0], pairs[i][1]);
    char *out = python(prog);
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        Value a = I(pairs[i][0]), b = I(pairs[i][1]);
        char got[512];
        snprintf(got, sizeof got, "%s %s %s", text(rt_int_binop(&vm, BIN_FLOORDIV, a, b)),
                 text(rt_int_binop(&vm, BIN_MOD, a, b)), text(rt_int_binop(&vm, BIN_TRUEDIV, a, b)));
        char want[512];
        snprintf(want, sizeof want, "%s", next_line(&out));
        /* python printed repr(x / y) as a quoted-less float */
        cr_assert_str_eq(got, want, "%s, %s", pairs[i][0], pairs[i][1]);
    }
}

Test(num, zero_division_messages)
{
    char *out = python("for e in ['1//0','1%0','1/0','1.0/0','1.0//0.0','1.0%0.0','0**-1','0.0**-1']:\n"
                       "    try: eval(e)\n"
                       "    except Exception as x: print(type(x).__name__ + ': ' + str(x))\n");
    cr_assert_str_eq(text(rt_int_binop(&vm, BIN_FLOORDIV, v_from_small(1), v_from_small(0))) + 1, next_line(&out));
    cr_assert_str_eq(text(rt_int_binop(&vm, BIN_MOD, v_from_small(1), v_from_small(0))) + 1, next_line(&out));
    cr_assert_str_eq(text(rt_int_binop(&vm, BIN_TRUEDIV, v_from_small(1), v_from_small(0))) + 1, next_line(&out));
    cr_assert_str_eq(text(rt_float_binop(&vm, BIN_TRUEDIV, F("1.0"), v_from_small(0))) + 1, next_line(&out));
    cr_assert_str_eq(text(rt_float_binop(&vm, BIN_FLOORDIV, F("1.0"), F("0.0"))) + 1, next_line(&out));
    cr_assert_str_eq(text(rt_float_binop(&vm, BIN_MOD, F("1.0"), F("0.0"))) + 1, next_line(&out));
    cr_assert_str_eq(text(rt_int_binop(&vm, BIN_POW, v_from_small(0), v_from_small(-1))) + 1, next_line(&out));
    cr_assert_str_eq(text(rt_float_binop(&vm, BIN_POW, F("0.0"), v_from_small(-1))) + 1, next_line(&out));
}

Test(num, int_hash_matches_cpython)
{
    const char *vals[] = {"0", "1", "-1", "-2", "2305843009213693951", "2305843009213693952", "-2305843009213693953",
                          "123456789012345678901234567890", "-123456789012345678901234567890", "4611686018427387904"};
    char prog[4096] = "";
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++)
        snprintf(prog + strlen(prog), sizeof prog - strlen(prog), "print(hash(%s))\n", vals[i]);
    char *out = python(prog);
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
        char got[64];
        snprintf(got, sizeof got, "%lld", (long long)rt_hash(&vm, I(vals[i])));
        cr_assert_str_eq(got, next_line(&out), "hash(%s)", vals[i]);
    }
    cr_assert_eq(rt_hash(&vm, rt_True), 1);
}

Test(num, float_hash_matches_cpython)
{
    const char *vals[] = {"0.5", "1.0", "-1.0", "1.5", "0.1", "-2.75", "1e100", "1e-300", "123456.789",
                          "inf", "-inf", "4.9e-324", "2305843009213693952.0", "-0.0"};
    char prog[4096] = "";
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++)
        snprintf(prog + strlen(prog), sizeof prog - strlen(prog), "print(hash(float('%s')))\n", vals[i]);
    char *out = python(prog);
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
        char got[64];
        snprintf(got, sizeof got, "%lld", (long long)rt_hash(&vm, F(vals[i])));
        cr_assert_str_eq(got, next_line(&out), "hash(%s)", vals[i]);
    }
    cr_assert_eq(rt_hash(&vm, F("1.0")), rt_hash(&vm, v_from_small(1)));
    cr_assert_eq(rt_hash(&vm, F("2305843009213693952.0")), rt_hash(&vm, I("2305843009213693952")));
}

Test(num, float_repr_round_trips)
{
    const char *vals[] = {"0.1", "0.2", "0.30000000000000004", "1e16", "1e-05", "0.0001", "123456789012345.0",
                          "1234567890123456.0", "12345678901234567.0", "1e22", "1.7976931348623157e308",
                          "5e-324", "2.2250738585072014e-308", "-0.0", "inf", "-inf", "nan", "3.141592653589793",
                          "100.0", "1.5", "9007199254740993", "0.000123", "1e-7", "123e-20", "2.5e+300"};
    char prog[8192] = "";
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++)
        snprintf(prog + strlen(prog), sizeof prog - strlen(prog), "print(repr(float('%s')))\n", vals[i]);
    char *out = python(prog);
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++)
        cr_assert_str_eq(text(F(vals[i])), next_line(&out), "repr(float('%s'))", vals[i]);
    /* every shortest repr parses back to the same double */
    for (int i = 0; i < 2000; i++) {
        double d = ldexp((double)rand() / RAND_MAX, (rand() % 2000) - 1000);
        Value r = rt_float_repr(&vm, d);
        cr_assert_eq(strtod(v_cstr(r), NULL), d);
    }
}

Test(num, float_parse)
{
    char *out = python("for s in [' 1_000.5 ', '-infinity', 'NaN', '1e3', '.5', '5.', '1_2e1_0', '\\t+1.5E-3\\n']:"
                       " print(repr(float(s)))\n");
    const char *good[] = {" 1_000.5 ", "-infinity", "NaN", "1e3", ".5", "5.", "1_2e1_0", "\t+1.5E-3\n"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        cr_assert_str_eq(text(F(good[i])), next_line(&out), "%s", good[i]);
}

Test(num, int_parse)
{
    char *out = python("for s, b in [(' -0x_1f ', 0), ('0b101', 0), ('zz', 36), ('1_000', 10), ('0777', 8),"
                       " ('99999999999999999999999', 10)]: print(int(s, b))\n"
                       "for s, b in [('010', 0), ('1__0', 10), ('12a', 10), ('', 10)]:\n"
                       "    try: int(s, b)\n"
                       "    except ValueError as e: print('ValueError: ' + str(e))\n");
    struct { const char *s; int b; } good[] = {{" -0x_1f ", 0}, {"0b101", 0}, {"zz", 36}, {"1_000", 10},
                                                {"0777", 8}, {"99999999999999999999999", 10}};
    for (size_t i = 0; i < 6; i++)
        cr_assert_str_eq(text(rt_int_from_string(&vm, good[i].s, strlen(good[i].s), good[i].b)), next_line(&out));
    struct { const char *s; int b; } bad[] = {{"010", 0}, {"1__0", 10}, {"12a", 10}, {"", 10}};
    for (size_t i = 0; i < 4; i++)
        cr_assert_str_eq(text(rt_int_from_string(&vm, bad[i].s, strlen(bad[i].s), bad[i].b)) + 1, next_line(&out));
}

Test(num, float_errors_and_pow)
{
    char *out = python("for s in ['x', '1__0', '_1', '1e', '']:\n"
                       "    try: float(s)\n"
                       "    except ValueError as e: print('ValueError: ' + str(e))\n"
                       "print(repr(2 ** -2), repr((-2.0) ** 3), repr(2.0 ** 0.5), repr(10 ** -3))\n"
                       "try: 10.0 ** 400\n"
                       "except OverflowError as e: print('OverflowError: ' + str(e))\n");
    const char *bad[] = {"x", "1__0", "_1", "1e", ""};
    for (size_t i = 0; i < 5; i++)
        cr_assert_str_eq(text(F(bad[i])) + 1, next_line(&out), "float(%s)", bad[i]);
    char got[256];
    snprintf(got, sizeof got, "%s %s %s %s", text(rt_int_binop(&vm, BIN_POW, v_from_small(2), v_from_small(-2))),
             text(rt_float_binop(&vm, BIN_POW, F("-2.0"), v_from_small(3))),
             text(rt_float_binop(&vm, BIN_POW, F("2.0"), F("0.5"))),
             text(rt_int_binop(&vm, BIN_POW, v_from_small(10), v_from_small(-3))));
    cr_assert_str_eq(got, next_line(&out));
    cr_assert_str_eq(text(rt_float_binop(&vm, BIN_POW, F("10.0"), v_from_small(400))) + 1, next_line(&out));
}

Test(num, big_true_division_is_correctly_rounded)
{
    char *out = python("print(repr(10**30 / 3))\nprint(repr((2**80 + 1) / 2**27))\nprint(repr(-(10**400) / 10**399))\n"
                       "print(repr(float(2**53 + 1)))\nprint(repr(float(2**1023 * 3 // 2)))\n"
                       "try: 10**400 / 1\nexcept OverflowError as e: print('OverflowError: ' + str(e))\n");
    Value t30 = rt_int_binop(&vm, BIN_POW, v_from_small(10), v_from_small(30));
    cr_assert_str_eq(text(rt_int_binop(&vm, BIN_TRUEDIV, t30, v_from_small(3))), next_line(&out));
    Value a = rt_int_binop(&vm, BIN_ADD, rt_int_binop(&vm, BIN_POW, v_from_small(2), v_from_small(80)), v_from_small(1));
    cr_assert_str_eq(text(rt_int_binop(&vm, BIN_TRUEDIV, a, rt_int_binop(&vm, BIN_POW, v_from_small(2), v_from_small(27)))),
                     next_line(&out));
    Value t400 = rt_int_binop(&vm, BIN_POW, v_from_small(10), v_from_small(400));
    Value t399 = rt_int_binop(&vm, BIN_POW, v_from_small(10), v_from_small(399));
    cr_assert_str_eq(text(rt_int_binop(&vm, BIN_TRUEDIV, rt_int_neg(&vm, t400), t399)), next_line(&out));
    bool over;
    Value b53 = rt_int_binop(&vm, BIN_ADD, rt_int_binop(&vm, BIN_POW, v_from_small(2), v_from_small(53)), v_from_small(1));
    cr_assert_str_eq(text(rt_float_new(&vm, rt_int_to_double(&vm, b53, &over))), next_line(&out));
    Value b = rt_int_binop(&vm, BIN_FLOORDIV,
                           rt_int_binop(&vm, BIN_MUL, rt_int_binop(&vm, BIN_POW, v_from_small(2), v_from_small(1023)), v_from_small(3)),
                           v_from_small(2));
    cr_assert_str_eq(text(rt_float_new(&vm, rt_int_to_double(&vm, b, &over))), next_line(&out));
    cr_assert_str_eq(text(rt_int_binop(&vm, BIN_TRUEDIV, t400, v_from_small(1))) + 1, next_line(&out));
}

Test(num, int_float_comparisons_are_exact)
{
    Value big = rt_int_binop(&vm, BIN_ADD, rt_int_binop(&vm, BIN_POW, v_from_small(2), v_from_small(53)), v_from_small(1));
    Value f = rt_float_new(&vm, 9007199254740992.0);
    cr_assert_eq(rt_compare(&vm, big, f, CMP_EQ), rt_False);
    cr_assert_eq(rt_compare(&vm, big, f, CMP_GT), rt_True);
    cr_assert_eq(rt_compare(&vm, f, big, CMP_LT), rt_True);
    cr_assert_eq(rt_compare(&vm, v_from_small(1), F("1.0"), CMP_EQ), rt_True);
    cr_assert_eq(rt_compare(&vm, v_from_small(1), F("nan"), CMP_NE), rt_True);
    cr_assert_eq(rt_compare(&vm, v_from_small(1), F("1.5"), CMP_LT), rt_True);
    cr_assert_eq(rt_compare(&vm, v_from_small(-2), F("-1.5"), CMP_LT), rt_True);
}

Test(num, digit_limit)
{
    char *out = python("try: str(10**5000)\nexcept ValueError as e: print('ValueError: ' + str(e))\n"
                       "try: int('1'*5000)\nexcept ValueError as e: print('ValueError: ' + str(e))\n");
    Value big = rt_int_binop(&vm, BIN_POW, v_from_small(10), v_from_small(5000));
    cr_assert_str_eq(text(rt_int_repr(&vm, big)) + 1, next_line(&out));
    char *ones = malloc(5001);
    memset(ones, '1', 5000);
    ones[5000] = 0;
    cr_assert_str_eq(text(I(ones)) + 1, next_line(&out));
    free(ones);
}

Test(num, round)
{
    char *out = python("print(round(2.5), round(3.5), round(-2.5), repr(round(2.675, 2)), repr(round(1234.5, -2)),"
                       " round(1250, -2), round(1350, -2), repr(round(0.125, 2)), repr(round(-0.5)), repr(round(5e-324, 400)))\n");
    Value nd2 = v_from_small(2), ndm2 = v_from_small(-2);
    char got[512];
    snprintf(got, sizeof got, "%s %s %s %s %s %s %s %s %s %s", text(rt_round(&vm, F("2.5"), VNULL)),
             text(rt_round(&vm, F("3.5"), VNULL)), text(rt_round(&vm, F("-2.5"), VNULL)),
             text(rt_round(&vm, F("2.675"), nd2)), text(rt_round(&vm, F("1234.5"), ndm2)),
             text(rt_round(&vm, v_from_small(1250), ndm2)), text(rt_round(&vm, v_from_small(1350), ndm2)),
             text(rt_round(&vm, F("0.125"), nd2)), text(rt_round(&vm, F("-0.5"), VNULL)),
             text(rt_round(&vm, F("5e-324"), v_from_small(400))));
    cr_assert_str_eq(got, next_line(&out));
}

Test(num, format_specs)
{
    /* (python value expression, spec) */
    const char *cases[][2] = {
        {"1234567", ","}, {"1234567", "_"}, {"-1234567", "015,"}, {"1234", "08,"}, {"255", "#x"}, {"255", "#X"},
        {"255", "#o"}, {"255", "#b"}, {"255", "08b"}, {"-5", "#010x"}, {"12345678", "_x"}, {"65", "c"},
        {"42", "+d"}, {"42", " d"}, {"42", "*^9"}, {"42", "<5"}, {"42", "=+6"}, {"2**70", ","}, {"True", ""},
        {"True", ">5"}, {"3.14159", ".2f"}, {"3.14159", "10.3e"}, {"-0.0", "z.1f"}, {"1234.5", ","},
        {"1234.5", "015,.2f"}, {"1.5", ".1"}, {"15.0", ".2"}, {"123.0", ".3"}, {"0.0001", ".3"}, {"1.0", ".3"},
        {"1e16", ".3"}, {"1.0", ""}, {"1e-5", ""}, {"3.0", "g"}, {"1e-10", "G"}, {"0.25", "%"}, {"0.25", ".1%"},
        {"float('inf')", "%"}, {"float('nan')", "F"}, {"float('-inf')", "010"}, {"1.5", "e"}, {"123456789.0", ",g"},
        {"2.5", ".0f"}, {"0.5", ".0f"}, {"1.0", "#.0f"}, {"10", ".2f"}, {"10", "e"}, {"1e100", ".3"},
        {"123.456", "+012.4f"}, {"-1.5", "^10"}, {"1.0", "#g"}, {"1e300*10", ""}, {"12", "n"}, {"1.25", "n"},
    };
    size_t n = sizeof cases / sizeof *cases;
    char prog[16384] = "";
    for (size_t i = 0; i < n; i++)
        snprintf(prog + strlen(prog), sizeof prog - strlen(prog), "print(repr(format(%s, %s)))\n", cases[i][0],
                 text(rt_str_from_cstr(&vm, cases[i][1])));
    for (size_t i = 0; i < n; i++)
        snprintf(prog + strlen(prog), sizeof prog - strlen(prog), "print(repr(%s))\n", cases[i][0]);
    char *out = python(prog);
    char *lines[256];
    for (size_t i = 0; i < 2 * n; i++)
        lines[i] = next_line(&out);
    for (size_t i = 0; i < n; i++) {
        char *want = lines[i];
        char *vr = lines[n + i];
        Value v;
        if (!strcmp(vr, "True"))
            v = rt_True;
        else if (strchr(vr, '.') || strchr(vr, 'e') || strchr(vr, 'n'))
            v = F(vr);
        else
            v = I(vr);
        Value r = rt_format(&vm, v, rt_str_from_cstr(&vm, cases[i][1]));
        cr_assert_str_eq(text(r), want, "format(%s, '%s')", cases[i][0], cases[i][1]);
    }
}

Test(num, format_errors)
{
    const char *cases[][2] = {{"1", ".2d"}, {"1", ",x"}, {"1", "q"}, {"1.5", "d"}, {"-1", "c"}, {"1", "z"},
                              {"1", "abc"}, {"1", "5.5.5"}, {"1", ",_"}};
    size_t n = sizeof cases / sizeof *cases;
    char prog[8192] = "";
    for (size_t i = 0; i < n; i++)
        snprintf(prog + strlen(prog), sizeof prog - strlen(prog),
                 "try: format(%s, '%s')\nexcept Exception as e: print(type(e).__name__ + ': ' + str(e))\n",
                 cases[i][0], cases[i][1]);
    char *out = python(prog);
    for (size_t i = 0; i < n; i++) {
        Value v = strchr(cases[i][0], '.') ? F(cases[i][0]) : I(cases[i][0]);
        Value r = rt_format(&vm, v, rt_str_from_cstr(&vm, cases[i][1]));
        cr_assert_str_eq(text(r) + 1, next_line(&out), "format(%s, '%s')", cases[i][0], cases[i][1]);
    }
}

Test(num, bool_is_an_int)
{
    Value two = rt_binary_op(&vm, BIN_ADD, rt_True, v_from_small(1));
    cr_assert(v_is_small(two) && v_small(two) == 2);
    cr_assert_str_eq(text(rt_True), "True");
    cr_assert_eq(rt_binary_op(&vm, BIN_AND, rt_True, rt_False), rt_False);
    cr_assert_str_eq(text(rt_binary_op(&vm, BIN_AND, rt_True, v_from_small(3))), "1");
    cr_assert_eq(rt_compare(&vm, rt_True, v_from_small(1), CMP_EQ), rt_True);
}
