/* runtime/exceptions.c — the builtin exception types and raising.
 *
 * Every builtin exception is a static Type laid out as `Exception`; the
 * hierarchy comes from the RT_EXCEPTIONS X-macro in errors.h.  Extra
 * attributes of OSError/SyntaxError/ImportError live in the instance dict,
 * set when the exception is created (CPython stores them in struct fields;
 * the observable behaviour is the same).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/callable.h"
#include "runtime/buffer.h"

static Value exc_repr(VM *vm, Value self);
static Value exc_str(VM *vm, Value self);
static Value exc_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames);

/* BaseException's base is `object`: let the X-macro's `&rt_exc_##base`
 * name it. */
#define rt_exc_object rt_object_type

#define X(N, B)                                                                       \
    Type rt_exc_##N = {                                                               \
        .name = #N,                                                                   \
        .base = &rt_exc_##B,                                                          \
        .flags = TF_EXCEPTION | TF_BASETYPE,                                          \
        .instance_size = sizeof(Exception),                                           \
        .trace = rt_exc_trace,                                                           \
        .repr = exc_repr,                                                             \
        .str = exc_str,                                                               \
        .new = exc_new,                                                               \
        .setattr = rt_generic_setattr,                                                \
    };
RT_EXCEPTIONS(X)
#undef X

/* Preallocated so that running out of memory never needs memory. */
static Value memory_error_instance;

/* The families with members (CPython's struct fields: errno, msg,
 * filename, value, code...) are laid out as ExcFields; the members live in
 * its `fields` dict, read and written through getsets, so they stay out of
 * __dict__ and __reduce__ as in CPython.  Other exceptions stay small. */
typedef struct ExcFields {
    Exception base;
    struct Dict *fields;
} ExcFields;

/* Which family with extra attributes an exception type belongs to, cached
 * in the type object's header (its aux word is the type type's to use). */
enum { KIND_PLAIN = 1, KIND_OSERROR, KIND_SYNTAX, KIND_IMPORT, KIND_KEY, KIND_VALUE, KIND_UNICODE };

static unsigned kind_of(Type *t)
{
    return rt_is_subtype(t, &rt_exc_OSError)         ? KIND_OSERROR
           : rt_is_subtype(t, &rt_exc_SyntaxError)   ? KIND_SYNTAX
           : rt_is_subtype(t, &rt_exc_ImportError)   ? KIND_IMPORT
           : rt_is_subtype(t, &rt_exc_KeyError)      ? KIND_KEY
           : rt_is_subtype(t, &rt_exc_StopIteration) ? KIND_VALUE
           : rt_is_subtype(t, &rt_exc_SystemExit)    ? KIND_VALUE
           : rt_is_subtype(t, &rt_exc_UnicodeEncodeError) || rt_is_subtype(t, &rt_exc_UnicodeDecodeError) ||
                   rt_is_subtype(t, &rt_exc_UnicodeTranslateError)
               ? KIND_UNICODE
                                                     : KIND_PLAIN;
}

static unsigned exc_kind(Type *t)
{
    unsigned k = t->hdr.aux & 0xff;
    if (k)
        return k;
    k = kind_of(t);
    t->hdr.aux = (t->hdr.aux & ~0xffu) | k;
    return k;
}

static bool kind_has_fields(unsigned k)
{
    return k == KIND_OSERROR || k == KIND_SYNTAX || k == KIND_IMPORT || k == KIND_VALUE || k == KIND_UNICODE;
}

static Dict **fields_ptr(Value exc)
{
    return kind_has_fields(exc_kind(v_type(exc))) ? &((ExcFields *)v_obj(exc))->fields : NULL;
}

void rt_exc_trace(VM *vm, Obj *o)
{
    Exception *e = (Exception *)o;
    rt_gc_mark_obj(vm, (Obj *)e->dict);
    Dict **fp = fields_ptr(v_from(o));
    if (fp)
        rt_gc_mark_obj(vm, (Obj *)*fp);
    rt_gc_mark(vm, e->args);
    rt_gc_mark(vm, e->traceback);
    rt_gc_mark(vm, e->cause);
    rt_gc_mark(vm, e->context);
}

static Exception *EXC(Value v) { return (Exception *)v_obj(v); }

static Value or_none(Value v) { return v ? v : rt_None; }

static bool exc_dict_set(VM *vm, Value exc, const char *name, Value v)
{
    Dict **fp = fields_ptr(exc);
    if (!fp) {
        rt_raise(vm, &rt_exc_SystemError, "%s has no member %s", rt_type_name(exc), name);
        return false;
    }
    if (!*fp && !(*fp = rt_dict_alloc(vm)))
        return false;
    return rt_dict_set_str(vm, *fp, rt_str_intern_cstr(vm, name), v);
}

static Value exc_dict_get(VM *vm, Value exc, const char *name)
{
    Dict **fp = fields_ptr(exc);
    if (!fp || !*fp)
        return VNULL;
    return rt_dict_get_str(*fp, rt_str_intern_cstr(vm, name));
}

Value rt_exc_field(VM *vm, Value exc, const char *name)
{
    if (!rt_isinstance_type(exc, &rt_exc_BaseException))
        return VNULL;
    return exc_dict_get(vm, exc, name);
}

