/* stdlib/_string.c — the _string module behind string.Formatter, after
 * CPython's Objects/stringlib/unicode_format.h: formatter_parser walks a
 * format string as str.format's MarkupIterator does, yielding
 * (literal, field_name, format_spec, conversion); formatter_field_name_split
 * splits "a.b[0]" into its first part and an iterator of (is_attr, key).
 * Errors come lazily, from the iterators, with CPython's messages.  The
 * markup characters are ASCII, so the scan works on UTF-8 bytes. */
#include <string.h>

#include "stdlib/modsupport.h"
#include "stdlib/native.h"

typedef struct StrIter {
    Obj hdr;
    Value str;
    size_t pos, end; /* byte offsets into str */
} StrIter;

static void striter_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((StrIter *)o)->str); }
static Value iter_self(VM *vm, Value v) { return v; }

static Value value_error(VM *vm, const char *msg)
{
    return rt_raise(vm, &rt_exc_ValueError, "%s", msg);
}

static Value substr(VM *vm, StrIter *it, size_t from, size_t to)
{
    return rt_str_substr(vm, it->str, from, to);
}

/* The decimal value of s[from:to], -1 if it is empty or not all digits. */
static int64_t get_integer(VM *vm, const char *s, size_t from, size_t to, bool *err)
{
    *err = false;
    if (from >= to)
        return -1;
    int64_t acc = 0;
    for (size_t i = from; i < to; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        int d = s[i] - '0';
        if (acc > (INT64_MAX - d) / 10) {
            value_error(vm, "Too many decimal digits in format string");
            *err = true;
            return -1;
        }
        acc = acc * 10 + d;
    }
    return acc;
}

/* ---- formatter_parser ---------------------------------------------------------------- */

typedef struct Field {
    bool present;
    size_t name_from, name_to, spec_from, spec_to;
    bool has_spec;
    size_t conv_from, conv_to; /* conversion character's bytes; equal: none */
} Field;

/* parse_field: the text after '{' up to its '}'. */
static bool parse_field(VM *vm, StrIter *it, Field *f)
{
    const char *s = v_cstr(it->str);
    char c = 0;
    f->name_from = it->pos;
    while (it->pos < it->end) {
        c = s[it->pos++];
        if (c == '{') {
            value_error(vm, "unexpected '{' in field name");
            return false;
        }
        if (c == '[') {
            while (it->pos < it->end && s[it->pos] != ']')
                it->pos++;
            continue;
        }
        if (c == '}' || c == ':' || c == '!')
            break;
    }
    f->name_to = it->pos - 1;
    if (c == '!' || c == ':') {
        if (c == '!') {
            if (it->pos >= it->end) {
                value_error(vm, "end of string while looking for conversion specifier");
                return false;
            }
            uint32_t cp;
            size_t n = rt_utf8_decode(s + it->pos, it->end - it->pos, &cp);
            f->conv_from = it->pos;
            f->conv_to = it->pos + (n ? n : 1);
            it->pos = f->conv_to;
            if (it->pos < it->end) {
                c = s[it->pos++];
                if (c == '}')
                    return true;
                if (c != ':') {
                    value_error(vm, "expected ':' after conversion specifier");
                    return false;
                }
            }
        }
        f->has_spec = true;
        f->spec_from = it->pos;
        int count = 1;
        while (it->pos < it->end) {
            c = s[it->pos++];
            if (c == '{') {
                count++;
            } else if (c == '}' && --count == 0) {
                f->spec_to = it->pos - 1;
                return true;
            }
        }
        value_error(vm, "unmatched '{' in format spec");
        return false;
    }
    if (c != '}') {
        value_error(vm, "expected '}' before end of string");
        return false;
    }
    return true;
}

static Value formatteriter_next(VM *vm, Value self)
{
    StrIter *it = (StrIter *)v_obj(self);
    const char *s = v_cstr(it->str);
    if (it->pos >= it->end)
        return VNULL;
    size_t start = it->pos;
    char c = 0;
    bool markup = false;
    while (it->pos < it->end) {
        c = s[it->pos++];
        if (c == '{' || c == '}') {
            markup = true;
            break;
        }
    }
    bool at_end = it->pos >= it->end;
    size_t len = it->pos - start;
    if (c == '}' && markup && (at_end || s[it->pos] != '}'))
        return value_error(vm, "Single '}' encountered in format string");
    if (at_end && c == '{' && markup)
        return value_error(vm, "Single '{' encountered in format string");
    if (!at_end && markup) {
        if (s[it->pos] == c) { /* "{{" or "}}": a literal brace */
            it->pos++;
            markup = false;
        } else {
            len--;
        }
    }
    Field f = {0};
    if (markup) {
        f.present = true;
        if (!parse_field(vm, it, &f))
            return VNULL;
    }
    Value lit = substr(vm, it, start, start + len);
    Value name = f.present ? substr(vm, it, f.name_from, f.name_to) : rt_None;
    Value spec = !f.present ? rt_None
                 : f.has_spec ? substr(vm, it, f.spec_from, f.spec_to)
                              : vm->empty_str;
    Value conv = f.conv_to > f.conv_from ? substr(vm, it, f.conv_from, f.conv_to) : rt_None;
    if (!lit || !name || !spec || !conv)
        return VNULL;
    return rt_tuple_pack(vm, 4, lit, name, spec, conv);
}

