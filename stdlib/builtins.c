/* stdlib/builtins.c — the builtins module: its construction, and the
 * functions that compute on values (print, len, min/max, sum, round, ...).
 * Introspection, I/O and code execution are in stdlib/builtins_more.c.
 * Every message is CPython 3.11's. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "stdlib/builtins.h"
#include "runtime/callable.h"
#include "runtime/buffer.h"
#include "runtime/complex.h"
#include "stdlib/_io.h"
#include "runtime/state.h"
#include "vm/vm.h"

/* ---- argument helpers ------------------------------------------------------ */

bool mp_check_positional(VM *vm, const char *name, int argc, int min, int max)
{
    if (argc < min) {
        rt_raise(vm, &rt_exc_TypeError, "%s expected %s%d argument%s, got %d", name,
                 min == max ? "" : "at least ", min, min == 1 ? "" : "s", argc);
        return false;
    }
    if (argc > max) {
        rt_raise(vm, &rt_exc_TypeError, "%s expected %s%d argument%s, got %d", name,
                 min == max ? "" : "at most ", max, max == 1 ? "" : "s", argc);
        return false;
    }
    return true;
}

bool mp_take_keywords(VM *vm, const char *fname, int argc, Value *argv, Value kwnames,
                      const char *const *names, Value *out)
{
    if (!kwnames)
        return true;
    Tuple *kw = v_tuple(kwnames);
    for (size_t i = 0; i < kw->len; i++) {
        const char *k = v_cstr(kw->items[i]);
        int j = 0;
        for (; names[j]; j++)
            if (!strcmp(names[j], k))
                break;
        if (!names[j]) {
            rt_raise(vm, &rt_exc_TypeError, "'%s' is an invalid keyword argument for %s()", k,
                     fname);
            return false;
        }
        out[j] = argv[argc + (int)i];
    }
    return true;
}

/* Call a special method looked up on the type (not the instance), as the
 * interpreter does for dunders.  *found = false when the type lacks it. */
static Value call_special(VM *vm, Value obj, Value name, int argc, Value *args, bool *found)
{
    Value m = rt_lookup_type_attr(v_type(obj), name);
    *found = m != VNULL;
    if (!m)
        return VNULL;
    Value av[4];
    av[0] = obj;
    for (int i = 0; i < argc && i < 3; i++)
        av[i + 1] = args[i];
    /* Bind through the descriptor protocol so staticmethods etc. behave. */
    Type *mt = v_type(m);
    if (mt->descr_get && !v_is(m, &rt_native_type) && !v_is(m, &rt_function_type)) {
        Value bound = mt->descr_get(vm, m, obj, v_type(obj));
        if (!bound)
            return VNULL;
        return rt_call(vm, bound, argc, av + 1, VNULL);
    }
    return rt_call(vm, m, argc + 1, av, VNULL);
}

/* ---- print -------------------------------------------------------------------- */

/* One print() argument's text, straight into the file's pending bytes
 * (*nl: it had a newline or '\r', which matters under line buffering). */