/* OSError(errno, ...) is the subclass for errno (CPython's errnomap). */
static Type *oserror_subclass(int err)
{
    switch (err) {
    case ENOENT: return &rt_exc_FileNotFoundError;
    case EEXIST: return &rt_exc_FileExistsError;
    case EISDIR: return &rt_exc_IsADirectoryError;
    case ENOTDIR: return &rt_exc_NotADirectoryError;
    case EACCES:
    case EPERM: return &rt_exc_PermissionError;
    case ESRCH: return &rt_exc_ProcessLookupError;
    case EINTR: return &rt_exc_InterruptedError;
    case ECHILD: return &rt_exc_ChildProcessError;
    case EAGAIN:
    case EALREADY:
    case EINPROGRESS: return &rt_exc_BlockingIOError;
    case EPIPE:
    case ESHUTDOWN: return &rt_exc_BrokenPipeError;
    case ECONNABORTED: return &rt_exc_ConnectionAbortedError;
    case ECONNRESET: return &rt_exc_ConnectionResetError;
    case ECONNREFUSED: return &rt_exc_ConnectionRefusedError;
    case ETIMEDOUT: return &rt_exc_TimeoutError;
    default: return NULL;
    }
}


/* UnicodeEncodeError(encoding, object, start, end, reason), the decode
 * error's object any buffer (kept as bytes), UnicodeTranslateError without
 * the encoding: CPython's argument checks and messages. */
static bool unicode_error_init(VM *vm, Value self, int argc, Value *argv)
{
    Type *t = v_type(self);
    bool translate = rt_is_subtype(t, &rt_exc_UnicodeTranslateError);
    bool decode = rt_is_subtype(t, &rt_exc_UnicodeDecodeError);
    int want = translate ? 4 : 5;
    if (argc != want) {
        rt_raise(vm, &rt_exc_TypeError, "function takes exactly %d arguments (%d given)", want, argc);
        return false;
    }
    Value enc = rt_None;
    if (!translate)
        enc = *argv++;
    Value obj = argv[0], start = argv[1], end = argv[2], reason = argv[3];
    int base = translate ? 1 : 2;
    if (!translate && !rt_isinstance_type(enc, &rt_str_type)) {
        rt_raise(vm, &rt_exc_TypeError, "argument 1 must be str, not %s", rt_type_name(enc));
        return false;
    }
    if (!decode && !rt_isinstance_type(obj, &rt_str_type)) {
        rt_raise(vm, &rt_exc_TypeError, "argument %d must be str, not %s", base - 1 + 1, rt_type_name(obj));
        return false;
    }
    Value idx[2] = {start, end};
    for (int i = 0; i < 2; i++) {
        if (!rt_isinstance_type(idx[i], &rt_int_type)) {
            rt_raise(vm, &rt_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                     rt_type_name(idx[i]));
            return false;
        }
    }
    if (!rt_isinstance_type(reason, &rt_str_type)) {
        rt_raise(vm, &rt_exc_TypeError, "argument %d must be str, not %s", base + 3, rt_type_name(reason));
        return false;
    }
    if (decode && !rt_isinstance_type(obj, &rt_bytes_type)) {
        if (!rt_has_buffer(obj)) {
            rt_raise(vm, &rt_exc_TypeError, "a bytes-like object is required, not '%s'", rt_type_name(obj));
            return false;
        }
        if (!(obj = rt_buffer_to_bytes(vm, obj)))
            return false;
    }
    return exc_dict_set(vm, self, "encoding", enc) && exc_dict_set(vm, self, "object", obj) &&
           exc_dict_set(vm, self, "start", start) && exc_dict_set(vm, self, "end", end) &&
           exc_dict_set(vm, self, "reason", reason);
}

/* Type-specific set-up after args are stored (CPython's *_init). */
static bool exc_init_extra(VM *vm, Value self, int argc, Value *argv, Value kwnames)
{
    Type *t = v_type(self);
    Exception *e = EXC(self);
    unsigned kind = exc_kind(t);
    if (kind == KIND_PLAIN || kind == KIND_KEY)
        return true;
    if (kind == KIND_OSERROR) {
        /* OSError(errno, strerror[, filename[, winerror[, filename2]]]) */
        Value eno = rt_None, strerror = rt_None, filename = rt_None, filename2 = rt_None;
        if (argc >= 2 && argc <= 5) {
            eno = argv[0];
            strerror = argv[1];
            if (argc >= 3) {
                filename = argv[2];
                if (argc == 5)
                    filename2 = argv[4];
                Value two[2] = {argv[0], argv[1]};
                if (!(e->args = rt_tuple_from(vm, 2, two)))
                    return false;
            }
        }
        if (filename != rt_None && rt_is_subtype(t, &rt_exc_BlockingIOError) &&
            rt_isinstance_type(filename, &rt_int_type)) {
            if (!exc_dict_set(vm, self, "characters_written", filename))
                return false;
            filename = rt_None;
        }
        return exc_dict_set(vm, self, "errno", eno) &&
               exc_dict_set(vm, self, "strerror", strerror) &&
               exc_dict_set(vm, self, "filename", filename) &&
               exc_dict_set(vm, self, "filename2", filename2);
    }
    if (kind == KIND_SYNTAX) {
        Value msg = argc >= 1 ? argv[0] : rt_None;
        Value f[6] = {rt_None, rt_None, rt_None, rt_None, rt_None, rt_None};
        if (argc >= 2) {
            if (!v_is(argv[1], &rt_tuple_type) || v_tuple(argv[1])->len < 4 ||
                v_tuple(argv[1])->len > 6) {
                rt_raise(vm, &rt_exc_IndexError, "tuple index out of range");
                return false;
            }
            for (size_t i = 0; i < v_tuple(argv[1])->len; i++)
                f[i] = v_tuple(argv[1])->items[i];
        }
        return exc_dict_set(vm, self, "msg", msg) && exc_dict_set(vm, self, "filename", f[0]) &&
               exc_dict_set(vm, self, "lineno", f[1]) && exc_dict_set(vm, self, "offset", f[2]) &&
               exc_dict_set(vm, self, "text", f[3]) &&
               exc_dict_set(vm, self, "end_lineno", f[4]) &&
               exc_dict_set(vm, self, "end_offset", f[5]) &&
               exc_dict_set(vm, self, "print_file_and_line", rt_None);
    }
    if (kind == KIND_UNICODE)
        return unicode_error_init(vm, self, argc, argv);
    if (kind == KIND_IMPORT) {
        Value name = rt_None, path = rt_None;
        if (kwnames) {
            Tuple *kw = v_tuple(kwnames);
            for (size_t i = 0; i < kw->len; i++) {
                const char *k = v_cstr(kw->items[i]);
                if (!strcmp(k, "name"))
                    name = argv[argc + i];
                else if (!strcmp(k, "path"))
                    path = argv[argc + i];
                else {
                    rt_raise(vm, &rt_exc_TypeError,
                             "'%s' is an invalid keyword argument for %s()", k, t->name);
                    return false;
                }
            }
        }
        return exc_dict_set(vm, self, "msg", argc == 1 ? argv[0] : rt_None) &&
               exc_dict_set(vm, self, "name", name) && exc_dict_set(vm, self, "path", path);
    }
    return true;
}

