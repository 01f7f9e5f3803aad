/* stdlib/_locale.c — the _locale module under CPython's locale.py (after
 * Modules/_localemodule.c on Linux): setlocale, localeconv, nl_langinfo
 * and its constants, getencoding, strcoll/strxfrm, the gettext family,
 * the LC_* categories and locale.Error.  Text from the C library is
 * decoded as UTF-8 (Latin-1 when it is not), since minipy's str is UTF-8. */
#include <errno.h>
#include <langinfo.h>
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "runtime/callable.h"
#include "runtime/containers.h"
#include "runtime/int.h"
#include "runtime/state.h"
#include "runtime/str.h"
#include "stdlib/modsupport.h"
#include "stdlib/native.h"

/* locale.Error, rooted (rebuilt with the module). */
static Value locale_error;

static Value decode_c(VM *vm, const char *s)
{
    size_t n = strlen(s), bad;
    if (rt_utf8_valid_strict(s, n, &bad))
        return rt_str_new(vm, s, n);
    StrBuf b;
    sb_init(&b);
    for (size_t i = 0; i < n; i++) {
        char out[4];
        if (!sb_add(vm, &b, out, rt_utf8_encode((unsigned char)s[i], out))) {
            sb_free(&b);
            return VNULL;
        }
    }
    return sb_finish(vm, &b);
}

static bool arg_int(VM *vm, const char *fname, int argi, Value v, int *out)
{
    if (v_is(v, &rt_float_type)) {
        rt_raise(vm, &rt_exc_TypeError, "'float' object cannot be interpreted as an integer");
        return false;
    }
    int64_t x;
    if (!mp_as_ssize(vm, v, &x))
        return false;
    if (x > INT_MAX || x < INT_MIN) {
        rt_raise(vm, &rt_exc_OverflowError, x > 0 ? "signed integer is greater than maximum"
                                                  : "signed integer is less than minimum");
        return false;
    }
    *out = (int)x;
    return true;
}

/* A str argument without NUL characters (PyArg "s"/"z"); NULL for None
 * when none_ok. */
static bool arg_cstr(VM *vm, const char *fname, int argi, Value v, bool none_ok, const char **out)
{
    if (none_ok && (!v || v == rt_None)) {
        *out = NULL;
        return true;
    }
    if (!v_is_str(v)) {
        if (argi == 0)
            rt_raise(vm, &rt_exc_TypeError, "%s() argument must be str%s, not %s", fname, none_ok ? " or None" : "",
                     rt_type_name(v));
        else
            rt_raise(vm, &rt_exc_TypeError, "%s() argument %d must be str%s, not %s", fname, argi,
                     none_ok ? " or None" : "", rt_type_name(v));
        return false;
    }
    if (memchr(v_cstr(v), 0, v_str(v)->len)) {
        rt_raise(vm, &rt_exc_ValueError, "embedded null character");
        return false;
    }
    *out = v_cstr(v);
    return true;
}

/* Argument Clinic's count checks: one positional argument (METH_O,
 * "_locale.f() takes exactly one argument (0 given)") or several. */
static bool nargs(VM *vm, const char *fname, int argc, int min, int max)
{
    if (min == 1 && max == 1) {
        if (argc == 1)
            return true;
        rt_raise(vm, &rt_exc_TypeError, "_locale.%s() takes exactly one argument (%d given)", fname, argc);
        return false;
    }
    return rt_check_nargs(vm, fname, argc, min, max);
}

static Value lc_setlocale(VM *vm, int argc, Value *argv, Value kw)
{
    int category;
    const char *locale;
    if (!mp_no_kw(vm, "setlocale", kw) || !rt_check_nargs(vm, "setlocale", argc, 1, 2) ||
        !arg_int(vm, "setlocale", 1, argv[0], &category) ||
        !arg_cstr(vm, "setlocale", 2, argc > 1 ? argv[1] : VNULL, true, &locale))
        return VNULL;
    const char *r = setlocale(category, locale);
    if (!r) {
        Value msg = rt_str_from_cstr(vm, locale ? "unsupported locale setting" : "locale query failed");
        Value exc = msg ? rt_call1(vm, locale_error, msg) : VNULL;
        return exc ? rt_raise_value(vm, exc) : VNULL;
    }
    return decode_c(vm, r);
}

/* CPython's copy_grouping: the grouping bytes up to and including the
 * terminating 0 or CHAR_MAX, as a list; [] for an empty string. */
static Value grouping_list(VM *vm, const char *s)
{
    Value l = rt_list_new(vm, 0);
    if (!l || !s[0])
        return l;
    size_t i = 0;
    do {
        if (!rt_list_append(vm, l, v_from_small(s[i])))
            return VNULL;
    } while (s[i] != '\0' && s[i++] != CHAR_MAX);
    return l;
}