static bool print_to_text(VM *vm, struct TextIO *t, Value v, bool *nl)
{
    if (v_is_small(v)) {
        char buf[24], *p = buf + sizeof buf;
        int64_t i = v_small(v);
        uint64_t u = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
        do {
            *--p = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        if (i < 0)
            *--p = '-';
        return mp_io_fast_write(vm, t, p, (size_t)(buf + sizeof buf - p), true);
    }
    Value s = v_is_str_exact(v) ? v : rt_str(vm, v);
    if (!s)
        return false;
    Str *str = v_str(s);
    if (t->line_buffering && !*nl &&
        (memchr(str->data, '\n', str->len) || memchr(str->data, '\r', str->len)))
        *nl = true;
    return mp_io_fast_write(vm, t, str->data, str->len, str->ascii);
}

/* sys.stdout, looked up at each print() as CPython does. */
static Value sys_stdout(VM *vm)
{
    static Value name;
    if (!vm->sys_module)
        return VNULL;
    if (!name) {
        name = rt_str_intern_cstr(vm, "stdout");
        rt_gc_add_root(vm, &name);
    }
    return rt_dict_get_str(((Module *)v_obj(vm->sys_module))->dict, name);
}

static Value bi_print(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"sep", "end", "file", "flush", NULL};
    Value kw[4] = {rt_None, rt_None, rt_None, rt_False};
    if (!mp_take_keywords(vm, "print", argc, argv, kwnames, names, kw))
        return VNULL;
    Value sep = kw[0], end = kw[1], file = kw[2];
    if (sep != rt_None && !v_is_str(sep))
        return rt_raise(vm, &rt_exc_TypeError, "sep must be None or a string, not %s",
                        rt_type_name(sep));
    if (end != rt_None && !v_is_str(end))
        return rt_raise(vm, &rt_exc_TypeError, "end must be None or a string, not %s",
                        rt_type_name(end));
    if (file == rt_None) {
        file = sys_stdout(vm);
        if (!file)
            file = vm->stdout_file;
        if (!file || file == rt_None)
            return rt_None; /* CPython: print() is a no-op without sys.stdout */
    }
    struct TextIO *t = mp_io_fast_text(file);
    if (t) {
        bool nl = false;
        for (int i = 0; i < argc; i++) {
            if (i > 0) {
                const char *sp = sep == rt_None ? " " : v_cstr(sep);
                size_t n = sep == rt_None ? 1 : v_str(sep)->len;
                if (!nl && sep != rt_None && (memchr(sp, '\n', n) || memchr(sp, '\r', n)))
                    nl = true;
                if (!mp_io_fast_write(vm, t, sp, n, sep == rt_None || v_str(sep)->ascii))
                    return VNULL;
            }
            if (!print_to_text(vm, t, argv[i], &nl))
                return VNULL;
        }
        if (end == rt_None) {
            nl = true;
            if (!mp_io_fast_write(vm, t, "\n", 1, true))
                return VNULL;
        } else if (!print_to_text(vm, t, end, &nl)) {
            return VNULL;
        }
        int fl = kw[3] == rt_False ? 0 : rt_truthy(vm, kw[3]);
        if (fl < 0 || !mp_io_fast_done(vm, t, nl, fl))
            return VNULL;
        return rt_None;
    }
    /* Any object with .write(): one call per piece, as CPython. */
    Value write = rt_getattr(vm, file, vm->names.write);
    if (!write)
        return VNULL;
    Value space = VNULL;
    for (int i = 0; i < argc; i++) {
        if (i > 0) {
            Value s = sep;
            if (s == rt_None)
                s = space ? space : (space = rt_str_new(vm, " ", 1));
            if (!s || !rt_call1(vm, write, s))
                return VNULL;
        }
        Value s = rt_str(vm, argv[i]);
        if (!s || !rt_call1(vm, write, s))
            return VNULL;
    }
    Value e = end == rt_None ? rt_str_new(vm, "\n", 1) : end;
    if (!e || !rt_call1(vm, write, e))
        return VNULL;
    if (kw[3] != rt_False) {
        int want = rt_truthy(vm, kw[3]);
        if (want < 0)
            return VNULL;
        if (want) {
            Value fl = rt_getattr(vm, file, vm->names.flush);
            if (!fl || !rt_call0(vm, fl))
                return VNULL;
        }
    }
    return rt_None;
}

/* ---- simple value functions ------------------------------------------------------ */

static Value bi_len(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "len", argc, 1, 1))
        return VNULL;
    int64_t n = rt_len(vm, argv[0]);
    return n < 0 ? VNULL : rt_int_from_i64(vm, n);
}

static Value bi_abs(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "abs", argc, 1, 1))
        return VNULL;
    Value v = argv[0];
    if (v_is_small(v))
        return v_small(v) < 0 ? rt_int_from_i64(vm, -v_small(v)) : v;
    if (v_is(v, &rt_float_type))
        return rt_float_new(vm, fabs(v_f(v)));
    if (v_is(v, &rt_bool_type))
        return v_from_small(v == rt_True);
    if (v_is(v, &rt_int_type))
        return rt_int_sign(v) < 0 ? rt_int_neg(vm, v) : v;
    bool found;
    Value r = call_special(vm, v, vm->names.__abs__, 0, NULL, &found);
    if (!found)
        return rt_raise(vm, &rt_exc_TypeError, "bad operand type for abs(): '%s'",
                        rt_type_name(v));
    return r;
}

static Value any_all(VM *vm, int argc, Value *argv, const char *name, bool want)
{
    if (!rt_check_nargs(vm, name, argc, 1, 1))
        return VNULL;
    Value it = rt_iter(vm, argv[0]);
    if (!it)
        return VNULL;
    Value item;
    while ((item = rt_next(vm, it))) {
        int t = rt_truthy(vm, item);
        if (t < 0)
            return VNULL;
        if ((t != 0) == want)
            return rt_bool(want);
    }
    return vm->exc ? VNULL : rt_bool(!want);
}

