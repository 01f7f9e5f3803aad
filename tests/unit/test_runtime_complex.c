/* tests/unit/test_runtime_complex.c — complex arithmetic over a grid of
 * operands (signed zeros, infinities, NaNs, huge and tiny parts, ints and
 * floats mixed in) against python3, and the buffer protocol's export
 * bookkeeping (a bytearray refuses to resize while a lasting view exists). */
#include <math.h>
#include "tests/unit/oracle.h"
#include "runtime/buffer.h"
#include "runtime/complex.h"

/* The operands: python3 spells them as the C code builds them. */
static const struct { const char *py; double re, im; bool is_float; } ops[] = {
    {"complex(1.5, -2.0)", 1.5, -2.0, false},  {"complex(0.0, 0.0)", 0.0, 0.0, false},
    {"complex(-0.0, -0.0)", -0.0, -0.0, false}, {"complex(0.0, 1.0)", 0.0, 1.0, false},
    {"complex(3.0, 4.0)", 3.0, 4.0, false},    {"complex(1e300, 1e300)", 1e300, 1e300, false},
    {"complex(1e-300, -1e-310)", 1e-300, -1e-310, false}, {"complex(float('inf'), 0.0)", INFINITY, 0.0, false},
    {"complex(float('nan'), 1.0)", NAN, 1.0, false}, {"2.0", 2.0, 0.0, true},
    {"-0.5", -0.5, 0.0, true},                 {"0.0", 0.0, 0.0, true},
};

static Value make(size_t i)
{
    return ops[i].is_float ? rt_float_new(&vm, ops[i].re) : rt_complex_new(&vm, ops[i].re, ops[i].im);
}

TestSuite(complex, .init = setup, .fini = teardown);

Test(complex, arithmetic_grid)
{
    static const struct { BinOp op; const char *sym; } bins[] = {
        {BIN_ADD, "+"}, {BIN_SUB, "-"}, {BIN_MUL, "*"}, {BIN_TRUEDIV, "/"}, {BIN_POW, "**"},
    };
    size_t n = sizeof ops / sizeof *ops, nb = sizeof bins / sizeof *bins;
    static char prog[1 << 18];
    strcpy(prog, "");
    for (size_t k = 0; k < nb; k++)
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++) {
                if (ops[i].is_float && ops[j].is_float)
                    continue;
                snprintf(prog + strlen(prog), sizeof prog - strlen(prog),
                         "try: print(repr((%s) %s (%s)))\nexcept Exception as e: print('!' + type(e).__name__ + ': ' + "
                         "str(e))\n",
                         ops[i].py, bins[k].sym, ops[j].py);
            }
    char *out = python(prog);
    for (size_t k = 0; k < nb; k++)
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++) {
                if (ops[i].is_float && ops[j].is_float)
                    continue;
                char *nl = strchr(out, '\n');
                cr_assert(nl, "python3 printed too little");
                *nl = 0;
                const char *got = text(rt_binary_op(&vm, bins[k].op, make(i), make(j)));
                cr_expect(strcmp(got, out) == 0, "(%s) %s (%s)\n  got:  %s\n  want: %s", ops[i].py, bins[k].sym,
                          ops[j].py, got, out);
                out = nl + 1;
            }
}

Test(complex, exports_block_resizing)
{
    Value ba = rt_bytearray_new(&vm, (const uint8_t *)"abc", 3);
    RtBuffer view;
    cr_assert(rt_get_buffer(&vm, ba, &view, RT_BUF_EXPORT));
    cr_expect(view.len == 3 && !view.readonly && view.itemsize == 1 && view.exports);
    cr_expect(!rt_bytearray_resize(&vm, ba, 10), "resized while exported");
    cr_expect_str_eq(text(VNULL), "!BufferError: Existing exports of data: object cannot be re-sized");
    RtBuffer second;
    cr_assert(rt_get_buffer(&vm, ba, &second, RT_BUF_EXPORT));
    rt_buffer_release(&vm, &view);
    cr_expect(!rt_bytearray_resize(&vm, ba, 10), "resized with one export left");
    vm.exc = VNULL;
    rt_buffer_release(&vm, &second);
    cr_expect(rt_bytearray_resize(&vm, ba, 10));
    cr_expect_str_eq(text(ba), "bytearray(b'abc\\x00\\x00\\x00\\x00\\x00\\x00\\x00')");
    /* transient views do not count */
    RtBuffer quick;
    cr_assert(rt_get_buffer(&vm, ba, &quick, 0));
    cr_expect(quick.exports == NULL && rt_bytearray_resize(&vm, ba, 1));
    cr_expect(!rt_get_buffer(&vm, rt_str_from_cstr(&vm, "x"), &quick, 0));
    cr_expect_str_eq(text(VNULL), "!TypeError: a bytes-like object is required, not 'str'");
    cr_expect(!rt_get_buffer(&vm, rt_bytes_new(&vm, (const uint8_t *)"x", 1), &quick, RT_BUF_WRITABLE));
    cr_expect_str_eq(text(VNULL), "!TypeError: cannot use a bytes object as a writable buffer");
}