static Value exc_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (type == &rt_exc_OSError && argc >= 2 && argc <= 5 && v_is_small(argv[0])) {
        Type *sub = oserror_subclass((int)v_small(argv[0]));
        if (sub)
            type = sub;
    }
    if (kwnames && v_tuple(kwnames)->len && exc_kind(type) != KIND_IMPORT &&
        !(type->flags & TF_CLASS)) {
        return rt_raise(vm, &rt_exc_TypeError, "%s() takes no keyword arguments", type->name);
    }
    Value args = rt_tuple_from(vm, (size_t)argc, argv);
    if (!args)
        return VNULL;
    Exception *e = rt_alloc(vm, type, type->instance_size ? type->instance_size : sizeof(Exception));
    if (!e)
        return VNULL;
    e->args = args;
    e->traceback = e->cause = e->context = rt_None;
    Value self = v_from(e);
    if (!exc_init_extra(vm, self, argc, argv, (type->flags & TF_CLASS) ? VNULL : kwnames))
        return VNULL;
    return self;
}

Value rt_exc_new(VM *vm, Type *type, Value args)
{
    if (!args)
        args = rt_empty_tuple;
    Tuple *t = v_tuple(args);
    return exc_new(vm, type, (int)t->len, t->items, VNULL);
}

/* ---- str / repr ------------------------------------------------------------ */

/* "'ascii' codec can't encode character '\xe9' in position 1: ..." */
static Value unicode_error_str(VM *vm, Value self)
{
    Value obj = exc_dict_get(vm, self, "object");
    if (!obj || obj == rt_None)
        return rt_str_from_cstr(vm, "");
    Value reason = rt_str(vm, or_none(exc_dict_get(vm, self, "reason")));
    if (!reason)
        return VNULL;
    Type *t = v_type(self);
    bool translate = rt_is_subtype(t, &rt_exc_UnicodeTranslateError);
    bool decode = rt_is_subtype(t, &rt_exc_UnicodeDecodeError);
    Value enc = translate ? rt_None : rt_str(vm, or_none(exc_dict_get(vm, self, "encoding")));
    if (!enc)
        return VNULL;
    Value sv = exc_dict_get(vm, self, "start"), ev = exc_dict_get(vm, self, "end");
    int64_t start = sv && v_is_small(sv) ? v_small(sv) : 0, end = ev && v_is_small(ev) ? v_small(ev) : 0;
    const char *what = decode ? "decode" : translate ? "translate" : "encode";
    char prefix[300];
    if (translate)
        snprintf(prefix, sizeof prefix, "can't translate");
    else
        snprintf(prefix, sizeof prefix, "'%s' codec can't %s", v_cstr(enc), what);
    if (decode) {
        BView b = rt_bytes_view(obj);
        if (start >= 0 && (size_t)start < b.len && end == start + 1)
            return rt_str_printf(vm, "%s byte 0x%02x in position %lld: %s", prefix, b.data[start],
                                 (long long)start, v_cstr(reason));
        return rt_str_printf(vm, "%s bytes in position %lld-%lld: %s", prefix, (long long)start,
                             (long long)(end - 1), v_cstr(reason));
    }
    Str *o = v_str(obj);
    if (start >= 0 && (size_t)start < o->nchars && end == start + 1) {
        uint32_t cp = 0;
        size_t off = rt_str_offset(o, (size_t)start);
        rt_utf8_decode(o->data + off, o->len - off, &cp);
        const char *f = cp <= 0xff ? "%s character '\\x%02x' in position %lld: %s"
                        : cp <= 0xffff ? "%s character '\\u%04x' in position %lld: %s"
                                       : "%s character '\\U%08x' in position %lld: %s";
        return rt_str_printf(vm, f, prefix, cp, (long long)start, v_cstr(reason));
    }
    return rt_str_printf(vm, "%s characters in position %lld-%lld: %s", prefix, (long long)start,
                         (long long)(end - 1), v_cstr(reason));
}