static Value bi_any(VM *vm, int argc, Value *argv, Value kw) { return any_all(vm, argc, argv, "any", true); }
static Value bi_all(VM *vm, int argc, Value *argv, Value kw) { return any_all(vm, argc, argv, "all", false); }

static Value bi_hash(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "hash", argc, 1, 1))
        return VNULL;
    int64_t h = rt_hash(vm, argv[0]);
    return h == -1 && vm->exc ? VNULL : rt_int_from_i64(vm, h);
}

static Value bi_id(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "id", argc, 1, 1))
        return VNULL;
    return rt_int_from_u64(vm, (uint64_t)argv[0]);
}

static Value bi_repr(VM *vm, int argc, Value *argv, Value kw)
{
    return rt_check_nargs(vm, "repr", argc, 1, 1) ? rt_repr(vm, argv[0]) : VNULL;
}

static Value bi_ascii(VM *vm, int argc, Value *argv, Value kw)
{
    return rt_check_nargs(vm, "ascii", argc, 1, 1) ? rt_ascii(vm, argv[0]) : VNULL;
}

static Value bi_callable(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "callable", argc, 1, 1))
        return VNULL;
    Type *t = v_type(argv[0]);
    if (!t->call)
        return rt_False;
    if (t->flags & TF_CLASS)
        return rt_bool(rt_lookup_type_attr(t, vm->names.__call__) != VNULL);
    return rt_True;
}

static Value bi_chr(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "chr", argc, 1, 1))
        return VNULL;
    Value i = rt_index(vm, argv[0]);
    if (!i)
        return VNULL;
    if (!v_is_small(i))
        return rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C int");
    int64_t c = v_small(i);
    if (c < 0 || c > 0x10ffff)
        return rt_raise(vm, &rt_exc_ValueError, "chr() arg not in range(0x110000)");
    char buf[4];
    size_t n = rt_utf8_encode((uint32_t)c, buf);
    return rt_str_new(vm, buf, n);
}

static Value bi_ord(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "ord", argc, 1, 1))
        return VNULL;
    Value v = argv[0];
    if (v_is_str(v)) {
        Str *s = v_str(v);
        if (s->nchars != 1)
            return rt_raise(vm, &rt_exc_TypeError,
                            "ord() expected a character, but string of length %zu found",
                            s->nchars);
        uint32_t cp;
        rt_utf8_decode(s->data, s->len, &cp);
        return v_from_small(cp);
    }
    if (v_is(v, &rt_bytes_type) || rt_is_bytearray(v)) {
        BView b = rt_bytes_view(v);
        if (b.len != 1)
            return rt_raise(vm, &rt_exc_TypeError,
                            "ord() expected a character, but string of length %zu found", b.len);
        return v_from_small(b.data[0]);
    }
    return rt_raise(vm, &rt_exc_TypeError, "ord() expected string of length 1, but %s found",
                    rt_type_name(v));
}

static Value int_base(VM *vm, int argc, Value *argv, const char *name, int base)
{
    if (!rt_check_nargs(vm, name, argc, 1, 1))
        return VNULL;
    Value i = rt_index(vm, argv[0]);
    return i ? rt_int_to_base(vm, i, base, true) : VNULL;
}

static Value bi_hex(VM *vm, int argc, Value *argv, Value kw) { return int_base(vm, argc, argv, "hex", 16); }
static Value bi_oct(VM *vm, int argc, Value *argv, Value kw) { return int_base(vm, argc, argv, "oct", 8); }
static Value bi_bin(VM *vm, int argc, Value *argv, Value kw) { return int_base(vm, argc, argv, "bin", 2); }

static Value bi_format(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_check_positional(vm, "format", argc, 1, 2))
        return VNULL;
    Value spec;
    if (argc > 1) {
        spec = argv[1];
        if (!v_is_str(spec))
            return rt_raise(vm, &rt_exc_TypeError, "format() argument 2 must be str, not %s",
                            rt_type_name(spec));
    } else {
        spec = rt_str_new(vm, "", 0);
        if (!spec)
            return VNULL;
    }
    return rt_format(vm, argv[0], spec);
}

/* ---- isinstance & attributes ----------------------------------------------------- */


static Value bi_isinstance(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_check_positional(vm, "isinstance", argc, 2, 2))
        return VNULL;
    int r = rt_isinstance(vm, argv[0], argv[1]);
    return r < 0 ? VNULL : rt_bool(r);
}

