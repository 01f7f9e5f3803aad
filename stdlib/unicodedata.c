/* stdlib/unicodedata.c — the unicodedata module over the generated Unicode 14.0.0 database
 * (runtime/unicode_db.h): character properties, names, decompositions, and the four
 * normalization forms.  Argument checks and messages follow CPython 3.11's Argument Clinic ones.
 * Not provided: ucd_3_2_0 (the Unicode 3.2 database that IDNA's stringprep uses). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/callable.h"
#include "runtime/int.h"
#include "runtime/state.h"
#include "runtime/unicode_db.h"
#include "stdlib/native.h"

/* ---- arguments ------------------------------------------------------------------------- */

static bool no_keywords(VM *vm, const char *name, Value kw)
{
    if (!kw || v_tuple(kw)->len == 0)
        return true;
    rt_raise(vm, &rt_exc_TypeError, "unicodedata.%s() takes no keyword arguments", name);
    return false;
}

/* The one character of v, which must be a str of length one.  CPython's message names the
 * argument's position only for functions that take more than one. */
static bool one_char(VM *vm, const char *name, Value v, bool numbered, uint32_t *cp)
{
    if (v_is_str(v) && v_str(v)->nchars == 1) {
        Str *s = v_str(v);
        if (!rt_utf8_decode(s->data, s->len, cp))
            *cp = (unsigned char)s->data[0];
        return true;
    }
    rt_raise(vm, &rt_exc_TypeError, "%s() argument%s must be a unicode character, not %s", name,
             numbered ? " 1" : "", rt_type_name(v));
    return false;
}

/* Checks for the METH_O functions (category, bidirectional ...): one character. */
static bool single_arg(VM *vm, const char *name, int argc, Value *argv, Value kw, uint32_t *cp)
{
    char full[48];
    snprintf(full, sizeof full, "unicodedata.%s", name);
    return no_keywords(vm, name, kw) && rt_check_nargs(vm, full, argc, 1, 1) &&
           one_char(vm, name, argv[0], false, cp);
}

/* Checks for the functions of a character and an optional default (name, decimal ...). */
static bool char_and_default(VM *vm, const char *name, int argc, Value *argv, Value kw, uint32_t *cp)
{
    return no_keywords(vm, name, kw) && rt_check_nargs(vm, name, argc, 1, 2) &&
           one_char(vm, name, argv[0], true, cp);
}

static Value ascii_str(VM *vm, const char *s) { return rt_str_new_ascii(vm, s, strlen(s)); }

/* ---- properties ------------------------------------------------------------------------ */

static Value u_category(VM *vm, int argc, Value *argv, Value kw)
{
    uint32_t c;
    if (!single_arg(vm, "category", argc, argv, kw, &c))
        return VNULL;
    return ascii_str(vm, rt_ucd_category_names[rt_ucd(c)->category]);
}

static Value u_bidirectional(VM *vm, int argc, Value *argv, Value kw)
{
    uint32_t c;
    if (!single_arg(vm, "bidirectional", argc, argv, kw, &c))
        return VNULL;
    return ascii_str(vm, rt_ucd_bidi_names[rt_ucd(c)->bidi]);
}

static Value u_east_asian_width(VM *vm, int argc, Value *argv, Value kw)
{
    uint32_t c;
    if (!single_arg(vm, "east_asian_width", argc, argv, kw, &c))
        return VNULL;
    return ascii_str(vm, rt_ucd_width_names[rt_ucd(c)->width]);
}

static Value u_combining(VM *vm, int argc, Value *argv, Value kw)
{
    uint32_t c;
    if (!single_arg(vm, "combining", argc, argv, kw, &c))
        return VNULL;
    return rt_int_from_i64(vm, rt_ucd(c)->combining);
}

static Value u_mirrored(VM *vm, int argc, Value *argv, Value kw)
{
    uint32_t c;
    if (!single_arg(vm, "mirrored", argc, argv, kw, &c))
        return VNULL;
    return rt_int_from_i64(vm, (rt_ucd(c)->flags & RT_UCD_MIRRORED) != 0);
}

