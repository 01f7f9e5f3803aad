/* stdlib/_csv.c — the _csv module behind CPython's csv.py, after CPython
 * 3.11's Modules/_csv.c: the Dialect type (validated, immutable parsing and
 * writing options), reader (an iterator running the CSV parsing state
 * machine over lines from any iterable), writer (joins rows and hands each
 * line to fileobj.write), the dialect registry and field_size_limit.
 *
 * Characters are code points; a dialect's unset quotechar/escapechar is
 * NOT_SET and the end of each input line is fed to the parser as EOL, so
 * every real character (NUL included, as in 3.11) compares as itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/complex.h"
#include "stdlib/modsupport.h"
#include "stdlib/native.h"

#define NOT_SET 0xFFFFFFFFu /* no quotechar / escapechar */
#define EOL 0xFFFFFFFEu     /* end of an input line */

enum { QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE };

typedef enum {
    START_RECORD, START_FIELD, ESCAPED_CHAR, IN_FIELD, IN_QUOTED_FIELD,
    ESCAPE_IN_QUOTED_FIELD, QUOTE_IN_QUOTED_FIELD, EAT_CRNL, AFTER_ESCAPED_CRNL
} ParserState;

typedef struct Dialect {
    Obj hdr;
    uint32_t delimiter, quotechar, escapechar;
    Value lineterminator; /* str */
    int quoting;
    bool doublequote, skipinitialspace, strict;
} Dialect;

typedef struct Reader {
    Obj hdr;
    Value input_iter;
    Value dialect;
    Value fields;         /* list: the record being parsed */
    ParserState state;
    bool numeric_field;   /* QUOTE_NONNUMERIC: the field was unquoted */
    char *field;          /* UTF-8 of the field so far (owned; finalize frees) */
    size_t field_cap, field_bytes;
    int64_t field_len;    /* characters in the field (the limit counts these) */
    int64_t line_num;
} Reader;

typedef struct Writer {
    Obj hdr;
    Value write;          /* the bound fileobj.write */
    Value dialect;
} Writer;

static Type dialect_type, reader_type, writer_type;
static Value csv_error;    /* the _csv.Error class */
static Value csv_dialects; /* dict: the registry, also _csv._dialects */
static int64_t field_limit = 128 * 1024;

static inline Dialect *DIA(Value v) { return (Dialect *)v_obj(v); }
static inline Reader *RDR(Value v) { return (Reader *)v_obj(v); }
static inline Writer *WRT(Value v) { return (Writer *)v_obj(v); }

static Value raise_error(VM *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static Value raise_error(VM *vm, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    Value s = rt_str_from_cstr(vm, msg);
    Value e = s ? rt_call1(vm, csv_error, s) : VNULL;
    return e ? rt_raise_value(vm, e) : VNULL;
}

/* The next code point of s[*i..len); lone surrogates (three-byte forms
 * rt_utf8_decode refuses) decode as themselves. */
static uint32_t next_cp(const char *s, size_t len, size_t *i)
{
    uint32_t cp;
    size_t n = rt_utf8_decode(s + *i, len - *i, &cp);
    if (n) {
        *i += n;
        return cp;
    }
    const unsigned char *p = (const unsigned char *)s + *i;
    if (len - *i >= 3 && (p[0] & 0xF0) == 0xE0) {
        *i += 3;
        return ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    }
    *i += 1;
    return p[0];
}

/* ---- Dialect ----------------------------------------------------------------------- */

static Value char_or_none(VM *vm, uint32_t c)
{
    return c == NOT_SET ? rt_None : rt_str_char(vm, c);
}

static Value dialect_get_delimiter(VM *vm, Value self) { return char_or_none(vm, DIA(self)->delimiter); }
static Value dialect_get_quotechar(VM *vm, Value self) { return char_or_none(vm, DIA(self)->quotechar); }
static Value dialect_get_escapechar(VM *vm, Value self) { return char_or_none(vm, DIA(self)->escapechar); }
static Value dialect_get_lineterminator(VM *vm, Value self) { return DIA(self)->lineterminator; }
static Value dialect_get_quoting(VM *vm, Value self) { return v_from_small(DIA(self)->quoting); }
static Value dialect_get_doublequote(VM *vm, Value self) { return rt_bool(DIA(self)->doublequote); }
static Value dialect_get_skipinitialspace(VM *vm, Value self) { return rt_bool(DIA(self)->skipinitialspace); }
static Value dialect_get_strict(VM *vm, Value self) { return rt_bool(DIA(self)->strict); }

/* CPython's READONLY members answer assignment and deletion this way. */
static int readonly_member(VM *vm, Value self, Value v)
{
    rt_raise(vm, &rt_exc_AttributeError, "readonly attribute");
    return -1;
}

static const GetSetDef dialect_getsets[] = {
    {"delimiter", dialect_get_delimiter, NULL},
    {"escapechar", dialect_get_escapechar, NULL},
    {"lineterminator", dialect_get_lineterminator, NULL},
    {"quotechar", dialect_get_quotechar, NULL},
    {"quoting", dialect_get_quoting, NULL},
    {"skipinitialspace", dialect_get_skipinitialspace, readonly_member},
    {"doublequote", dialect_get_doublequote, readonly_member},
    {"strict", dialect_get_strict, readonly_member},
    {NULL, NULL, NULL},
};

/* Dialects refuse pickling (and so copy.copy), as in CPython 3.11. */
static Value dialect_reduce_ex(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "__reduce_ex__", argc - 1, 1, 1))
        return VNULL;
    return rt_raise(vm, &rt_exc_TypeError, "cannot pickle '%s' instances",
                    mp_type_short_name(argv[0]));
}