static Value bi_issubclass(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_check_positional(vm, "issubclass", argc, 2, 2))
        return VNULL;
    int r = rt_issubclass(vm, argv[0], argv[1]);
    return r < 0 ? VNULL : rt_bool(r);
}

static bool attr_name(VM *vm, Value name)
{
    if (v_is_str(name))
        return true;
    rt_raise(vm, &rt_exc_TypeError, "attribute name must be string, not '%s'",
             rt_type_name(name));
    return false;
}

static Value bi_getattr(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_check_positional(vm, "getattr", argc, 2, 3) || !attr_name(vm, argv[1]))
        return VNULL;
    Value r = rt_getattr(vm, argv[0], argv[1]);
    if (!r && argc == 3 && rt_exc_clear_if(vm, &rt_exc_AttributeError))
        return argv[2];
    return r;
}

static Value bi_hasattr(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_check_positional(vm, "hasattr", argc, 2, 2) || !attr_name(vm, argv[1]))
        return VNULL;
    Value r = rt_getattr(vm, argv[0], argv[1]);
    if (r)
        return rt_True;
    return rt_exc_clear_if(vm, &rt_exc_AttributeError) ? rt_False : VNULL;
}

static Value bi_setattr(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_check_positional(vm, "setattr", argc, 3, 3) || !attr_name(vm, argv[1]))
        return VNULL;
    return rt_setattr(vm, argv[0], argv[1], argv[2]) < 0 ? VNULL : rt_None;
}

static Value bi_delattr(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_check_positional(vm, "delattr", argc, 2, 2) || !attr_name(vm, argv[1]))
        return VNULL;
    return rt_delattr(vm, argv[0], argv[1]) < 0 ? VNULL : rt_None;
}

/* ---- min, max, sorted, sum -------------------------------------------------------- */

static Value minmax(VM *vm, int argc, Value *argv, Value kwnames, CmpOp op, const char *name)
{
    static const char *const names[] = {"key", "default", NULL};
    Value kw[2] = {rt_None, VNULL};
    if (kwnames && v_tuple(kwnames)->len > 2)
        return rt_raise(vm, &rt_exc_TypeError, "%s() takes at most 2 keyword arguments (%d given)", name,
                        (int)v_tuple(kwnames)->len);
    if (!mp_take_keywords(vm, name, argc, argv, kwnames, names, kw))
        return VNULL;
    if (argc == 0)
        return rt_raise(vm, &rt_exc_TypeError, "%s expected at least 1 argument, got 0", name);
    if (argc > 1 && kw[1])
        return rt_raise(vm, &rt_exc_TypeError,
                        "Cannot specify a default for %s() with multiple positional arguments",
                        name);
    Value key = kw[0] == rt_None ? VNULL : kw[0];
    Value it = VNULL;
    if (argc == 1 && !(it = rt_iter(vm, argv[0])))
        return VNULL;
    Value best = VNULL, bestkey = VNULL;
    for (int i = 0;; i++) {
        Value item;
        if (it) {
            item = rt_next(vm, it);
            if (!item) {
                if (vm->exc)
                    return VNULL;
                break;
            }
        } else {
            if (i >= argc)
                break;
            item = argv[i];
        }
        Value k = key ? rt_call1(vm, key, item) : item;
        if (!k)
            return VNULL;
        if (!best) {
            best = item;
            bestkey = k;
            continue;
        }
        int c = rt_compare_bool(vm, k, bestkey, op);
        if (c < 0)
            return VNULL;
        if (c) {
            best = item;
            bestkey = k;
        }
    }
    if (!best) {
        if (kw[1])
            return kw[1];
        return rt_raise(vm, &rt_exc_ValueError, "%s() arg is an empty sequence", name);
    }
    return best;
}

static Value bi_min(VM *vm, int argc, Value *argv, Value kw) { return minmax(vm, argc, argv, kw, CMP_LT, "min"); }
static Value bi_max(VM *vm, int argc, Value *argv, Value kw) { return minmax(vm, argc, argv, kw, CMP_GT, "max"); }

static Value bi_sorted(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!mp_check_positional(vm, "sorted", argc, 1, 1))
        return VNULL;
    static const char *const names[] = {"key", "reverse", NULL};
    Value kw[2] = {rt_None, rt_False};
    if (!mp_take_keywords(vm, "sort", argc, argv, kwnames, names, kw))
        return VNULL;
    Value list = rt_list_from_iter(vm, argv[0]);
    if (!list)
        return VNULL;
    int rev = rt_truthy(vm, kw[1]);
    if (rev < 0)
        return VNULL;
    if (!rt_list_sort(vm, list, kw[0], rev != 0))
        return VNULL;
    return list;
}