static Type formatteriter_type = {
    .name = "formatteriterator", .instance_size = sizeof(StrIter), .trace = striter_trace,
    .iter = iter_self, .next = formatteriter_next,
};

static bool str_arg(VM *vm, Value v)
{
    if (v_is_str(v))
        return true;
    rt_raise(vm, &rt_exc_TypeError, "expected str, got %s", rt_type_name(v));
    return false;
}

static StrIter *striter_new(VM *vm, Type *t, Value s, size_t pos)
{
    StrIter *it = rt_alloc(vm, t, sizeof(StrIter));
    if (!it)
        return NULL;
    it->str = s;
    it->pos = pos;
    it->end = v_str(s)->len;
    return it;
}

static Value str_formatter_parser(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "_string.formatter_parser", argc, 1, 1) || !str_arg(vm, argv[0]))
        return VNULL;
    StrIter *it = striter_new(vm, &formatteriter_type, argv[0], 0);
    return it ? v_from(it) : VNULL;
}

/* ---- formatter_field_name_split ------------------------------------------------------ */

static Value fieldnameiter_next(VM *vm, Value self)
{
    StrIter *it = (StrIter *)v_obj(self);
    const char *s = v_cstr(it->str);
    if (it->pos >= it->end)
        return VNULL;
    char c = s[it->pos++];
    size_t from = it->pos, to;
    bool is_attr = c == '.';
    if (c == '.') {
        while (it->pos < it->end && s[it->pos] != '.' && s[it->pos] != '[')
            it->pos++;
        to = it->pos;
    } else if (c == '[') {
        while (it->pos < it->end && s[it->pos] != ']')
            it->pos++;
        if (it->pos >= it->end)
            return value_error(vm, "Missing ']' in format string");
        to = it->pos++;
    } else {
        return value_error(vm, "Only '.' or '[' may follow ']' in format field specifier");
    }
    bool err;
    int64_t idx = is_attr ? -1 : get_integer(vm, s, from, to, &err);
    if (!is_attr && err)
        return VNULL;
    if (from == to)
        return value_error(vm, "Empty attribute in format string");
    Value key = idx != -1 ? rt_int_from_i64(vm, idx) : substr(vm, it, from, to);
    return key ? rt_tuple_pack(vm, 2, rt_bool(is_attr), key) : VNULL;
}

static Type fieldnameiter_type = {
    .name = "fieldnameiterator", .instance_size = sizeof(StrIter), .trace = striter_trace,
    .iter = iter_self, .next = fieldnameiter_next,
};

static Value str_field_name_split(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "_string.formatter_field_name_split", argc, 1, 1) ||
        !str_arg(vm, argv[0]))
        return VNULL;
    Value s = argv[0];
    const char *p = v_cstr(s);
    size_t n = v_str(s)->len, i = 0;
    while (i < n && p[i] != '.' && p[i] != '[')
        i++;
    bool err;
    int64_t idx = get_integer(vm, p, 0, i, &err);
    if (err)
        return VNULL;
    Value first = idx != -1 ? rt_int_from_i64(vm, idx) : rt_str_substr(vm, s, 0, i);
    StrIter *it = first ? striter_new(vm, &fieldnameiter_type, s, i) : NULL;
    return it ? rt_tuple_pack(vm, 2, first, v_from(it)) : VNULL;
}

static const NativeDef string_functions[] = {
    {"formatter_parser", str_formatter_parser, 0},
    {"formatter_field_name_split", str_field_name_split, 0},
    {NULL, NULL, 0},
};

Value mp_string_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_string", &d);
    if (!m || !rt_add_functions(vm, d, string_functions, rt_str_intern_cstr(vm, "_string")) ||
        !mp_type_ready(vm, &formatteriter_type, NULL) || !mp_type_ready(vm, &fieldnameiter_type, NULL))
        return VNULL;
    return m;
}
