/* stdlib/unicodedata.c — the unicodedata module over the generated Unicode 14.0.0 database
 * (runtime/unicode_db.h): character properties, names, decompositions, and the four
 * normalization forms, and ucd_3_2_0, the Unicode 3.2.0 database that IDNA's stringprep uses.
 * Argument checks and messages follow CPython 3.11's Argument Clinic ones. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/callable.h"
#include "runtime/int.h"
#include "runtime/state.h"
#include "runtime/unicode_db.h"
#include "stdlib/native.h"

/* Each function serves both the module (the 14.0.0 database) and the methods of its UCD object
 * ucd_3_2_0 (the 3.2.0 one, old): the messages name "unicodedata.f" or "UCD.f" accordingly. */
#define OWNER(old) ((old) ? "UCD" : "unicodedata")

/* ---- arguments ------------------------------------------------------------------------- */

static bool no_keywords(VM *vm, bool old, const char *name, Value kw)
{
    if (!kw || v_tuple(kw)->len == 0)
        return true;
    rt_raise(vm, &rt_exc_TypeError, "%s.%s() takes no keyword arguments", OWNER(old), name);
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
static bool single_arg(VM *vm, bool old, const char *name, int argc, Value *argv, Value kw, uint32_t *cp)
{
    char full[48];
    snprintf(full, sizeof full, "%s.%s", OWNER(old), name);
    return no_keywords(vm, old, name, kw) && rt_check_nargs(vm, full, argc, 1, 1) &&
           one_char(vm, name, argv[0], false, cp);
}

/* Checks for the functions of a character and an optional default (name, decimal ...). */
static bool char_and_default(VM *vm, bool old, const char *name, int argc, Value *argv, Value kw,
                             uint32_t *cp)
{
    return no_keywords(vm, old, name, kw) && rt_check_nargs(vm, name, argc, 1, 2) &&
           one_char(vm, name, argv[0], true, cp);
}

static Value ascii_str(VM *vm, const char *s) { return rt_str_new_ascii(vm, s, strlen(s)); }

/* The 3.2.0 differences of c when old, else NULL. */
static const RtUcdOldRecord *old_record(bool old, uint32_t c) { return old ? rt_ucd_old(c) : NULL; }
static bool unassigned_in(bool old, uint32_t c)
{
    const RtUcdOldRecord *o = old_record(old, c);
    return o && o->unassigned;
}

/* ---- properties ------------------------------------------------------------------------ */

static Value f_category(VM *vm, bool old, int argc, Value *argv, Value kw)
{
    uint32_t c;
    if (!single_arg(vm, old, "category", argc, argv, kw, &c))
        return VNULL;
    const RtUcdOldRecord *o = old_record(old, c);
    return ascii_str(vm, rt_ucd_category_names[o ? o->category : rt_ucd(c)->category]);
}

static Value f_bidirectional(VM *vm, bool old, int argc, Value *argv, Value kw)
{
    uint32_t c;
    if (!single_arg(vm, old, "bidirectional", argc, argv, kw, &c))
        return VNULL;
    const RtUcdOldRecord *o = old_record(old, c);
    return ascii_str(vm, rt_ucd_bidi_names[o ? o->bidi : rt_ucd(c)->bidi]);
}

static Value f_east_asian_width(VM *vm, bool old, int argc, Value *argv, Value kw)
{
    uint32_t c;
    if (!single_arg(vm, old, "east_asian_width", argc, argv, kw, &c))
        return VNULL;
    const RtUcdOldRecord *o = old_record(old, c);
    return ascii_str(vm, rt_ucd_width_names[o ? o->width : rt_ucd(c)->width]);
}

static Value f_combining(VM *vm, bool old, int argc, Value *argv, Value kw)
{
    uint32_t c;
    if (!single_arg(vm, old, "combining", argc, argv, kw, &c))
        return VNULL;
    return rt_int_from_i64(vm, unassigned_in(old, c) ? 0 : rt_ucd(c)->combining);
}

static Value f_mirrored(VM *vm, bool old, int argc, Value *argv, Value kw)
{
    uint32_t c;
    if (!single_arg(vm, old, "mirrored", argc, argv, kw, &c))
        return VNULL;
    const RtUcdOldRecord *o = old_record(old, c);
    return rt_int_from_i64(vm, o ? o->mirrored : (rt_ucd(c)->flags & RT_UCD_MIRRORED) != 0);
}

static Value f_decomposition(VM *vm, bool old, int argc, Value *argv, Value kw)
{
    uint32_t c, d[RT_UCD_DECOMP_MAX];
    if (!single_arg(vm, old, "decomposition", argc, argv, kw, &c))
        return VNULL;
    const char *tag = "";
    int n = unassigned_in(old, c) ? 0 : rt_ucd_decomposition(c, &tag, d);
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

static Value f_decimal(VM *vm, bool old, int argc, Value *argv, Value kw)
{
    uint32_t c;
    if (!char_and_default(vm, old, "decimal", argc, argv, kw, &c))
        return VNULL;
    const RtUcdOldRecord *o = old_record(old, c);
    int d = o ? o->decimal : rt_ucd(c)->decimal;
    return number_or_default(vm, argc, argv, d >= 0 ? rt_int_from_i64(vm, d) : VNULL, "not a decimal");
}

static Value f_digit(VM *vm, bool old, int argc, Value *argv, Value kw)
{
    uint32_t c;
    if (!char_and_default(vm, old, "digit", argc, argv, kw, &c))
        return VNULL;
    int d = rt_ucd(c)->digit;  /* CPython's 3.2.0 database keeps today's digits */
    return number_or_default(vm, argc, argv, d >= 0 ? rt_int_from_i64(vm, d) : VNULL, "not a digit");
}

static Value f_numeric(VM *vm, bool old, int argc, Value *argv, Value kw)
{
    uint32_t c;
    if (!char_and_default(vm, old, "numeric", argc, argv, kw, &c))
        return VNULL;
    const RtUcdRecord *r = rt_ucd(c);
    const RtUcdOldRecord *o = old_record(old, c);
    unsigned num = o ? o->numeric : r->numeric;
    RtUcdRecord as = *r;
    as.numeric = (uint8_t)num;
    return number_or_default(vm, argc, argv, num ? rt_float_new(vm, rt_ucd_numeric_value(&as)) : VNULL,
                             "not a numeric character");
}

/* ---- names ----------------------------------------------------------------------------- */

static Value f_name(VM *vm, bool old, int argc, Value *argv, Value kw)
{
    uint32_t c;
    if (!char_and_default(vm, old, "name", argc, argv, kw, &c))
        return VNULL;
    char buf[RT_UCD_NAME_MAX];
    if (!unassigned_in(old, c) && rt_ucd_name(c, buf))
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

static bool starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

static Value f_lookup(VM *vm, bool old, int argc, Value *argv, Value kw)
{
    char full[32];
    snprintf(full, sizeof full, "%s.lookup", OWNER(old));
    if (!no_keywords(vm, old, "lookup", kw) || !rt_check_nargs(vm, full, argc, 1, 1))
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
    int n = rt_ucd_lookup(name, len, old ? 0 : RT_UCD_ALIASES | RT_UCD_SEQUENCES, cps);
    /* 3.2.0 knows no later character, but CPython finds algorithmic names whatever the version */
    if (n == 1 && unassigned_in(old, cps[0]) && !starts_with(name, len, "CJK UNIFIED IDEOGRAPH-") &&
        !starts_with(name, len, "HANGUL SYLLABLE "))
        n = 0;
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

static bool normalize_args(VM *vm, bool old, const char *name, int argc, Value *argv, Value kw,
                           int *form)
{
    if (!no_keywords(vm, old, name, kw) || !rt_check_nargs(vm, name, argc, 2, 2))
        return false;
    *form = form_of(vm, name, argv[0]);
    if (*form < 0)
        return false;
    if (old)
        *form |= RT_UCD_3_2;
    if (v_is_str(argv[1]))
        return true;
    rt_raise(vm, &rt_exc_TypeError, "%s() argument 2 must be str, not %s", name, rt_type_name(argv[1]));
    return false;
}

static Value f_normalize(VM *vm, bool old, int argc, Value *argv, Value kw)
{
    int form;
    if (!normalize_args(vm, old, "normalize", argc, argv, kw, &form))
        return VNULL;
    return normalized(vm, form, argv[1]);
}

static Value f_is_normalized(VM *vm, bool old, int argc, Value *argv, Value kw)
{
    int form;
    if (!normalize_args(vm, old, "is_normalized", argc, argv, kw, &form))
        return VNULL;
    Value r = normalized(vm, form, argv[1]);
    if (!r)
        return VNULL;
    Str *a = v_str(r), *b = v_str(argv[1]);
    return rt_bool(a->len == b->len && memcmp(a->data, b->data, a->len) == 0);
}

/* ---- the module and its UCD type ----------------------------------------------------- */

/* Each f_NAME as a module function u_NAME (Unicode 14.0.0) and a UCD method m_NAME (3.2.0). */
#define FUNCTIONS(X)                                                                        \
    X(lookup) X(name) X(category) X(bidirectional) X(combining) X(mirrored)                 \
    X(east_asian_width) X(decomposition) X(decimal) X(digit) X(numeric) X(normalize)        \
    X(is_normalized)

#define X(f)                                                                                \
    static Value u_##f(VM *vm, int argc, Value *argv, Value kw)                             \
    {                                                                                       \
        return f_##f(vm, false, argc, argv, kw);                                            \
    }                                                                                       \
    static Value m_##f(VM *vm, int argc, Value *argv, Value kw)                             \
    {                                                                                       \
        return f_##f(vm, true, argc - 1, argv + 1, kw);                                     \
    }
FUNCTIONS(X)
#undef X

static const NativeDef unicodedata_functions[] = {
#define X(f) {#f, u_##f, NF_KEYWORDS},
    FUNCTIONS(X)
#undef X
    {NULL, NULL, 0},
};

static const NativeDef ucd_methods[] = {
#define X(f) {#f, m_##f, NF_KEYWORDS},
    FUNCTIONS(X)
#undef X
    {NULL, NULL, 0},
};

/* unicodedata.UCD: the type of ucd_3_2_0, which holds nothing (its methods know the data). */
static Value ucd_new(VM *vm, Type *t, int argc, Value *argv, Value kwnames)
{
    return rt_raise(vm, &rt_exc_TypeError, "cannot create 'unicodedata.UCD' instances");
}

static Type ucd_type = {
    .name = "UCD",
    .instance_size = sizeof(Obj),
    .new = ucd_new,
};

static bool set_str(VM *vm, Dict *d, const char *name, const char *value)
{
    Value v = ascii_str(vm, value);
    return v && rt_dict_set_str(vm, d, rt_str_intern_cstr(vm, name), v);
}

Value mp_unicodedata_module_init(VM *vm)
{
    if (!ucd_type.dict) {
        rt_static_init(&ucd_type.hdr, &rt_type_type);
        if (!rt_type_ready(vm, &ucd_type))
            return VNULL;
        ucd_type.module = rt_str_intern_cstr(vm, "unicodedata");
        if (!ucd_type.module || !rt_add_methods(vm, &ucd_type, ucd_methods) ||
            !set_str(vm, ucd_type.dict, "unidata_version", "3.2.0"))
            return VNULL;
    }
    Dict *d;
    Value m = mp_new_module(vm, "unicodedata", &d);
    if (!m || !rt_add_functions(vm, d, unicodedata_functions, rt_str_intern_cstr(vm, "unicodedata")))
        return VNULL;
    Obj *old = rt_alloc(vm, &ucd_type, sizeof(Obj));
    if (!old || !set_str(vm, d, "unidata_version", "14.0.0") ||
        !rt_dict_set_str(vm, d, rt_str_intern_cstr(vm, "ucd_3_2_0"), v_from(old)) ||
        !rt_dict_set_str(vm, d, rt_str_intern_cstr(vm, "UCD"), v_from(&ucd_type)))
        return VNULL;
    return m;
}