static const NativeDef dialect_methods[] = {
    {"__reduce_ex__", dialect_reduce_ex, 0},
    {NULL, NULL, 0},
};

static void dialect_trace(VM *vm, Obj *o)
{
    rt_gc_mark(vm, ((Dialect *)o)->lineterminator);
}

/* A one-character str option; None gives NOT_SET where allow_none. */
static bool set_char(VM *vm, const char *name, uint32_t *target, Value src, uint32_t dflt,
                     bool allow_none)
{
    if (!src) {
        *target = dflt;
        return true;
    }
    if (allow_none && src == rt_None) {
        *target = NOT_SET;
        return true;
    }
    if (!v_is_str(src)) {
        rt_raise(vm, &rt_exc_TypeError, allow_none ? "\"%s\" must be string or None, not %s"
                                                   : "\"%s\" must be string, not %s",
                 name, rt_type_name(src));
        return false;
    }
    Str *s = v_str(src);
    if (s->nchars != 1) {
        rt_raise(vm, &rt_exc_TypeError, "\"%s\" must be a 1-character string", name);
        return false;
    }
    size_t i = 0;
    *target = next_cp(s->data, s->len, &i);
    return true;
}

static bool set_bool(VM *vm, bool *target, Value src, bool dflt)
{
    if (!src) {
        *target = dflt;
        return true;
    }
    int b = rt_truthy(vm, src);
    if (b < 0)
        return false;
    *target = b;
    return true;
}

/* quoting: an exact int fitting a C int. */
static bool set_quoting(VM *vm, int *target, Value src)
{
    if (!src) {
        *target = QUOTE_MINIMAL;
        return true;
    }
    int64_t q;
    if (v_type(src) != &rt_int_type) {
        rt_raise(vm, &rt_exc_TypeError, "\"quoting\" must be an integer");
        return false;
    }
    if (!rt_as_i64(vm, src, &q) || q < INT32_MIN || q > INT32_MAX) {
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C int");
        return false;
    }
    *target = (int)q;
    return true;
}

static const char *const dialect_kws[] = {
    "dialect", "delimiter", "doublequote", "escapechar", "lineterminator",
    "quotechar", "quoting", "skipinitialspace", "strict", NULL,
};
enum { K_DIALECT, K_DELIMITER, K_DOUBLEQUOTE, K_ESCAPECHAR, K_LINETERMINATOR,
       K_QUOTECHAR, K_QUOTING, K_SKIPINITIALSPACE, K_STRICT, K_COUNT };

/* PyArg_ParseTupleAndKeywords's count check, without a function name. */
static bool dialect_check_count(VM *vm, int nargs, int nkw)
{
    if (nargs + nkw <= K_COUNT)
        return true;
    rt_raise(vm, &rt_exc_TypeError, "function takes at most %d %sarguments (%d given)", K_COUNT,
             nargs == 0 ? "keyword " : "", nargs + nkw);
    return false;
}

/* PyArg_ParseTupleAndKeywords("|OOOOOOOOO") without a function name. */
static bool dialect_parse_args(VM *vm, int argc, Value *argv, Value kwnames, Value *out)
{
    memset(out, 0, K_COUNT * sizeof *out);
    int nkw = kwnames ? (int)v_tuple(kwnames)->len : 0;
    if (!dialect_check_count(vm, argc, nkw))
        return false;
    for (int i = 0; i < argc; i++)
        out[i] = argv[i];
    /* As getargs does: duplicates in parameter order first, then unknown names. */
    for (int j = 0; j < argc; j++)
        for (int k = 0; k < nkw; k++)
            if (!strcmp(v_cstr(v_tuple(kwnames)->items[k]), dialect_kws[j])) {
                rt_raise(vm, &rt_exc_TypeError,
                         "argument for function given by name ('%s') and position (%d)",
                         dialect_kws[j], j + 1);
                return false;
            }
    for (int k = 0; k < nkw; k++) {
        const char *key = v_cstr(v_tuple(kwnames)->items[k]);
        int j = 0;
        while (dialect_kws[j] && strcmp(dialect_kws[j], key) != 0)
            j++;
        if (!dialect_kws[j]) {
            rt_raise(vm, &rt_exc_TypeError, "'%s' is an invalid keyword argument for this function",
                     key);
            return false;
        }
        out[j] = argv[argc + k];
    }
    return true;
}

static Value registry_lookup(VM *vm, Value name)
{
    bool error = false;
    Value d = rt_dict_get(vm, v_dict(csv_dialects), name, &error);
    if (error)
        return VNULL;
    return d ? d : raise_error(vm, "unknown dialect");
}