static Value exc_str(VM *vm, Value self)
{
    Exception *e = EXC(self);
    Type *t = v_type(self);
    Tuple *args = v_is(e->args, &rt_tuple_type) ? v_tuple(e->args) : NULL;
    size_t n = args ? args->len : 0;
    unsigned kind = exc_kind(t);
    if (kind == KIND_OSERROR) {
        Value eno = exc_dict_get(vm, self, "errno"), se = exc_dict_get(vm, self, "strerror");
        Value fn = exc_dict_get(vm, self, "filename");
        Value fn2 = exc_dict_get(vm, self, "filename2");
        if (fn && fn != rt_None) {
            Value r = rt_repr(vm, fn);
            Value a = eno ? rt_str(vm, eno) : VNULL, b = se ? rt_str(vm, se) : VNULL;
            if (!r || !a || !b)
                return VNULL;
            if (fn2 && fn2 != rt_None) {
                Value r2 = rt_repr(vm, fn2);
                if (!r2)
                    return VNULL;
                return rt_str_printf(vm, "[Errno %s] %s: %s -> %s", v_cstr(a), v_cstr(b),
                                     v_cstr(r), v_cstr(r2));
            }
            return rt_str_printf(vm, "[Errno %s] %s: %s", v_cstr(a), v_cstr(b), v_cstr(r));
        }
        if (eno && se && eno != rt_None && se != rt_None) {
            Value a = rt_str(vm, eno), b = rt_str(vm, se);
            if (!a || !b)
                return VNULL;
            return rt_str_printf(vm, "[Errno %s] %s", v_cstr(a), v_cstr(b));
        }
    }
    if (kind == KIND_SYNTAX) {
        Value msg = exc_dict_get(vm, self, "msg");
        Value fn = exc_dict_get(vm, self, "filename");
        Value ln = exc_dict_get(vm, self, "lineno");
        if (msg && msg != rt_None) {
            Value ms = rt_str(vm, msg);
            if (!ms)
                return VNULL;
            bool have_fn = fn && v_is_str(fn), have_ln = ln && v_is_small(ln);
            const char *base = have_fn ? strrchr(v_cstr(fn), '/') : NULL;
            base = base ? base + 1 : have_fn ? v_cstr(fn) : "";
            if (have_fn && have_ln)
                return rt_str_printf(vm, "%s (%s, line %lld)", v_cstr(ms), base,
                                     (long long)v_small(ln));
            if (have_fn)
                return rt_str_printf(vm, "%s (%s)", v_cstr(ms), base);
            if (have_ln)
                return rt_str_printf(vm, "%s (line %lld)", v_cstr(ms), (long long)v_small(ln));
            return ms;
        }
    }
    if (kind == KIND_UNICODE)
        return unicode_error_str(vm, self);
    if (n == 0)
        return rt_str_from_cstr(vm, "");
    if (n == 1) {
        if (kind == KIND_KEY)
            return rt_repr(vm, args->items[0]);
        return rt_str(vm, args->items[0]);
    }
    return rt_str(vm, e->args);
}

static Value exc_repr(VM *vm, Value self)
{
    Exception *e = EXC(self);
    Type *t = v_type(self);
    Tuple *args = v_is(e->args, &rt_tuple_type) ? v_tuple(e->args) : NULL;
    if (!args || args->len == 0)
        return rt_str_printf(vm, "%s()", t->name);
    Value r = rt_repr(vm, args->len == 1 ? args->items[0] : e->args);
    if (!r)
        return VNULL;
    if (args->len == 1)
        return rt_str_printf(vm, "%s(%s)", t->name, v_cstr(r));
    return rt_str_printf(vm, "%s%s", t->name, v_cstr(r));
}

/* ---- attributes -------------------------------------------------------------- */

static bool check_exc(VM *vm, Value self)
{
    if (rt_isinstance_type(self, &rt_exc_BaseException))
        return true;
    rt_raise(vm, &rt_exc_TypeError, "descriptor requires a 'BaseException' object but received a '%s'",
             rt_type_name(self));
    return false;
}

static Value get_args(VM *vm, Value self) { return or_none(EXC(self)->args); }
static int set_args(VM *vm, Value self, Value v)
{
    if (!v) {
        rt_raise(vm, &rt_exc_TypeError, "args may not be deleted");
        return -1;
    }
    Value t = rt_tuple_from_iter(vm, v);
    if (!t)
        return -1;
    EXC(self)->args = t;
    return 0;
}
static Value get_tb(VM *vm, Value self) { return or_none(EXC(self)->traceback); }
static int set_tb(VM *vm, Value self, Value v)
{
    if (!v || !(v == rt_None || v_is(v, &rt_traceback_type))) {
        rt_raise(vm, &rt_exc_TypeError, "__traceback__ must be a traceback or None");
        return -1;
    }
    EXC(self)->traceback = v;
    return 0;
}
static Value get_cause(VM *vm, Value self) { return or_none(EXC(self)->cause); }
static int set_cause(VM *vm, Value self, Value v)
{
    if (!v) {
        rt_raise(vm, &rt_exc_TypeError, "__cause__ may not be deleted");
        return -1;
    }
    if (v != rt_None && !rt_isinstance_type(v, &rt_exc_BaseException)) {
        rt_raise(vm, &rt_exc_TypeError, "exception cause must be None or derive from BaseException");
        return -1;
    }
    EXC(self)->cause = v;
    EXC(self)->suppress_context = true;
    return 0;
}
static Value get_context(VM *vm, Value self) { return or_none(EXC(self)->context); }
static int set_context(VM *vm, Value self, Value v)
{
    if (!v) {
        rt_raise(vm, &rt_exc_TypeError, "__context__ may not be deleted");
        return -1;
    }
    if (v != rt_None && !rt_isinstance_type(v, &rt_exc_BaseException)) {
        rt_raise(vm, &rt_exc_TypeError, "exception context must be None or derive from BaseException");
        return -1;
    }
    EXC(self)->context = v;
    return 0;
}
static Value get_suppress(VM *vm, Value self) { return rt_bool(EXC(self)->suppress_context); }
static int set_suppress(VM *vm, Value self, Value v)
{
    int t = v ? rt_truthy(vm, v) : 0;
    if (t < 0)
        return -1;
    EXC(self)->suppress_context = t;
    return 0;
}