static Value lc_localeconv(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc)
        return rt_raise(vm, &rt_exc_TypeError, "_locale.localeconv() takes no arguments (%d given)", argc);
    struct lconv *lc = localeconv();
    Value d = rt_dict_new(vm);
    if (!d)
        return VNULL;
    Dict *dd = v_dict(d);
#define STR(f) if (!(v = decode_c(vm, lc->f)) || !rt_dict_set_cstr(vm, dd, #f, v)) return VNULL;
#define NUM(f) if (!rt_dict_set_cstr(vm, dd, #f, v_from_small(lc->f))) return VNULL;
    Value v;
    STR(int_curr_symbol)
    STR(currency_symbol)
    STR(mon_decimal_point)
    STR(mon_thousands_sep)
    if (!(v = grouping_list(vm, lc->mon_grouping)) || !rt_dict_set_cstr(vm, dd, "mon_grouping", v))
        return VNULL;
    STR(positive_sign)
    STR(negative_sign)
    NUM(int_frac_digits)
    NUM(frac_digits)
    NUM(p_cs_precedes)
    NUM(p_sep_by_space)
    NUM(n_cs_precedes)
    NUM(n_sep_by_space)
    NUM(p_sign_posn)
    NUM(n_sign_posn)
    STR(decimal_point)
    STR(thousands_sep)
    if (!(v = grouping_list(vm, lc->grouping)) || !rt_dict_set_cstr(vm, dd, "grouping", v))
        return VNULL;
#undef STR
#undef NUM
    return d;
}

static const struct {
    const char *name;
    nl_item value;
} langinfo_constants[] = {
    {"DAY_1", DAY_1}, {"DAY_2", DAY_2}, {"DAY_3", DAY_3}, {"DAY_4", DAY_4},
    {"DAY_5", DAY_5}, {"DAY_6", DAY_6}, {"DAY_7", DAY_7},
    {"ABDAY_1", ABDAY_1}, {"ABDAY_2", ABDAY_2}, {"ABDAY_3", ABDAY_3}, {"ABDAY_4", ABDAY_4},
    {"ABDAY_5", ABDAY_5}, {"ABDAY_6", ABDAY_6}, {"ABDAY_7", ABDAY_7},
    {"MON_1", MON_1}, {"MON_2", MON_2}, {"MON_3", MON_3}, {"MON_4", MON_4}, {"MON_5", MON_5}, {"MON_6", MON_6},
    {"MON_7", MON_7}, {"MON_8", MON_8}, {"MON_9", MON_9}, {"MON_10", MON_10}, {"MON_11", MON_11}, {"MON_12", MON_12},
    {"ABMON_1", ABMON_1}, {"ABMON_2", ABMON_2}, {"ABMON_3", ABMON_3}, {"ABMON_4", ABMON_4},
    {"ABMON_5", ABMON_5}, {"ABMON_6", ABMON_6}, {"ABMON_7", ABMON_7}, {"ABMON_8", ABMON_8},
    {"ABMON_9", ABMON_9}, {"ABMON_10", ABMON_10}, {"ABMON_11", ABMON_11}, {"ABMON_12", ABMON_12},
    {"RADIXCHAR", RADIXCHAR}, {"THOUSEP", THOUSEP}, {"CRNCYSTR", CRNCYSTR},
    {"D_T_FMT", D_T_FMT}, {"D_FMT", D_FMT}, {"T_FMT", T_FMT}, {"AM_STR", AM_STR}, {"PM_STR", PM_STR},
    {"CODESET", CODESET}, {"T_FMT_AMPM", T_FMT_AMPM}, {"ERA", ERA}, {"ERA_D_FMT", ERA_D_FMT},
    {"ALT_DIGITS", ALT_DIGITS}, {"YESEXPR", YESEXPR}, {"NOEXPR", NOEXPR}, {"_DATE_FMT", _DATE_FMT},
    {"ERA_D_T_FMT", ERA_D_T_FMT}, {"ERA_T_FMT", ERA_T_FMT},
};

static Value lc_nl_langinfo(VM *vm, int argc, Value *argv, Value kw)
{
    int key;
    if (!nargs(vm, "nl_langinfo", argc, 1, 1) || !arg_int(vm, "nl_langinfo", 1, argv[0], &key))
        return VNULL;
    for (size_t i = 0; i < sizeof langinfo_constants / sizeof *langinfo_constants; i++) {
        if (langinfo_constants[i].value != key)
            continue;
        const char *r = nl_langinfo(key);
        return decode_c(vm, r ? r : ""); /* glibc may give NULL for ERA */
    }
    return rt_raise(vm, &rt_exc_ValueError, "unsupported langinfo constant");
}