/* Dialect(dialect=None, **options): a dialect object given as a registered
 * name, a class or an instance (its attributes are the defaults), then the
 * keyword options override; an existing Dialect without overrides is reused. */
static Value dialect_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    Value a[K_COUNT];
    if (!dialect_parse_args(vm, argc, argv, kwnames, a))
        return VNULL;
    Value dialect = a[K_DIALECT];
    if (dialect) {
        if (v_is_str(dialect) && !(dialect = registry_lookup(vm, dialect)))
            return VNULL;
        bool overrides = false;
        for (int i = 1; i < K_COUNT; i++)
            overrides |= a[i] != VNULL;
        if (v_isa(dialect, &dialect_type) && !overrides)
            return dialect;
        /* Attributes the object lacks keep their defaults. */
        for (int i = 1; i < K_COUNT; i++) {
            if (a[i])
                continue;
            a[i] = rt_getattr_cstr(vm, dialect, dialect_kws[i]);
            if (!a[i])
                vm->exc = VNULL;
        }
    }
    Value self = v_from(rt_alloc(vm, type, type->instance_size));
    if (!self)
        return VNULL;
    Dialect *d = DIA(self);
    Value lt = a[K_LINETERMINATOR];
    if (!set_char(vm, "delimiter", &d->delimiter, a[K_DELIMITER], ',', false) ||
        !set_bool(vm, &d->doublequote, a[K_DOUBLEQUOTE], true) ||
        !set_char(vm, "escapechar", &d->escapechar, a[K_ESCAPECHAR], NOT_SET, true))
        return VNULL;
    if (!lt)
        d->lineterminator = rt_str_intern_cstr(vm, "\r\n");
    else if (lt == rt_None)
        d->lineterminator = VNULL;
    else if (!v_is_str(lt))
        return rt_raise(vm, &rt_exc_TypeError, "\"lineterminator\" must be a string");
    else
        d->lineterminator = lt;
    if (!set_char(vm, "quotechar", &d->quotechar, a[K_QUOTECHAR], '"', true) ||
        !set_quoting(vm, &d->quoting, a[K_QUOTING]) ||
        !set_bool(vm, &d->skipinitialspace, a[K_SKIPINITIALSPACE], false) ||
        !set_bool(vm, &d->strict, a[K_STRICT], false))
        return VNULL;
    if (d->quoting < QUOTE_MINIMAL || d->quoting > QUOTE_NONE)
        return rt_raise(vm, &rt_exc_TypeError, "bad \"quoting\" value");
    if (a[K_QUOTECHAR] == rt_None && !a[K_QUOTING])
        d->quoting = QUOTE_NONE;
    if (d->quoting != QUOTE_NONE && d->quotechar == NOT_SET)
        return rt_raise(vm, &rt_exc_TypeError, "quotechar must be set if quoting enabled");
    if (!d->lineterminator)
        return rt_raise(vm, &rt_exc_TypeError, "lineterminator must be set");
    return self;
}

/* _call_dialect: Dialect(dialect_or_NULL, **kwargs), the keyword values
 * in kwvalues as kwnames names them. */
static Value call_dialect(VM *vm, Value dialect, Value kwnames, Value *kwvalues)
{
    int nkw = kwnames ? (int)v_tuple(kwnames)->len : 0, n = dialect ? 1 : 0;
    if (!dialect_check_count(vm, n, nkw))
        return VNULL;
    Value args[K_COUNT];
    if (dialect)
        args[0] = dialect;
    for (int i = 0; i < nkw; i++)
        args[n + i] = kwvalues[i];
    return dialect_new(vm, &dialect_type, n, args, kwnames);
}

/* PyArg_UnpackTuple(args, "", min, max) as reader/writer/register_dialect use it. */
static bool unpack_positional(VM *vm, int argc, int min, int max)
{
    if (argc < min) {
        rt_raise(vm, &rt_exc_TypeError, " expected at least %d argument%s, got %d", min,
                 min == 1 ? "" : "s", argc);
        return false;
    }
    if (argc > max) {
        rt_raise(vm, &rt_exc_TypeError, " expected at most %d argument%s, got %d", max,
                 max == 1 ? "" : "s", argc);
        return false;
    }
    return true;
}

/* ---- reader ------------------------------------------------------------------------ */

static void reader_trace(VM *vm, Obj *o)
{
    Reader *r = (Reader *)o;
    rt_gc_mark(vm, r->input_iter);
    rt_gc_mark(vm, r->dialect);
    rt_gc_mark(vm, r->fields);
}

static void reader_finalize(VM *vm, Obj *o)
{
    Reader *r = (Reader *)o;
    if (r->field)
        rt_free(vm, r->field, r->field_cap);
    r->field = NULL;
    r->field_cap = r->field_bytes = 0;
}

static bool parse_save_field(VM *vm, Reader *r)
{
    Value field = rt_str_new(vm, r->field ? r->field : "", r->field_bytes);
    if (!field)
        return false;
    r->field_bytes = 0;
    r->field_len = 0;
    if (r->numeric_field) {
        r->numeric_field = false;
        if (!(field = rt_call1(vm, v_from(&rt_float_type), field)))
            return false;
    }
    return rt_list_append(vm, r->fields, field);
}