static Value bi_sum(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"iterable", "start", NULL};
    Value a[2];
    if (argc == 0)
        return rt_raise(vm, &rt_exc_TypeError, "sum() takes at least 1 positional argument (0 given)");
    if (!rt_parse_args(vm, "sum", argc, argv, kwnames, names, 1, 1, a))
        return VNULL;
    Value acc = a[1] ? a[1] : v_from_small(0);
    if (v_is_str(acc))
        return rt_raise(vm, &rt_exc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    if (v_is(acc, &rt_bytes_type))
        return rt_raise(vm, &rt_exc_TypeError, "sum() can't sum bytes [use b''.join(seq) instead]");
    if (rt_is_bytearray(acc))
        return rt_raise(vm, &rt_exc_TypeError, "sum() can't sum bytearray [use b''.join(seq) instead]");
    Value it = rt_iter(vm, a[0]);
    if (!it)
        return VNULL;
    /* Fast paths as CPython's: exact small ints, then floats; anything else
     * falls back to `+` and may re-enter a fast path on its result. */
    enum { M_INT, M_FLOAT, M_ANY } mode = v_is_small(acc) ? M_INT : v_is(acc, &rt_float_type) ? M_FLOAT : M_ANY;
    int64_t i = mode == M_INT ? v_small(acc) : 0;
    double d = mode == M_FLOAT ? v_f(acc) : 0.0;
    for (;;) {
        Value item = rt_next(vm, it);
        if (!item) {
            if (vm->exc)
                return VNULL;
            break;
        }
        if (mode == M_INT && v_is_small(item)) {
            int64_t t;
            if (!__builtin_add_overflow(i, v_small(item), &t) && small_fits(t)) {
                i = t;
                continue;
            }
        } else if (mode == M_FLOAT) {
            if (v_is(item, &rt_float_type)) {
                d += v_f(item);
                continue;
            }
            if (v_is_small(item)) {
                d += (double)v_small(item);
                continue;
            }
        }
        if (mode == M_INT)
            acc = v_from_small(i);
        else if (mode == M_FLOAT && !(acc = rt_float_new(vm, d)))
            return VNULL;
        if (!(acc = rt_binary_op(vm, BIN_ADD, acc, item)))
            return VNULL;
        if (v_is_small(acc))
            mode = M_INT, i = v_small(acc);
        else if (v_is(acc, &rt_float_type))
            mode = M_FLOAT, d = v_f(acc);
        else
            mode = M_ANY;
    }
    if (mode == M_INT)
        return v_from_small(i);
    if (mode == M_FLOAT)
        return rt_float_new(vm, d);
    return acc;
}

/* ---- numbers: round, divmod, pow ------------------------------------------------------ */

static Value int_op(VM *vm, BinOp op, Value a, Value b) { return rt_int_binop(vm, op, a, b); }

/* round(int, ndigits) with ndigits < 0: round half to even at 10**-ndigits. */
static Value round_int(VM *vm, Value x, int64_t nd)
{
    if (nd >= 0)
        return x;
    if (nd < -400) /* 10**400 exceeds any int we would round sensibly; still exact */
        nd = nd < -100000 ? -100000 : nd;
    Value p = int_op(vm, BIN_POW, v_from_small(10), v_from_small(-nd));
    if (!p)
        return VNULL;
    Value q = int_op(vm, BIN_FLOORDIV, x, p), r = q ? int_op(vm, BIN_MOD, x, p) : VNULL;
    if (!r)
        return VNULL;
    Value twice = int_op(vm, BIN_MUL, r, v_from_small(2));
    if (!twice)
        return VNULL;
    int c = rt_int_cmp(twice, p);
    bool odd = false;
    if (c == 0) {
        Value m = int_op(vm, BIN_AND, q, v_from_small(1));
        if (!m)
            return VNULL;
        odd = m != v_from_small(0);
    }
    if (c > 0 || (c == 0 && odd))
        if (!(q = int_op(vm, BIN_ADD, q, v_from_small(1))))
            return VNULL;
    return int_op(vm, BIN_MUL, q, p);
}