static const GetSetDef base_getsets[] = {
    {"args", get_args, set_args},
    {"__traceback__", get_tb, set_tb},
    {"__cause__", get_cause, set_cause},
    {"__context__", get_context, set_context},
    {"__suppress_context__", get_suppress, set_suppress},
    {NULL, NULL, NULL},
};

/* StopIteration.value / SystemExit.code: args[0] unless assigned. */
static Value first_arg_or(VM *vm, Value self, const char *name)
{
    Value v = exc_dict_get(vm, self, name);
    if (v)
        return v;
    Exception *e = EXC(self);
    if (v_is(e->args, &rt_tuple_type) && v_tuple(e->args)->len >= 1)
        return v_tuple(e->args)->items[0];
    return rt_None;
}
static Value get_value(VM *vm, Value self) { return first_arg_or(vm, self, "value"); }
static int set_value(VM *vm, Value self, Value v)
{
    return exc_dict_set(vm, self, "value", v ? v : rt_None) ? 0 : -1;
}
static Value get_code(VM *vm, Value self)
{
    Exception *e = EXC(self);
    Value v = exc_dict_get(vm, self, "code");
    if (v)
        return v;
    if (v_is(e->args, &rt_tuple_type) && v_tuple(e->args)->len > 1)
        return e->args;
    return first_arg_or(vm, self, "code");
}
static int set_code(VM *vm, Value self, Value v)
{
    return exc_dict_set(vm, self, "code", v ? v : rt_None) ? 0 : -1;
}
/* One getter/setter pair per member; a member never set reads as None. */
#define FIELD(name)                                                              \
    static Value get_f_##name(VM *vm, Value self)                                \
    {                                                                            \
        Value v = exc_dict_get(vm, self, #name);                                 \
        return v ? v : rt_None;                                                  \
    }                                                                            \
    static int set_f_##name(VM *vm, Value self, Value v)                         \
    {                                                                            \
        return exc_dict_set(vm, self, #name, v ? v : rt_None) ? 0 : -1;          \
    }
FIELD(errno)
FIELD(strerror)
FIELD(filename)
FIELD(filename2)
FIELD(msg)
FIELD(lineno)
FIELD(offset)
FIELD(text)
FIELD(end_lineno)
FIELD(end_offset)
FIELD(print_file_and_line)
FIELD(name)
FIELD(path)
FIELD(encoding)
FIELD(object)
FIELD(start)
FIELD(end)
FIELD(reason)
#undef FIELD
#define F(name) {#name, get_f_##name, set_f_##name}
static const GetSetDef oserror_getsets[] = {
    F(errno), F(strerror), F(filename), F(filename2), {NULL, NULL, NULL},
};
static const GetSetDef syntax_getsets[] = {
    F(msg), F(filename), F(lineno), F(offset), F(text), F(end_lineno), F(end_offset),
    F(print_file_and_line), {NULL, NULL, NULL},
};
static const GetSetDef import_getsets[] = {F(msg), F(name), F(path), {NULL, NULL, NULL}};
static const GetSetDef unicode_getsets[] = {
    F(encoding), F(object), F(start), F(end), F(reason), {NULL, NULL, NULL},
};
#undef F

/* OSError.characters_written (BlockingIOError's): AttributeError until set. */
static Value get_written(VM *vm, Value self)
{
    Value v = exc_dict_get(vm, self, "characters_written");
    return v ? v : rt_raise(vm, &rt_exc_AttributeError, "characters_written");
}
static int set_written(VM *vm, Value self, Value v)
{
    if (!v) {
        Dict **fp = fields_ptr(self);
        if (!fp || !*fp || rt_dict_del(vm, *fp, rt_str_intern_cstr(vm, "characters_written")) <= 0) {
            if (!vm->exc)
                rt_raise(vm, &rt_exc_AttributeError, "characters_written");
            return -1;
        }
        return 0;
    }
    return exc_dict_set(vm, self, "characters_written", v) ? 0 : -1;
}
static const GetSetDef blocking_getsets[] = {
    {"characters_written", get_written, set_written}, {NULL, NULL, NULL},
};

static const GetSetDef stopiter_getsets[] = {{"value", get_value, set_value}, {NULL, NULL, NULL}};
static const GetSetDef sysexit_getsets[] = {{"code", get_code, set_code}, {NULL, NULL, NULL}};

/* ---- methods -------------------------------------------------------------------- */

static Value m_init(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!check_exc(vm, argv[0]))
        return VNULL;
    Value args = rt_tuple_from(vm, (size_t)argc - 1, argv + 1);
    if (!args)
        return VNULL;
    EXC(argv[0])->args = args;
    if (!exc_init_extra(vm, argv[0], argc - 1, argv + 1, kwnames))
        return VNULL;
    return rt_None;
}

static Value m_with_traceback(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "with_traceback", argc - 1, 1, 1) || !check_exc(vm, argv[0]))
        return VNULL;
    if (set_tb(vm, argv[0], argv[1]) < 0)
        return VNULL;
    return argv[0];
}