static bool parse_add_char(VM *vm, Reader *r, uint32_t c)
{
    if (r->field_len >= field_limit) {
        raise_error(vm, "field larger than field limit (%lld)", (long long)field_limit);
        return false;
    }
    if (r->field_bytes + 4 > r->field_cap) {
        size_t cap = r->field_cap ? r->field_cap * 2 : 256;
        char *p = r->field ? rt_realloc(vm, r->field, r->field_cap, cap) : rt_malloc(vm, cap);
        if (!p)
            return false;
        r->field = p;
        r->field_cap = cap;
    }
    r->field_bytes += rt_utf8_encode(c, r->field + r->field_bytes);
    r->field_len++;
    return true;
}

static inline bool is_eol(uint32_t c) { return c == '\n' || c == '\r' || c == EOL; }

/* The end of a record's last field: save it, then either the record is
 * complete (EOL) or the rest of the line must be line-break characters. */
static bool parse_end_line(VM *vm, Reader *r, uint32_t c)
{
    if (!parse_save_field(vm, r))
        return false;
    r->state = c == EOL ? START_RECORD : EAT_CRNL;
    return true;
}

static bool parse_process_char(VM *vm, Reader *r, uint32_t c)
{
    Dialect *d = DIA(r->dialect);
    switch (r->state) {
    case START_RECORD:
        if (c == EOL)
            return true; /* an empty line is the record [] */
        if (c == '\n' || c == '\r') {
            r->state = EAT_CRNL;
            return true;
        }
        r->state = START_FIELD;
        /* fall through */
    case START_FIELD:
        if (is_eol(c))
            return parse_end_line(vm, r, c);
        if (c == d->quotechar && d->quoting != QUOTE_NONE) {
            r->state = IN_QUOTED_FIELD;
        } else if (c == d->escapechar) {
            r->state = ESCAPED_CHAR;
        } else if (c == ' ' && d->skipinitialspace) {
            /* ignore spaces at the start of a field */
        } else if (c == d->delimiter) {
            return parse_save_field(vm, r);
        } else {
            if (d->quoting == QUOTE_NONNUMERIC)
                r->numeric_field = true;
            r->state = IN_FIELD;
            return parse_add_char(vm, r, c);
        }
        return true;
    case ESCAPED_CHAR:
        if (c == '\n' || c == '\r') {
            r->state = AFTER_ESCAPED_CRNL;
            return parse_add_char(vm, r, c);
        }
        r->state = IN_FIELD;
        return parse_add_char(vm, r, c == EOL ? '\n' : c);
    case AFTER_ESCAPED_CRNL:
        if (c == EOL)
            return true;
        /* fall through */
    case IN_FIELD:
        if (is_eol(c))
            return parse_end_line(vm, r, c);
        if (c == d->escapechar) {
            r->state = ESCAPED_CHAR;
            return true;
        }
        if (c == d->delimiter) {
            r->state = START_FIELD;
            return parse_save_field(vm, r);
        }
        return parse_add_char(vm, r, c);
    case IN_QUOTED_FIELD:
        if (c == EOL)
            return true;
        if (c == d->escapechar) {
            r->state = ESCAPE_IN_QUOTED_FIELD;
            return true;
        }
        if (c == d->quotechar && d->quoting != QUOTE_NONE) {
            r->state = d->doublequote ? QUOTE_IN_QUOTED_FIELD : IN_FIELD;
            return true;
        }
        return parse_add_char(vm, r, c);
    case ESCAPE_IN_QUOTED_FIELD:
        r->state = IN_QUOTED_FIELD;
        return parse_add_char(vm, r, c == EOL ? '\n' : c);
    case QUOTE_IN_QUOTED_FIELD:
        /* a quote inside a quoted field: doubled, or the field's end */
        if (d->quoting != QUOTE_NONE && c == d->quotechar) {
            r->state = IN_QUOTED_FIELD;
            return parse_add_char(vm, r, c);
        }
        if (c == d->delimiter) {
            r->state = START_FIELD;
            return parse_save_field(vm, r);
        }
        if (is_eol(c))
            return parse_end_line(vm, r, c);
        if (!d->strict) {
            r->state = IN_FIELD;
            return parse_add_char(vm, r, c);
        }
        {
            char dl[5] = {0}, qc[5] = {0};
            rt_utf8_encode(d->delimiter, dl);
            rt_utf8_encode(d->quotechar, qc);
            raise_error(vm, "'%s' expected after '%s'", dl, qc);
        }
        return false;
    case EAT_CRNL:
        if (c == '\n' || c == '\r')
            return true;
        if (c == EOL) {
            r->state = START_RECORD;
            return true;
        }
        raise_error(vm, "new-line character seen in unquoted field - do you need to open the "
                        "file in universal-newline mode?");
        return false;
    }
    return true;
}