static Value bi_round(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"number", "ndigits", NULL};
    Value a[2];
    if (!rt_parse_args(vm, "round", argc, argv, kwnames, names, 0, 1, a))
        return VNULL;
    Value x = a[0], nd = a[1] && a[1] != rt_None ? a[1] : VNULL;
    if (v_is(x, &rt_float_type))
        return rt_round(vm, x, nd ? nd : rt_None);
    if (v_is_small(x) || v_is(x, &rt_int_type) || v_is(x, &rt_bool_type)) {
        if (v_is(x, &rt_bool_type))
            x = v_from_small(x == rt_True);
        if (!nd)
            return x;
        Value n = rt_index(vm, nd);
        int64_t k;
        if (!n)
            return VNULL;
        if (!v_is_small(n))
            return rt_int_sign(n) > 0 ? x : v_from_small(0);
        k = v_small(n);
        return round_int(vm, x, k);
    }
    bool found;
    Value r = call_special(vm, x, vm->names.__round__, nd ? 1 : 0, &nd, &found);
    if (!found)
        return rt_raise(vm, &rt_exc_TypeError, "type %s doesn't define __round__ method",
                        rt_type_name(x));
    return r;
}

static bool is_number(Value v) { return rt_is_int(v) || v_is(v, &rt_float_type); }

static Value bi_divmod(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_check_positional(vm, "divmod", argc, 2, 2))
        return VNULL;
    Value a = argv[0], b = argv[1];
    if (is_number(a) && is_number(b)) {
        if (v_is(a, &rt_float_type) || v_is(b, &rt_float_type)) {
            double db;
            if (!rt_to_double(vm, b, &db))
                return VNULL;
            if (db == 0.0)
                return rt_raise(vm, &rt_exc_ZeroDivisionError, "float divmod()");
        }
        Value q = rt_binary_op(vm, BIN_FLOORDIV, a, b);
        Value r = q ? rt_binary_op(vm, BIN_MOD, a, b) : VNULL;
        return r ? rt_tuple_pack(vm, 2, q, r) : VNULL;
    }
    static const char *const fwd = "__divmod__", *const rev = "__rdivmod__";
    bool found;
    Value r = call_special(vm, a, rt_str_intern_cstr(vm, fwd), 1, &b, &found);
    if (found && (!r || r != rt_NotImplemented))
        return r;
    if (v_type(b) != v_type(a)) {
        r = call_special(vm, b, rt_str_intern_cstr(vm, rev), 1, &a, &found);
        if (found && (!r || r != rt_NotImplemented))
            return r;
    }
    return rt_raise(vm, &rt_exc_TypeError,
                    "unsupported operand type(s) for divmod(): '%s' and '%s'", rt_type_name(a),
                    rt_type_name(b));
}

/* Modular inverse by the extended Euclidean algorithm; VNULL + ValueError if none. */
static Value mod_inverse(VM *vm, Value a, Value m)
{
    Value r0 = m, r1 = a, t0 = v_from_small(0), t1 = v_from_small(1);
    while (r1 != v_from_small(0)) {
        Value q = int_op(vm, BIN_FLOORDIV, r0, r1);
        if (!q)
            return VNULL;
        Value qr = int_op(vm, BIN_MUL, q, r1), qt = qr ? int_op(vm, BIN_MUL, q, t1) : VNULL;
        if (!qt)
            return VNULL;
        Value r2 = int_op(vm, BIN_SUB, r0, qr), t2 = r2 ? int_op(vm, BIN_SUB, t0, qt) : VNULL;
        if (!t2)
            return VNULL;
        r0 = r1, r1 = r2, t0 = t1, t1 = t2;
    }
    if (r0 != v_from_small(1))
        return rt_raise(vm, &rt_exc_ValueError, "base is not invertible for the given modulus");
    return int_op(vm, BIN_MOD, t0, m);
}