static Value u_decomposition(VM *vm, int argc, Value *argv, Value kw)
{
    uint32_t c, d[RT_UCD_DECOMP_MAX];
    if (!single_arg(vm, "decomposition", argc, argv, kw, &c))
        return VNULL;
    const char *tag = "";
    int n = rt_ucd_decomposition(c, &tag, d);
    char buf[16 + RT_UCD_DECOMP_MAX * 7];
    size_t len = (size_t)snprintf(buf, sizeof buf, "%s", tag);
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%04X", len ? " " : "", d[i]);
    return rt_str_new_ascii(vm, buf, len);
}

/* decimal, digit and numeric: the value, else the default, else ValueError. */
static Value number_or_default(VM *vm, int argc, Value *argv, Value v, const char *error)
{
    if (v)
        return v;
    if (argc > 1)
        return argv[1];
    return rt_raise(vm, &rt_exc_ValueError, "%s", error);
}

static Value u_decimal(VM *vm, int argc, Value *argv, Value kw)
{
    uint32_t c;
    if (!char_and_default(vm, "decimal", argc, argv, kw, &c))
        return VNULL;
    int d = rt_ucd(c)->decimal;
    return number_or_default(vm, argc, argv, d >= 0 ? rt_int_from_i64(vm, d) : VNULL, "not a decimal");
}

static Value u_digit(VM *vm, int argc, Value *argv, Value kw)
{
    uint32_t c;
    if (!char_and_default(vm, "digit", argc, argv, kw, &c))
        return VNULL;
    int d = rt_ucd(c)->digit;
    return number_or_default(vm, argc, argv, d >= 0 ? rt_int_from_i64(vm, d) : VNULL, "not a digit");
}

static Value u_numeric(VM *vm, int argc, Value *argv, Value kw)
{
    uint32_t c;
    if (!char_and_default(vm, "numeric", argc, argv, kw, &c))
        return VNULL;
    const RtUcdRecord *r = rt_ucd(c);
    return number_or_default(vm, argc, argv, r->numeric ? rt_float_new(vm, rt_ucd_numeric_value(r)) : VNULL,
                             "not a numeric character");
}

/* ---- names ----------------------------------------------------------------------------- */

static Value u_name(VM *vm, int argc, Value *argv, Value kw)
{
    uint32_t c;
    if (!char_and_default(vm, "name", argc, argv, kw, &c))
        return VNULL;
    char buf[RT_UCD_NAME_MAX];
    if (rt_ucd_name(c, buf))
        return ascii_str(vm, buf);
    if (argc > 1)
        return argv[1];
    return rt_raise(vm, &rt_exc_ValueError, "no such name");
}

static Value str_of_code_points(VM *vm, const uint32_t *cps, int n)
{
    char buf[4 * RT_UCD_SEQ_MAX];
    size_t len = 0;
    for (int i = 0; i < n; i++)
        len += rt_utf8_encode(cps[i], buf + len);
    return rt_str_new(vm, buf, len);
}

static Value u_lookup(VM *vm, int argc, Value *argv, Value kw)
{
    if (!no_keywords(vm, "lookup", kw) || !rt_check_nargs(vm, "unicodedata.lookup", argc, 1, 1))
        return VNULL;
    const char *name;
    size_t len;
    if (v_is_str(argv[0])) {
        name = v_str(argv[0])->data;
        len = v_str(argv[0])->len;
    } else if (v_is(argv[0], &rt_bytes_type)) {
        name = (const char *)((Bytes *)v_obj(argv[0]))->data;
        len = ((Bytes *)v_obj(argv[0]))->len;
    } else {
        return rt_raise(vm, &rt_exc_TypeError, "a bytes-like object is required, not '%s'",
                        rt_type_name(argv[0]));
    }
    if (len > 256)  /* CPython's limit for a name buffer */
        return rt_raise_str(vm, &rt_exc_KeyError, ascii_str(vm, "name too long"));
    uint32_t cps[RT_UCD_SEQ_MAX];
    int n = rt_ucd_lookup(name, len, true, cps);
    if (n > 0)
        return str_of_code_points(vm, cps, n);
    Value msg = rt_str_printf(vm, "undefined character name '%.*s'", (int)len, name);
    return msg ? rt_raise_str(vm, &rt_exc_KeyError, msg) : VNULL;
}

/* ---- normalization --------------------------------------------------------------------- */