static bool parse_reset(VM *vm, Reader *r)
{
    Value fields = rt_list_new(vm, 0);
    if (!fields)
        return false;
    r->fields = fields;
    r->field_bytes = 0;
    r->field_len = 0;
    r->state = START_RECORD;
    r->numeric_field = false;
    return true;
}

/* The next record: lines are read until the state machine is back at the
 * start of a record. */
static Value reader_next(VM *vm, Value self)
{
    Reader *r = RDR(self);
    if (!parse_reset(vm, r))
        return VNULL;
    do {
        Value line = rt_next(vm, r->input_iter);
        if (!line) {
            if (vm->exc || (r->field_len == 0 && r->state != IN_QUOTED_FIELD))
                return VNULL;
            if (DIA(r->dialect)->strict)
                return raise_error(vm, "unexpected end of data");
            if (!parse_save_field(vm, r))
                return VNULL;
            break;
        }
        if (!v_is_str(line))
            return raise_error(vm, "iterator should return strings, not %s (the file should be "
                                   "opened in text mode)", rt_type_name(line));
        r->line_num++;
        Str *s = v_str(line);
        for (size_t i = 0; i < s->len;) {
            if (!parse_process_char(vm, r, next_cp(s->data, s->len, &i)))
                return VNULL;
        }
        rt_gc_keep_alive(line);
        if (!parse_process_char(vm, r, EOL))
            return VNULL;
    } while (r->state != START_RECORD);
    Value fields = r->fields;
    r->fields = VNULL;
    return fields;
}

static Value iter_self(VM *vm, Value v) { return v; }

static Value reader_get_dialect(VM *vm, Value self) { return RDR(self)->dialect; }
static Value reader_get_line_num(VM *vm, Value self) { return rt_int_from_i64(vm, RDR(self)->line_num); }

static const GetSetDef reader_getsets[] = {
    {"dialect", reader_get_dialect, readonly_member},
    {"line_num", reader_get_line_num, readonly_member},
    {NULL, NULL, NULL},
};

/* reader(iterable, dialect='excel', **fmtparams) */
static Value csv_reader(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!unpack_positional(vm, argc, 1, 2))
        return VNULL;
    Value it = rt_iter(vm, argv[0]);
    if (!it)
        return VNULL;
    Value dialect = call_dialect(vm, argc > 1 ? argv[1] : VNULL, kwnames, argv + argc);
    if (!dialect)
        return VNULL;
    Value self = v_from(rt_alloc(vm, &reader_type, sizeof(Reader)));
    if (!self)
        return VNULL;
    Reader *r = RDR(self);
    r->input_iter = it;
    r->dialect = dialect;
    return parse_reset(vm, r) ? self : VNULL;
}

/* ---- writer ------------------------------------------------------------------------ */

static void writer_trace(VM *vm, Obj *o)
{
    Writer *w = (Writer *)o;
    rt_gc_mark(vm, w->write);
    rt_gc_mark(vm, w->dialect);
}

static bool str_has_char(Value s, uint32_t c)
{
    Str *p = v_str(s);
    for (size_t i = 0; i < p->len;)
        if (next_cp(p->data, p->len, &i) == c)
            return true;
    return false;
}

static void add_cp(VM *vm, StrBuf *b, uint32_t c, bool *ok)
{
    char u[4];
    size_t n = rt_utf8_encode(c, u);
    if (*ok && !sb_add(vm, b, u, n))
        *ok = false;
}

/* Appends one field (NULL: empty) to the record, quoted when `quoted` or
 * when a character needs it; false with the exception set. */
static bool join_append(VM *vm, Dialect *d, StrBuf *rec, int nfields, Value field, bool quoted)
{
    const char *s = field ? v_str(field)->data : "";
    size_t len = field ? v_str(field)->len : 0;
    /* First pass: whether the field needs quotes, and whether an escape is
     * impossible. */
    for (size_t i = 0; i < len;) {
        uint32_t c = next_cp(s, len, &i);
        if (c != d->delimiter && c != d->escapechar && c != d->quotechar &&
            !str_has_char(d->lineterminator, c))
            continue;
        bool want_escape = d->quoting == QUOTE_NONE ||
                           (c == d->quotechar ? !d->doublequote : c == d->escapechar);
        if (!want_escape)
            quoted = true;
        else if (d->escapechar == NOT_SET) {
            raise_error(vm, "need to escape, but no escapechar set");
            return false;
        }
    }
    bool ok = true;
    if (nfields > 0)
        add_cp(vm, rec, d->delimiter, &ok);
    if (quoted)
        add_cp(vm, rec, d->quotechar, &ok);
    for (size_t i = 0; i < len;) {
        uint32_t c = next_cp(s, len, &i);
        if (c == d->delimiter || c == d->escapechar || c == d->quotechar ||
            str_has_char(d->lineterminator, c)) {
            if (d->quoting != QUOTE_NONE && c == d->quotechar && d->doublequote)
                add_cp(vm, rec, c, &ok);
            else if (d->quoting == QUOTE_NONE || c == d->quotechar || c == d->escapechar)
                add_cp(vm, rec, d->escapechar, &ok);
        }
        add_cp(vm, rec, c, &ok);
    }
    if (quoted)
        add_cp(vm, rec, d->quotechar, &ok);
    return ok;
}