/* add_note(note): append to the __notes__ list (created on first use). */
static Value m_add_note(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "BaseException.add_note", argc - 1, 1, 1) || !check_exc(vm, argv[0]))
        return VNULL;
    if (!rt_isinstance_type(argv[1], &rt_str_type))
        return rt_raise(vm, &rt_exc_TypeError, "note must be a str, not '%s'",
                        rt_type_name(argv[1]));
    Value name = rt_str_intern_cstr(vm, "__notes__");
    Value notes = rt_getattr_opt(vm, argv[0], name);
    if (!notes) {
        if (vm->exc)
            return VNULL;
        if (!(notes = rt_list_new(vm, 0)) || rt_setattr(vm, argv[0], name, notes) < 0)
            return VNULL;
    }
    if (!rt_isinstance_type(notes, &rt_list_type))
        return rt_raise(vm, &rt_exc_TypeError, "Cannot add note: __notes__ is not a list");
    return rt_list_append(vm, notes, argv[1]) ? rt_None : VNULL;
}

/* (type, args[, __dict__]): what pickle and copy rebuild an exception from. */
static Value m_reduce(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "__reduce__", argc - 1, 0, 0) || !check_exc(vm, argv[0]))
        return VNULL;
    Exception *e = EXC(argv[0]);
    Value items[3] = {v_from(v_type(argv[0])), or_none(e->args), VNULL};
    if (e->dict && e->dict->used) {
        items[2] = v_from(e->dict);
        return rt_tuple_from(vm, 3, items);
    }
    return rt_tuple_from(vm, 2, items);
}

/* OSError rebuilds with its filename(s) in the arguments. */
static Value m_oserror_reduce(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "__reduce__", argc - 1, 0, 0) || !check_exc(vm, argv[0]))
        return VNULL;
    Exception *e = EXC(argv[0]);
    Value args = or_none(e->args);
    Value fn = exc_dict_get(vm, argv[0], "filename"), fn2 = exc_dict_get(vm, argv[0], "filename2");
    if (v_is(args, &rt_tuple_type) && v_tuple(args)->len == 2 && fn && fn != rt_None) {
        Value five[5] = {v_tuple(args)->items[0], v_tuple(args)->items[1], fn, rt_None, fn2};
        args = rt_tuple_from(vm, fn2 && fn2 != rt_None ? 5 : 3, five);
        if (!args)
            return VNULL;
    }
    Value items[3] = {v_from(v_type(argv[0])), args, e->dict ? v_from(e->dict) : VNULL};
    return rt_tuple_from(vm, e->dict && e->dict->used ? 3 : 2, items);
}

/* ImportError's state adds name and path when set. */
static Value m_importerror_reduce(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "__reduce__", argc - 1, 0, 0) || !check_exc(vm, argv[0]))
        return VNULL;
    Exception *e = EXC(argv[0]);
    Value state = e->dict ? rt_dict_copy(vm, e->dict) : rt_dict_new(vm);
    if (!state)
        return VNULL;
    static const char *const keys[] = {"name", "path"};
    for (int i = 0; i < 2; i++) {
        Value v = exc_dict_get(vm, argv[0], keys[i]);
        if (v && v != rt_None && !rt_dict_set_cstr(vm, v_dict(state), keys[i], v))
            return VNULL;
    }
    Value items[3] = {v_from(v_type(argv[0])), or_none(e->args), state};
    return rt_tuple_from(vm, v_dict(state)->used ? 3 : 2, items);
}

static const NativeDef oserror_methods[] = {{"__reduce__", m_oserror_reduce, 0}, {NULL, NULL, 0}};
static const NativeDef importerror_methods[] = {
    {"__reduce__", m_importerror_reduce, 0}, {NULL, NULL, 0}};

static Value m_setstate(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "__setstate__", argc - 1, 1, 1) || !check_exc(vm, argv[0]))
        return VNULL;
    Value st = argv[1];
    if (st == rt_None)
        return rt_None;
    if (!rt_isinstance_type(st, &rt_dict_type))
        return rt_raise(vm, &rt_exc_TypeError, "state is not a dictionary");
    Value items = rt_list_from_iter(vm, st);
    if (!items)
        return VNULL;
    for (size_t i = 0; i < v_list(items)->len; i++) {
        Value k = v_list(items)->items[i];
        Value v = rt_getitem(vm, st, k);
        if (!v || rt_setattr(vm, argv[0], k, v) < 0)
            return VNULL;
    }
    return rt_None;
}

static const NativeDef base_methods[] = {
    {"__init__", m_init, NF_KEYWORDS},
    {"with_traceback", m_with_traceback, 0},
    {"add_note", m_add_note, 0},
    {"__reduce__", m_reduce, 0},
    {"__setstate__", m_setstate, 0},
    {NULL, NULL, 0},
};

/* ---- raising ----------------------------------------------------------------------- */

/* Set vm->exc = exc, chaining the exception being handled as __context__
 * (CPython's _PyErr_SetObject, including its cycle breaking). */
static Value set_exc(VM *vm, Value exc)
{
    Value handled = vm->handled;
    if (handled && handled != rt_None && handled != exc &&
        rt_isinstance_type(handled, &rt_exc_BaseException) && exc != memory_error_instance) {
        Value o = handled;
        int guard = 0;
        while (guard++ < 100000) {
            Value ctx = EXC(o)->context;
            if (!ctx || ctx == rt_None)
                break;
            if (ctx == exc) {
                EXC(o)->context = rt_None;
                break;
            }
            o = ctx;
        }
        EXC(exc)->context = handled;
    }
    vm->exc = exc;
    return VNULL;
}