static Value pow_mod(VM *vm, Value base, Value exp, Value mod)
{
    if (rt_int_sign(mod) == 0)
        return rt_raise(vm, &rt_exc_ValueError, "pow() 3rd argument cannot be 0");
    bool neg = rt_int_sign(mod) < 0;
    Value m = neg ? rt_int_neg(vm, mod) : mod;
    if (!m || !(base = int_op(vm, BIN_MOD, base, m)))
        return VNULL;
    if (rt_int_sign(exp) < 0) {
        if (!(base = mod_inverse(vm, base, m)) || !(exp = rt_int_neg(vm, exp)))
            return VNULL;
    }
    Value result;
    if (v_is_small(base) && v_is_small(exp) && v_is_small(m)) {
        unsigned __int128 r = 1 % (uint64_t)v_small(m), b = (uint64_t)v_small(base);
        uint64_t e = (uint64_t)v_small(exp), mm = (uint64_t)v_small(m);
        while (e) {
            if (e & 1)
                r = r * b % mm;
            b = b * b % mm;
            e >>= 1;
        }
        result = v_from_small((int64_t)r);
    } else {
        result = int_op(vm, BIN_MOD, v_from_small(1), m);
        while (result && rt_int_sign(exp) > 0) {
            Value bit = int_op(vm, BIN_AND, exp, v_from_small(1));
            if (!bit)
                return VNULL;
            if (bit == v_from_small(1)) {
                Value t = int_op(vm, BIN_MUL, result, base);
                if (!t || !(result = int_op(vm, BIN_MOD, t, m)))
                    return VNULL;
            }
            Value sq = int_op(vm, BIN_MUL, base, base);
            if (!sq || !(base = int_op(vm, BIN_MOD, sq, m)) ||
                !(exp = int_op(vm, BIN_RSHIFT, exp, v_from_small(1))))
                return VNULL;
        }
        if (!result)
            return VNULL;
    }
    /* Python's sign convention: the result has the modulus's sign. */
    if (neg && rt_int_sign(result) != 0)
        result = int_op(vm, BIN_ADD, result, mod);
    return result;
}

static Value bi_pow(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"base", "exp", "mod", NULL};
    Value a[3];
    if (!rt_parse_args(vm, "pow", argc, argv, kwnames, names, 0, 2, a))
        return VNULL;
    if (!a[2] || a[2] == rt_None)
        return rt_binary_op(vm, BIN_POW, a[0], a[1]);
    if (!rt_is_int(a[0]) || !rt_is_int(a[1]) || !rt_is_int(a[2])) {
        /* three-argument pow() of a class instance calls its __pow__(exp, mod); never __rpow__ */
        if (v_type(a[0])->flags & TF_CLASS) {
            Value m = rt_lookup_type_attr(v_type(a[0]), rt_str_intern_cstr(vm, "__pow__"));
            if (m) {
                Value r = rt_call_with_self(vm, m, a[0], 2, a + 1, VNULL);
                if (r != rt_NotImplemented)
                    return r;
            }
        }
        if ((rt_is_complex(a[0]) || rt_is_complex(a[1])) && (is_number(a[0]) || rt_is_complex(a[0])) &&
            (is_number(a[1]) || rt_is_complex(a[1])))
            return rt_raise(vm, &rt_exc_ValueError, "complex modulo");
        if (is_number(a[0]) && is_number(a[1]) && is_number(a[2]))
            return rt_raise(vm, &rt_exc_TypeError,
                            "pow() 3rd argument not allowed unless all arguments are integers");
        return rt_raise(vm, &rt_exc_TypeError,
                        "unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'",
                        rt_type_name(a[0]), rt_type_name(a[1]), rt_type_name(a[2]));
    }
    Value b = rt_index(vm, a[0]), e = b ? rt_index(vm, a[1]) : VNULL,
          m = e ? rt_index(vm, a[2]) : VNULL;
    return m ? pow_mod(vm, b, e, m) : VNULL;
}

/* ---- iter / next ------------------------------------------------------------------- */

static Value bi_next(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_check_positional(vm, "next", argc, 1, 2))
        return VNULL;
    Value it = argv[0];
    if (v_is(it, &vm_generator_type)) {
        Value ret = VNULL;
        Value r = vm_gen_send(vm, it, rt_None, &ret);
        if (r || vm->exc)
            return r;
        if (argc > 1)
            return argv[1];
        Value args = ret && ret != rt_None ? rt_tuple_pack(vm, 1, ret) : rt_empty_tuple;
        if (!args)
            return VNULL;
        Value e = rt_exc_new(vm, &rt_exc_StopIteration, args);
        vm_gen_release_result(it);
        return e ? rt_raise_value(vm, e) : VNULL;
    }
    if (!v_type(it)->next)
        return rt_raise(vm, &rt_exc_TypeError, "'%s' object is not an iterator",
                        rt_type_name(it));
    Value r = rt_next(vm, it);
    if (r || vm->exc) {
        if (!r && argc > 1 && rt_exc_clear_if(vm, &rt_exc_StopIteration))
            return argv[1];
        return r;
    }
    if (argc > 1)
        return argv[1];
    return rt_raise_value(vm, v_from(&rt_exc_StopIteration));
}

/* ---- the module -------------------------------------------------------------------- */