/* PyNumber_Check: what QUOTE_NONNUMERIC leaves unquoted. */
static bool is_number(VM *vm, Value v)
{
    Type *t = v_type(v);
    if (rt_is_int(v) || v_isa(v, &rt_float_type) || v_isa(v, &rt_complex_type))
        return true;
    static const char *const slots[] = {"__index__", "__int__", "__float__"};
    for (size_t i = 0; i < sizeof slots / sizeof *slots; i++)
        if (rt_lookup_type_attr(t, rt_str_intern_cstr(vm, slots[i])))
            return true;
    return false;
}

/* One row's fields joined into rec (a line without its terminator). */
static bool join_row(VM *vm, Dialect *d, StrBuf *rec, Value it, int *nfields)
{
    Value field;
    while ((field = rt_next(vm, it))) {
        bool quoted = d->quoting == QUOTE_ALL ||
                      (d->quoting == QUOTE_NONNUMERIC && !is_number(vm, field));
        Value s = field == rt_None ? VNULL : v_is_str(field) ? field : rt_str(vm, field);
        if (field != rt_None && !s)
            return false;
        if (!join_append(vm, d, rec, *nfields, s, quoted))
            return false;
        ++*nfields;
    }
    return !vm->exc;
}

static Value writer_writerow_impl(VM *vm, Value self, Value row)
{
    Writer *w = WRT(self);
    Dialect *d = DIA(w->dialect);
    Value it = rt_iter(vm, row);
    if (!it) {
        if (rt_exc_clear_if(vm, &rt_exc_TypeError))
            return raise_error(vm, "iterable expected, not %s", rt_type_name(row));
        return VNULL;
    }
    StrBuf rec;
    sb_init(&rec);
    int nfields = 0;
    if (!join_row(vm, d, &rec, it, &nfields))
        goto fail;
    if (nfields > 0 && rec.len == 0) {
        /* A lone empty field is written "" so the line does not read as []. */
        if (d->quoting == QUOTE_NONE) {
            raise_error(vm, "single empty field record must be quoted");
            goto fail;
        }
        if (!join_append(vm, d, &rec, 0, VNULL, true))
            goto fail;
    }
    if (!sb_add_value_str(vm, &rec, d->lineterminator))
        goto fail;
    Value line = sb_finish(vm, &rec);
    return line ? rt_call1(vm, w->write, line) : VNULL;
fail:
    sb_free(&rec);
    return VNULL;
}

static Value writer_writerow(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (argc != 2)
        return rt_raise(vm, &rt_exc_TypeError,
                        "writer.writerow() takes exactly one argument (%d given)", argc - 1);
    return writer_writerow_impl(vm, argv[0], argv[1]);
}

static Value writer_writerows(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (argc != 2)
        return rt_raise(vm, &rt_exc_TypeError,
                        "writer.writerows() takes exactly one argument (%d given)", argc - 1);
    Value rows = rt_iter(vm, argv[1]);
    if (!rows)
        return VNULL;
    Value row;
    while ((row = rt_next(vm, rows)))
        if (!writer_writerow_impl(vm, argv[0], row))
            return VNULL;
    return vm->exc ? VNULL : rt_None;
}

static const NativeDef writer_methods[] = {
    {"writerow", writer_writerow, 0},
    {"writerows", writer_writerows, 0},
    {NULL, NULL, 0},
};

static Value writer_get_dialect(VM *vm, Value self) { return WRT(self)->dialect; }

static const GetSetDef writer_getsets[] = {
    {"dialect", writer_get_dialect, readonly_member},
    {NULL, NULL, NULL},
};

/* writer(fileobj, dialect='excel', **fmtparams) */
static Value csv_writer(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!unpack_positional(vm, argc, 1, 2))
        return VNULL;
    Value write = rt_getattr_opt(vm, argv[0], rt_str_intern_cstr(vm, "write"));
    if (!write) {
        if (vm->exc && !rt_exc_clear_if(vm, &rt_exc_AttributeError))
            return VNULL;
    }
    Type *wt = write ? v_type(write) : NULL;
    if (!wt || !wt->call || ((wt->flags & TF_CLASS) && !rt_lookup_type_attr(wt, vm->names.__call__)))
        return rt_raise(vm, &rt_exc_TypeError, "argument 1 must have a \"write\" method");
    Value dialect = call_dialect(vm, argc > 1 ? argv[1] : VNULL, kwnames, argv + argc);
    if (!dialect)
        return VNULL;
    Value self = v_from(rt_alloc(vm, &writer_type, sizeof(Writer)));
    if (!self)
        return VNULL;
    WRT(self)->write = write;
    WRT(self)->dialect = dialect;
    return self;
}

/* ---- the registry and field_size_limit --------------------------------------------- */

/* Argument Clinic's count check for a function of one optional-or-required
 * parameter, made before the names are matched. */
static bool clinic_at_most_one(VM *vm, const char *fname, int argc, Value kwnames)
{
    int total = argc + (kwnames ? (int)v_tuple(kwnames)->len : 0);
    if (total <= 1)
        return true;
    rt_raise(vm, &rt_exc_TypeError, "%s() takes at most 1 %sargument (%d given)", fname,
             argc == 0 ? "keyword " : "", total);
    return false;
}