static Value lc_getencoding(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc)
        return rt_raise(vm, &rt_exc_TypeError, "_locale.getencoding() takes no arguments (%d given)", argc);
    const char *e = nl_langinfo(CODESET);
    return decode_c(vm, e && e[0] ? e : "utf-8");
}

/* A str as a malloc'd wide string (free() it). */
static wchar_t *to_wide(VM *vm, Value s)
{
    Str *st = v_str(s);
    wchar_t *w = malloc((st->nchars + 1) * sizeof(wchar_t));
    if (!w) {
        rt_no_memory(vm);
        return NULL;
    }
    size_t i = 0, k = 0;
    while (i < st->len) {
        uint32_t cp;
        size_t n = rt_utf8_decode(st->data + i, st->len - i, &cp);
        if (!n)
            cp = (unsigned char)st->data[i], n = 1;
        w[k++] = (wchar_t)cp;
        i += n;
    }
    w[k] = 0;
    return w;
}

static bool arg_wide(VM *vm, const char *fname, int argi, Value v, wchar_t **out)
{
    if (!v_is_str(v)) {
        if (argi == 0)
            rt_raise(vm, &rt_exc_TypeError, "%s() argument must be str, not %s", fname, rt_type_name(v));
        else
            rt_raise(vm, &rt_exc_TypeError, "%s() argument %d must be str, not %s", fname, argi, rt_type_name(v));
        return false;
    }
    if (memchr(v_cstr(v), 0, v_str(v)->len)) {
        rt_raise(vm, &rt_exc_ValueError, "embedded null character");
        return false;
    }
    return (*out = to_wide(vm, v)) != NULL;
}

static Value lc_strcoll(VM *vm, int argc, Value *argv, Value kw)
{
    wchar_t *a = NULL, *b = NULL;
    if (!nargs(vm, "strcoll", argc, 2, 2) || !arg_wide(vm, "strcoll", 1, argv[0], &a) ||
        !arg_wide(vm, "strcoll", 2, argv[1], &b)) {
        free(a);
        return VNULL;
    }
    int r = wcscoll(a, b);
    free(a);
    free(b);
    return v_from_small(r);
}

static Value lc_strxfrm(VM *vm, int argc, Value *argv, Value kw)
{
    wchar_t *s;
    if (!nargs(vm, "strxfrm", argc, 1, 1) || !arg_wide(vm, "strxfrm", 0, argv[0], &s))
        return VNULL;
    size_t n = wcsxfrm(NULL, s, 0);
    wchar_t *out = malloc((n + 1) * sizeof(wchar_t));
    if (!out) {
        free(s);
        return rt_no_memory(vm);
    }
    wcsxfrm(out, s, n + 1);
    free(s);
    StrBuf b;
    sb_init(&b);
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        char u[4];
        uint32_t cp = (uint32_t)out[i];
        ok = cp <= 0x10FFFF ? sb_add(vm, &b, u, rt_utf8_encode(cp, u))
                            : (rt_raise(vm, &rt_exc_ValueError, "character U+%x is not in range [U+0000; U+10ffff]", cp),
                               false);
    }
    free(out);
    if (!ok) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

/* ---- gettext ------------------------------------------------------------------------ */

static Value lc_gettext(VM *vm, int argc, Value *argv, Value kw)
{
    const char *msg;
    if (!nargs(vm, "gettext", argc, 1, 1) || !arg_cstr(vm, "gettext", 0, argv[0], false, &msg))
        return VNULL;
    return decode_c(vm, gettext(msg));
}

static Value lc_dgettext(VM *vm, int argc, Value *argv, Value kw)
{
    const char *dom, *msg;
    if (!nargs(vm, "dgettext", argc, 2, 2) || !arg_cstr(vm, "dgettext", 1, argv[0], true, &dom) ||
        !arg_cstr(vm, "dgettext", 2, argv[1], false, &msg))
        return VNULL;
    return decode_c(vm, dgettext(dom, msg));
}

static Value lc_dcgettext(VM *vm, int argc, Value *argv, Value kw)
{
    const char *dom, *msg;
    int cat;
    if (!nargs(vm, "dcgettext", argc, 3, 3) || !arg_cstr(vm, "dcgettext", 1, argv[0], true, &dom) ||
        !arg_cstr(vm, "dcgettext", 2, argv[1], false, &msg) || !arg_int(vm, "dcgettext", 3, argv[2], &cat))
        return VNULL;
    return decode_c(vm, dcgettext(dom, msg, cat));
}