/* The normalization form named by v (a str): RT_UCD_NFC ..., or -1 with ValueError raised. */
static int form_of(VM *vm, const char *fname, Value v)
{
    static const char *const forms[] = {[RT_UCD_NFC] = "NFC", [RT_UCD_NFD] = "NFD",
                                        [RT_UCD_NFKC] = "NFKC", [RT_UCD_NFKD] = "NFKD"};
    if (!v_is_str(v)) {
        rt_raise(vm, &rt_exc_TypeError, "%s() argument 1 must be str, not %s", fname, rt_type_name(v));
        return -1;
    }
    for (int i = 0; i < 4; i++)
        if (strcmp(v_str(v)->data, forms[i]) == 0 && v_str(v)->len == strlen(forms[i]))
            return i;
    rt_raise(vm, &rt_exc_ValueError, "invalid normalization form");
    return -1;
}

static Value normalized(VM *vm, int form, Value str)
{
    Str *s = v_str(str);
    if (s->ascii)
        return str;  /* ASCII is in every normalization form */
    uint32_t *in = malloc(s->nchars * sizeof *in), *out = NULL;
    size_t n = 0, m = (size_t)-1;
    if (in) {
        for (size_t i = 0; i < s->len; n++) {
            size_t k = rt_utf8_decode(s->data + i, s->len - i, &in[n]);
            if (!k)
                in[n] = (unsigned char)s->data[i], k = 1;
            i += k;
        }
        m = rt_ucd_normalize(form, in, n, &out);
    }
    free(in);
    if (m == (size_t)-1)
        return rt_raise(vm, &rt_exc_MemoryError, "out of memory");
    StrBuf b;
    sb_init(&b);
    bool ok = true;
    for (size_t i = 0; i < m && ok; i++) {
        char c[4];
        ok = sb_add(vm, &b, c, rt_utf8_encode(out[i], c));
    }
    free(out);
    if (!ok) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

static bool normalize_args(VM *vm, const char *name, int argc, Value *argv, Value kw, int *form)
{
    if (!no_keywords(vm, name, kw) || !rt_check_nargs(vm, name, argc, 2, 2))
        return false;
    *form = form_of(vm, name, argv[0]);
    if (*form < 0)
        return false;
    if (v_is_str(argv[1]))
        return true;
    rt_raise(vm, &rt_exc_TypeError, "%s() argument 2 must be str, not %s", name, rt_type_name(argv[1]));
    return false;
}

static Value u_normalize(VM *vm, int argc, Value *argv, Value kw)
{
    int form;
    if (!normalize_args(vm, "normalize", argc, argv, kw, &form))
        return VNULL;
    return normalized(vm, form, argv[1]);
}

static Value u_is_normalized(VM *vm, int argc, Value *argv, Value kw)
{
    int form;
    if (!normalize_args(vm, "is_normalized", argc, argv, kw, &form))
        return VNULL;
    Value r = normalized(vm, form, argv[1]);
    if (!r)
        return VNULL;
    Str *a = v_str(r), *b = v_str(argv[1]);
    return rt_bool(a->len == b->len && memcmp(a->data, b->data, a->len) == 0);
}

static const NativeDef unicodedata_functions[] = {
    {"lookup", u_lookup, NF_KEYWORDS},
    {"name", u_name, NF_KEYWORDS},
    {"category", u_category, NF_KEYWORDS},
    {"bidirectional", u_bidirectional, NF_KEYWORDS},
    {"combining", u_combining, NF_KEYWORDS},
    {"mirrored", u_mirrored, NF_KEYWORDS},
    {"east_asian_width", u_east_asian_width, NF_KEYWORDS},
    {"decomposition", u_decomposition, NF_KEYWORDS},
    {"decimal", u_decimal, NF_KEYWORDS},
    {"digit", u_digit, NF_KEYWORDS},
    {"numeric", u_numeric, NF_KEYWORDS},
    {"normalize", u_normalize, NF_KEYWORDS},
    {"is_normalized", u_is_normalized, NF_KEYWORDS},
    {NULL, NULL, 0},
};

Value mp_unicodedata_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "unicodedata", &d);
    if (!m || !rt_add_functions(vm, d, unicodedata_functions, rt_str_intern_cstr(vm, "unicodedata")))
        return VNULL;
    Value version = ascii_str(vm, "14.0.0");
    if (!version || !rt_dict_set_str(vm, d, rt_str_intern_cstr(vm, "unidata_version"), version))
        return VNULL;
    return m;
}