static Value csv_register_dialect(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!unpack_positional(vm, argc, 1, 2))
        return VNULL;
    if (!v_is_str(argv[0]))
        return rt_raise(vm, &rt_exc_TypeError, "dialect name must be a string");
    Value dialect = call_dialect(vm, argc > 1 ? argv[1] : VNULL, kwnames, argv + argc);
    if (!dialect || !rt_dict_set(vm, v_dict(csv_dialects), argv[0], dialect))
        return VNULL;
    return rt_None;
}

static Value csv_unregister_dialect(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"name", NULL};
    Value name;
    if (!clinic_at_most_one(vm, "unregister_dialect", argc, kwnames) ||
        !rt_parse_args(vm, "unregister_dialect", argc, argv, kwnames, names, 0, 1, &name))
        return VNULL;
    int r = rt_dict_del(vm, v_dict(csv_dialects), name);
    if (r < 0)
        return VNULL;
    return r ? rt_None : raise_error(vm, "unknown dialect");
}

static Value csv_get_dialect(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"name", NULL};
    Value name;
    if (!clinic_at_most_one(vm, "get_dialect", argc, kwnames) ||
        !rt_parse_args(vm, "get_dialect", argc, argv, kwnames, names, 0, 1, &name))
        return VNULL;
    return registry_lookup(vm, name);
}

static Value csv_list_dialects(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_csv.list_dialects", argc, 0, 0))
        return VNULL;
    return rt_dict_keys_list(vm, v_dict(csv_dialects));
}

static Value csv_field_size_limit(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"new_limit", NULL};
    Value limit;
    if (!clinic_at_most_one(vm, "field_size_limit", argc, kwnames) ||
        !rt_parse_args(vm, "field_size_limit", argc, argv, kwnames, names, 0, 0, &limit))
        return VNULL;
    int64_t old = field_limit;
    if (limit) {
        int64_t n;
        if (v_type(limit) != &rt_int_type)
            return rt_raise(vm, &rt_exc_TypeError, "limit must be an integer");
        if (!rt_as_i64(vm, limit, &n)) {
            vm->exc = VNULL;
            return rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C long");
        }
        field_limit = n;
    }
    return rt_int_from_i64(vm, old);
}

static const NativeDef csv_functions[] = {
    {"reader", csv_reader, NF_KEYWORDS},
    {"writer", csv_writer, NF_KEYWORDS},
    {"register_dialect", csv_register_dialect, NF_KEYWORDS},
    {"unregister_dialect", csv_unregister_dialect, NF_KEYWORDS},
    {"get_dialect", csv_get_dialect, NF_KEYWORDS},
    {"list_dialects", csv_list_dialects, 0},
    {"field_size_limit", csv_field_size_limit, NF_KEYWORDS},
    {NULL, NULL, 0},
};

static Type dialect_type = {
    .name = "_csv.Dialect", .instance_size = sizeof(Dialect), .trace = dialect_trace,
    .new = dialect_new, .flags = TF_BASETYPE,
};

static Type reader_type = {
    .name = "_csv.reader", .instance_size = sizeof(Reader), .trace = reader_trace,
    .finalize = reader_finalize, .iter = iter_self, .next = reader_next,
};

static Type writer_type = {
    .name = "_csv.writer", .instance_size = sizeof(Writer), .trace = writer_trace,
};

/* CPython 3.11's module docstring (csv.py re-exports it as its own). */
static const char csv_doc[] =
    "CSV parsing and writing.\n"
    "\n"
    "This module provides classes that assist in the reading and writing\n"
    "of Comma Separated Value (CSV) files, and implements the interface\n"
    "described by PEP 305.  Although many CSV files are simple to parse,\n"
    "the format is not formally defined by a stable specification and\n"
    "is subtle enough that parsing lines of a CSV file with something\n"
    "like line.split(\",\") is bound to fail.  The module supports three\n"
    "basic APIs: reading, writing, and registration of dialects.\n"
    "\n"
    "\n"
    "DIALECT REGISTRATION:\n"
    "\n"
    "Readers and writers support a dialect argument, which is a convenient\n"
    "handle on a group of settings.  When the dialect argument is a string,\n"
    "it identifies one of the dialects previously registered with the module.\n"
    "If it is a class or instance, the attributes of the argument are used as\n"
    "the settings for the reader or writer:\n"
    "\n"
    "    class excel:\n"
    "        delimiter = ','\n"
    "        quotechar = '\"'\n"
    "        escapechar = None\n"
    "        doublequote = True\n"
    "        skipinitialspace = False\n"
    "        lineterminator = '\\r\\n'\n"
    "        quoting = QUOTE_MINIMAL\n"
    "\n"
    "SETTINGS:\n"
    "\n"
    "    * quotechar - specifies a one-character string to use as the\n"
    "        quoting character.  It defaults to '\"'.\n"
    "    * delimiter - specifies a one-character string to use as the\n"
    "        field separator.  It defaults to ','.\n"
    "    * skipinitialspace - specifies how to interpret spaces which\n"
    "        immediately follow a delimiter.  It defaults to False, which\n"
    "        means that spaces immediately following a delimiter is part\n"
    "        of the following field.\n"
    "    * lineterminator -  specifies the character sequence which should\n"
    "        terminate rows.\n"
    "    * quoting - controls when quotes should be generated by the writer.\n"
    "        It can take on any of the following module constants:\n"
    "\n"
    "        csv.QUOTE_MINIMAL means only when required, for example, when a\n"
    "            field contains either the quotechar or the delimiter\n"
    "        csv.QUOTE_ALL means that quotes are always placed around fields.\n"
    "        csv.QUOTE_NONNUMERIC means that quotes are always placed around\n"
    "            fields which do not parse as integers or floating point\n"
    "            numbers.\n"
    "        csv.QUOTE_NONE means that quotes are never placed around fields.\n"
    "    * escapechar - specifies a one-character string used to escape\n"
    "        the delimiter when quoting is set to QUOTE_NONE.\n"
    "    * doublequote - controls the handling of quotes inside fields.  When\n"
    "        True, two consecutive quotes are interpreted as one during read,\n"
    "        and when writing, each quote character embedded in the data is\n"
    "        written as two quotes\n";