Value rt_raise(VM *vm, Type *type, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    Value msg;
    if (n >= (int)sizeof buf) {
        char *big = malloc((size_t)n + 1);
        if (!big)
            return rt_no_memory(vm);
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        msg = rt_str_new(vm, big, (size_t)n);
        free(big);
    } else {
        msg = rt_str_new(vm, buf, n > 0 ? (size_t)n : 0);
    }
    if (!msg)
        return VNULL;
    return rt_raise_str(vm, type, msg);
}

Value rt_raise_str(VM *vm, Type *type, Value msg)
{
    Value exc = exc_new(vm, type, 1, &msg, VNULL);
    if (!exc)
        return VNULL;
    return set_exc(vm, exc);
}

Value rt_raise_value(VM *vm, Value exc)
{
    if (rt_is_type(exc)) {
        Type *t = (Type *)v_obj(exc);
        if (!rt_is_subtype(t, &rt_exc_BaseException))
            return rt_raise(vm, &rt_exc_TypeError, "exceptions must derive from BaseException");
        Value inst = rt_call(vm, exc, 0, NULL, VNULL);
        if (!inst)
            return VNULL;
        if (!rt_isinstance_type(inst, &rt_exc_BaseException))
            return rt_raise(vm, &rt_exc_TypeError,
                            "calling %s should have returned an instance of BaseException, not %s",
                            rt_type_name(exc), rt_type_name(inst));
        exc = inst;
    } else if (!rt_isinstance_type(exc, &rt_exc_BaseException)) {
        return rt_raise(vm, &rt_exc_TypeError, "exceptions must derive from BaseException");
    }
    return set_exc(vm, exc);
}

Value rt_raise_oserror(VM *vm, int err, const char *filename)
{
    Value argv[3];
    argv[0] = v_from_small(err);
    argv[1] = rt_str_from_cstr(vm, strerror(err));
    if (!argv[1])
        return VNULL;
    int argc = 2;
    if (filename) {
        argv[2] = rt_str_from_cstr(vm, filename);
        if (!argv[2])
            return VNULL;
        argc = 3;
    }
    Value exc = exc_new(vm, &rt_exc_OSError, argc, argv, VNULL);
    if (!exc)
        return VNULL;
    return set_exc(vm, exc);
}

Value rt_no_memory(VM *vm)
{
    if (memory_error_instance) {
        Exception *e = EXC(memory_error_instance);
        e->traceback = e->context = e->cause = rt_None;
        vm->exc = memory_error_instance;
    } else {
        fprintf(stderr, "minipy: fatal: out of memory during start-up\n");
        abort();
    }
    return VNULL;
}

bool rt_check_signals(VM *vm)
{
    if (!vm->interrupted)
        return true;
    vm->interrupted = 0;
    if (vm->signal_hook)
        return vm->signal_hook(vm);
    rt_raise_value(vm, v_from(&rt_exc_KeyboardInterrupt));
    return false;
}

bool rt_exc_matches(VM *vm, Value exc, Type *type) { return rt_isinstance_type(exc, type); }

bool rt_exc_clear_if(VM *vm, Type *type)
{
    if (vm->exc && rt_isinstance_type(vm->exc, type)) {
        vm->exc = VNULL;
        return true;
    }
    return false;
}

/* ---- set-up ----------------------------------------------------------------------- */

static Type *const all_types[] = {
#define X(name, base) &rt_exc_##name,
    RT_EXCEPTIONS(X)
#undef X
};