static const NativeDef builtin_defs[] = {
    {"print", bi_print, NF_KEYWORDS},
    {"len", bi_len, 0},
    {"abs", bi_abs, 0},
    {"any", bi_any, 0},
    {"all", bi_all, 0},
    {"hash", bi_hash, 0},
    {"id", bi_id, 0},
    {"repr", bi_repr, 0},
    {"ascii", bi_ascii, 0},
    {"callable", bi_callable, 0},
    {"chr", bi_chr, 0},
    {"ord", bi_ord, 0},
    {"hex", bi_hex, 0},
    {"oct", bi_oct, 0},
    {"bin", bi_bin, 0},
    {"format", bi_format, 0},
    {"isinstance", bi_isinstance, 0},
    {"issubclass", bi_issubclass, 0},
    {"getattr", bi_getattr, 0},
    {"hasattr", bi_hasattr, 0},
    {"setattr", bi_setattr, 0},
    {"delattr", bi_delattr, 0},
    {"min", bi_min, NF_KEYWORDS},
    {"max", bi_max, NF_KEYWORDS},
    {"sorted", bi_sorted, NF_KEYWORDS},
    {"sum", bi_sum, NF_KEYWORDS},
    {"round", bi_round, NF_KEYWORDS},
    {"divmod", bi_divmod, 0},
    {"pow", bi_pow, NF_KEYWORDS},
    {"next", bi_next, 0},
    {NULL, NULL, 0},
};

bool mp_builtins_init(VM *vm)
{
    Value name = rt_str_intern_cstr(vm, "builtins");
    Value mod = rt_module_new(vm, name);
    if (!mod)
        return false;
    Dict *d = ((Module *)v_obj(mod))->dict;
    vm->builtins_module = mod;
    vm->builtins = d;
    if (!vm->modules) {
        Value m = rt_dict_new(vm);
        if (!m)
            return false;
        vm->modules = v_dict(m);
    }
    if (!rt_dict_set(vm, vm->modules, name, mod))
        return false;
    if (!rt_dict_set_str(vm, d, vm->names.__name__, name) ||
        !rt_add_functions(vm, d, builtin_defs, name) || !mp_builtins_more_init(vm, d, name))
        return false;

    static const struct { const char *name; Type *type; } types[] = {
        {"int", &rt_int_type},         {"bool", &rt_bool_type},
        {"float", &rt_float_type},     {"str", &rt_str_type},
        {"bytes", &rt_bytes_type},     {"list", &rt_list_type},
        {"bytearray", &rt_bytearray_type}, {"complex", &rt_complex_type},
        {"memoryview", &rt_memoryview_type},
        {"tuple", &rt_tuple_type},     {"dict", &rt_dict_type},
        {"set", &rt_set_type},         {"frozenset", &rt_frozenset_type},
        {"object", &rt_object_type},   {"type", &rt_type_type},
        {"slice", &rt_slice_type},     {"super", &rt_super_type},
        {"property", &rt_property_type}, {"staticmethod", &rt_staticmethod_type},
        {"classmethod", &rt_classmethod_type}, {"range", &rt_range_type},
        {"enumerate", &rt_enumerate_type}, {"zip", &rt_zip_type}, {"map", &rt_map_type},
        {"filter", &rt_filter_type}, {"reversed", &rt_reversed_type},
    };
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (!rt_dict_set_cstr(vm, d, types[i].name, v_from(types[i].type)))
            return false;
#define X(n, base) \
    if (!rt_dict_set_cstr(vm, d, #n, v_from(&rt_exc_##n))) \
        return false;
    RT_EXCEPTIONS(X)
#undef X
    /* CPython's alias of OSError */
    if (!rt_dict_set_cstr(vm, d, "EnvironmentError", v_from(&rt_exc_OSError)) ||
        !rt_dict_set_cstr(vm, d, "IOError", v_from(&rt_exc_OSError)) ||
        !rt_dict_set_cstr(vm, d, "NotImplemented", rt_NotImplemented) ||
        !rt_dict_set_cstr(vm, d, "Ellipsis", rt_Ellipsis) ||
        !rt_dict_set_cstr(vm, d, "None", rt_None) ||
        !rt_dict_set_cstr(vm, d, "True", rt_True) ||
        !rt_dict_set_cstr(vm, d, "False", rt_False) ||
        !rt_dict_set_str(vm, d, vm->names.__debug__, rt_bool(vm->config.optimize == 0)))
        return false;
    return true;
}