static bool set_type_doc(VM *vm, Type *t, const char *doc)
{
    Value s = rt_str_from_cstr(vm, doc);
    return s && rt_dict_set_str(vm, t->dict, vm->names.__doc__, s);
}

static bool make_error_class(VM *vm)
{
    Dict *ns = rt_dict_alloc(vm);
    Value bases = ns ? rt_tuple_pack(vm, 1, v_from(&rt_exc_Exception)) : VNULL;
    if (!bases || !rt_dict_set_str(vm, ns, vm->names.__module__, rt_str_intern_cstr(vm, "_csv")))
        return false;
    Value cls = rt_class_new(vm, rt_str_intern_cstr(vm, "Error"), bases, ns);
    if (!cls)
        return false;
    csv_error = cls;
    return true;
}

/* The static types and the module state, once per process. */
static bool csv_setup(VM *vm)
{
    if (csv_error)
        return true;
    rt_gc_add_root(vm, &csv_error);
    rt_gc_add_root(vm, &csv_dialects);
    if (!mp_type_ready(vm, &dialect_type, NULL) || !mp_type_ready(vm, &reader_type, NULL) ||
        !mp_type_ready(vm, &writer_type, NULL) ||
        !rt_add_getsets(vm, &dialect_type, dialect_getsets) ||
        !rt_add_methods(vm, &dialect_type, dialect_methods) ||
        !rt_add_getsets(vm, &reader_type, reader_getsets) ||
        !rt_add_methods(vm, &writer_type, writer_methods) ||
        !rt_add_getsets(vm, &writer_type, writer_getsets) ||
        !set_type_doc(vm, &dialect_type, "CSV dialect\n\n"
                                         "The Dialect type records CSV parsing and generation options.\n") ||
        !set_type_doc(vm, &reader_type, "CSV reader\n\n"
                                        "Reader objects are responsible for reading and parsing tabular data\n"
                                        "in CSV format.\n") ||
        !set_type_doc(vm, &writer_type, "CSV writer\n\n"
                                        "Writer objects are responsible for generating tabular data\n"
                                        "in CSV format from sequence input.\n"))
        return false;
    Value reg = rt_dict_new(vm);
    if (!reg || !make_error_class(vm))
        return false;
    csv_dialects = reg;
    return true;
}

Value mp_csv_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_csv", &d);
    if (!m || !csv_setup(vm) ||
        !rt_add_functions(vm, d, csv_functions, rt_str_intern_cstr(vm, "_csv")))
        return VNULL;
    Value doc = rt_str_from_cstr(vm, csv_doc), version = rt_str_from_cstr(vm, "1.0");
    if (!doc || !version || !rt_dict_set_str(vm, d, vm->names.__doc__, doc) ||
        !rt_dict_set_cstr(vm, d, "__version__", version) ||
        !rt_dict_set_cstr(vm, d, "Dialect", v_from(&dialect_type)) ||
        !rt_dict_set_cstr(vm, d, "Reader", v_from(&reader_type)) ||
        !rt_dict_set_cstr(vm, d, "Writer", v_from(&writer_type)) ||
        !rt_dict_set_cstr(vm, d, "Error", csv_error) ||
        !rt_dict_set_cstr(vm, d, "_dialects", csv_dialects) ||
        !rt_dict_set_cstr(vm, d, "QUOTE_MINIMAL", v_from_small(QUOTE_MINIMAL)) ||
        !rt_dict_set_cstr(vm, d, "QUOTE_ALL", v_from_small(QUOTE_ALL)) ||
        !rt_dict_set_cstr(vm, d, "QUOTE_NONNUMERIC", v_from_small(QUOTE_NONNUMERIC)) ||
        !rt_dict_set_cstr(vm, d, "QUOTE_NONE", v_from_small(QUOTE_NONE)))
        return VNULL;
    return m;
}