/* __doc__ of each builtin exception (CPython 3.11's text). */
static const struct {
    Type *type;
    const char *doc;
} exc_docs[] = {
    {&rt_exc_BaseException, "Common base class for all exceptions"},
    {&rt_exc_SystemExit, "Request to exit from the interpreter."},
    {&rt_exc_KeyboardInterrupt, "Program interrupted by user."},
    {&rt_exc_GeneratorExit, "Request that a generator exit."},
    {&rt_exc_BaseExceptionGroup, "A combination of multiple unrelated exceptions."},
    {&rt_exc_Exception, "Common base class for all non-exit exceptions."},
    {&rt_exc_StopIteration, "Signal the end from iterator.__next__()."},
    {&rt_exc_StopAsyncIteration, "Signal the end from iterator.__anext__()."},
    {&rt_exc_ArithmeticError, "Base class for arithmetic errors."},
    {&rt_exc_FloatingPointError, "Floating point operation failed."},
    {&rt_exc_OverflowError, "Result too large to be represented."},
    {&rt_exc_ZeroDivisionError, "Second argument to a division or modulo operation was zero."},
    {&rt_exc_AssertionError, "Assertion failed."},
    {&rt_exc_AttributeError, "Attribute not found."},
    {&rt_exc_BufferError, "Buffer error."},
    {&rt_exc_EOFError, "Read beyond end of file."},
    {&rt_exc_ImportError, "Import can't find module, or can't find name in module."},
    {&rt_exc_ModuleNotFoundError, "Module not found."},
    {&rt_exc_LookupError, "Base class for lookup errors."},
    {&rt_exc_IndexError, "Sequence index out of range."},
    {&rt_exc_KeyError, "Mapping key not found."},
    {&rt_exc_MemoryError, "Out of memory."},
    {&rt_exc_NameError, "Name not found globally."},
    {&rt_exc_UnboundLocalError, "Local name referenced but not bound to a value."},
    {&rt_exc_OSError, "Base class for I/O related errors."},
    {&rt_exc_FileExistsError, "File already exists."},
    {&rt_exc_FileNotFoundError, "File not found."},
    {&rt_exc_IsADirectoryError, "Operation doesn't work on directories."},
    {&rt_exc_NotADirectoryError, "Operation only works on directories."},
    {&rt_exc_PermissionError, "Not enough permissions."},
    {&rt_exc_BlockingIOError, "I/O operation would block."},
    {&rt_exc_ChildProcessError, "Child process error."},
    {&rt_exc_ConnectionError, "Connection error."},
    {&rt_exc_BrokenPipeError, "Broken pipe."},
    {&rt_exc_ConnectionAbortedError, "Connection aborted."},
    {&rt_exc_ConnectionRefusedError, "Connection refused."},
    {&rt_exc_ConnectionResetError, "Connection reset."},
    {&rt_exc_InterruptedError, "Interrupted by signal."},
    {&rt_exc_ProcessLookupError, "Process not found."},
    {&rt_exc_TimeoutError, "Timeout expired."},
    {&rt_exc_ReferenceError, "Weak ref proxy used after referent went away."},
    {&rt_exc_RuntimeError, "Unspecified run-time error."},
    {&rt_exc_NotImplementedError, "Method or function hasn't been implemented yet."},
    {&rt_exc_RecursionError, "Recursion limit exceeded."},
    {&rt_exc_SyntaxError, "Invalid syntax."},
    {&rt_exc_IndentationError, "Improper indentation."},
    {&rt_exc_TabError, "Improper mixture of spaces and tabs."},
    {&rt_exc_SystemError, "Internal error in the Python interpreter.\n\nPlease report this to the Python maintainer, along with the traceback,\nthe Python version, and the hardware/OS platform and version."},
    {&rt_exc_TypeError, "Inappropriate argument type."},
    {&rt_exc_ValueError, "Inappropriate argument value (of correct type)."},
    {&rt_exc_UnicodeError, "Unicode related error."},
    {&rt_exc_UnicodeDecodeError, "Unicode decoding error."},
    {&rt_exc_UnicodeEncodeError, "Unicode encoding error."},
    {&rt_exc_UnicodeTranslateError, "Unicode translation error."},
    {&rt_exc_Warning, "Base class for warning categories."},
    {&rt_exc_BytesWarning, "Base class for warnings about bytes and buffer related problems, mostly\nrelated to conversion from str or comparing to str."},
    {&rt_exc_DeprecationWarning, "Base class for warnings about deprecated features."},
    {&rt_exc_EncodingWarning, "Base class for warnings about encodings."},
    {&rt_exc_FutureWarning, "Base class for warnings about constructs that will change semantically\nin the future."},
    {&rt_exc_ImportWarning, "Base class for warnings about probable mistakes in module imports"},
    {&rt_exc_PendingDeprecationWarning, "Base class for warnings about features which will be deprecated\nin the future."},
    {&rt_exc_ResourceWarning, "Base class for warnings about resource usage."},
    {&rt_exc_RuntimeWarning, "Base class for warnings about dubious runtime behavior."},
    {&rt_exc_SyntaxWarning, "Base class for warnings about dubious syntax."},
    {&rt_exc_UnicodeWarning, "Base class for warnings about Unicode related problems, mostly\nrelated to conversion problems."},
    {&rt_exc_UserWarning, "Base class for warnings generated by user code."},
};

static bool set_docs(VM *vm)
{
    for (size_t i = 0; i < sizeof exc_docs / sizeof *exc_docs; i++) {
        Value d = rt_str_from_cstr(vm, exc_docs[i].doc);
        if (!d || !rt_dict_set_str(vm, exc_docs[i].type->dict, vm->names.__doc__, d))
            return false;
    }
    /* ExceptionGroup's own __doc__ is None (not inherited). */
    return rt_dict_set_str(vm, rt_exc_ExceptionGroup.dict, vm->names.__doc__, rt_None);
}

bool rt_exceptions_init(VM *vm)
{
    for (size_t i = 0; i < sizeof all_types / sizeof *all_types; i++)
        if (kind_has_fields(kind_of(all_types[i])))
            all_types[i]->instance_size = sizeof(ExcFields);
    if (!rt_exc_groups_init(vm))
        return false;
    for (size_t i = 0; i < sizeof all_types / sizeof *all_types; i++) {
        Type *t = all_types[i];
        if (!rt_type_ready(vm, t))
            return false;
    }
    if (!rt_add_getsets(vm, &rt_exc_BaseException, base_getsets) ||
        !rt_add_methods(vm, &rt_exc_BaseException, base_methods) ||
        !rt_add_getsets(vm, &rt_exc_StopIteration, stopiter_getsets) ||
        !rt_add_getsets(vm, &rt_exc_SystemExit, sysexit_getsets) ||
        !rt_add_getsets(vm, &rt_exc_OSError, oserror_getsets) ||
        !rt_add_getsets(vm, &rt_exc_OSError, blocking_getsets) ||
        !rt_add_getsets(vm, &rt_exc_SyntaxError, syntax_getsets) ||
        !rt_add_getsets(vm, &rt_exc_ImportError, import_getsets) ||
        !rt_add_getsets(vm, &rt_exc_UnicodeEncodeError, unicode_getsets) ||
        !rt_add_getsets(vm, &rt_exc_UnicodeDecodeError, unicode_getsets) ||
        !rt_add_getsets(vm, &rt_exc_UnicodeTranslateError, unicode_getsets) ||
        !rt_add_methods(vm, &rt_exc_OSError, oserror_methods) ||
        !rt_add_methods(vm, &rt_exc_ImportError, importerror_methods) || !set_docs(vm))
        return false;
    /* EnvironmentError / IOError are OSError in Python 3. */
    rt_gc_add_root(vm, &memory_error_instance);
    memory_error_instance = rt_exc_new(vm, &rt_exc_MemoryError, VNULL);
    return memory_error_instance != VNULL;
}