static Value lc_textdomain(VM *vm, int argc, Value *argv, Value kw)
{
    const char *dom;
    if (!nargs(vm, "textdomain", argc, 1, 1) || !arg_cstr(vm, "textdomain", 0, argv[0], true, &dom))
        return VNULL;
    const char *r = textdomain(dom);
    return r ? decode_c(vm, r) : rt_raise_oserror(vm, errno, NULL);
}

static Value lc_bindtextdomain(VM *vm, int argc, Value *argv, Value kw)
{
    const char *dom, *dir;
    if (!nargs(vm, "bindtextdomain", argc, 2, 2) || !arg_cstr(vm, "bindtextdomain", 1, argv[0], false, &dom) ||
        !arg_cstr(vm, "bindtextdomain", 2, argv[1], true, &dir))
        return VNULL;
    if (!dom[0]) {
        Value msg = rt_str_from_cstr(vm, "domain must be a non-empty string");
        Value exc = msg ? rt_call1(vm, locale_error, msg) : VNULL;
        return exc ? rt_raise_value(vm, exc) : VNULL;
    }
    const char *r = bindtextdomain(dom, dir);
    return r ? decode_c(vm, r) : rt_raise_oserror(vm, errno ? errno : ENOMEM, NULL);
}

static Value lc_bind_textdomain_codeset(VM *vm, int argc, Value *argv, Value kw)
{
    const char *dom, *cs;
    if (!nargs(vm, "bind_textdomain_codeset", argc, 2, 2) ||
        !arg_cstr(vm, "bind_textdomain_codeset", 1, argv[0], false, &dom) ||
        !arg_cstr(vm, "bind_textdomain_codeset", 2, argv[1], true, &cs))
        return VNULL;
    errno = 0;
    const char *r = bind_textdomain_codeset(dom, cs);
    if (!r)
        return errno ? rt_raise_oserror(vm, errno, NULL) : rt_None;
    return decode_c(vm, r);
}

static const NativeDef locale_functions[] = {
    {"setlocale", lc_setlocale, NF_KEYWORDS},
    {"localeconv", lc_localeconv, 0},
    {"nl_langinfo", lc_nl_langinfo, 0},
    {"getencoding", lc_getencoding, 0},
    {"strcoll", lc_strcoll, 0},
    {"strxfrm", lc_strxfrm, 0},
    {"gettext", lc_gettext, 0},
    {"dgettext", lc_dgettext, 0},
    {"dcgettext", lc_dcgettext, 0},
    {"textdomain", lc_textdomain, 0},
    {"bindtextdomain", lc_bindtextdomain, 0},
    {"bind_textdomain_codeset", lc_bind_textdomain_codeset, 0},
    {NULL, NULL, 0},
};

static Value make_error_class(VM *vm)
{
    Value ns = rt_dict_new(vm);
    Value mod = rt_str_intern_cstr(vm, "locale");
    Value bases = rt_tuple_pack(vm, 1, v_from(&rt_exc_Exception));
    Value name = rt_str_intern_cstr(vm, "Error");
    if (!ns || !bases || !rt_dict_set_cstr(vm, v_dict(ns), "__module__", mod))
        return VNULL;
    return rt_class_new(vm, name, bases, v_dict(ns));
}

Value mp_locale_module_init(VM *vm)
{
    static const struct {
        const char *name;
        int value;
    } ints[] = {
        {"LC_CTYPE", LC_CTYPE}, {"LC_TIME", LC_TIME}, {"LC_COLLATE", LC_COLLATE},
        {"LC_MONETARY", LC_MONETARY}, {"LC_MESSAGES", LC_MESSAGES}, {"LC_NUMERIC", LC_NUMERIC},
        {"LC_ALL", LC_ALL}, {"CHAR_MAX", CHAR_MAX},
    };
    Dict *d;
    Value m = mp_new_module(vm, "_locale", &d);
    if (!m || !rt_add_functions(vm, d, locale_functions, rt_str_intern_cstr(vm, "_locale")))
        return VNULL;
    Value doc = rt_str_from_cstr(vm, "Support for POSIX locales.");
    if (!doc || !rt_dict_set_cstr(vm, d, "__doc__", doc))
        return VNULL;
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++)
        if (!rt_dict_set_cstr(vm, d, ints[i].name, v_from_small(ints[i].value)))
            return VNULL;
    for (size_t i = 0; i < sizeof langinfo_constants / sizeof *langinfo_constants; i++)
        if (!rt_dict_set_cstr(vm, d, langinfo_constants[i].name, v_from_small(langinfo_constants[i].value)))
            return VNULL;
    rt_gc_add_root(vm, &locale_error);
    if (!(locale_error = make_error_class(vm)) || !rt_dict_set_cstr(vm, d, "Error", locale_error))
        return VNULL;
    return m;
}
