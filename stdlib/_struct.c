/* stdlib/_struct.c — the _struct module behind CPython's struct.py, after
 * Modules/_struct.c: format strings with byte order, size and alignment
 * prefixes (@ native with alignment, = < > ! standard sizes), every format
 * character (x c b B ? h H i I l L q Q n N e f d s p P), struct.error with
 * CPython's messages, the Struct type and iter_unpack's iterator.
 *
 * minipy has no writable buffer type yet (bytearray, memoryview), so
 * pack_into always reports that its buffer is not read-write. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stdlib/modsupport.h"
#include "stdlib/native.h"

static Value struct_error; /* the struct.error class */
static Value struct_native_init; /* Struct.__init__ as stored in the type's dict */

static Value raise_error(VM *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static Value raise_error(VM *vm, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    Value s = rt_str_from_cstr(vm, msg);
    Value e = s ? rt_call1(vm, struct_error, s) : VNULL;
    return e ? rt_raise_value(vm, e) : VNULL;
}

/* ---- format strings ------------------------------------------------------------------ */

typedef struct Item {
    char code;
    uint8_t size;    /* of one element */
    int64_t count;   /* repeat count (length for s/p) */
    int64_t offset;  /* of the first element */
} Item;

typedef struct Format {
    bool native;     /* '@': native sizes and alignment */
    bool little;
    int64_t size;    /* total bytes */
    int64_t nitems;  /* values packed/unpacked */
    size_t ncodes;
    Item *items;     /* malloc'd */
} Format;

/* Size of a code in this mode, 0 if the code is unknown there. */
static int code_size(char c, bool native)
{
    switch (c) {
    case 'x': case 'c': case 'b': case 'B': case '?': case 's': case 'p': return 1;
    case 'h': case 'H': case 'e': return 2;
    case 'i': case 'I': case 'f': return 4;
    case 'l': case 'L': return native ? (int)sizeof(long) : 4;
    case 'q': case 'Q': case 'd': return 8;
    case 'n': case 'N': return native ? (int)sizeof(size_t) : 0;
    case 'P': return native ? (int)sizeof(void *) : 0;
    default: return 0;
    }
}

static bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* Parse fmt (len bytes) into f; false with struct.error (CPython's prepare_s). */
static bool parse_format(VM *vm, const char *s, size_t len, Format *f)
{
    const char *end = s + len;
    memset(f, 0, sizeof *f);
    f->native = true;
    f->little = true; /* the host's order (x86-64, arm64) */
    if (memchr(s, '\0', len)) {
        raise_error(vm, "embedded null character");
        return false;
    }
    if (s < end && strchr("@=<>!", *s)) {
        f->native = *s == '@';
        f->little = *s == '@' || *s == '=' || *s == '<';
        s++;
    }
    size_t cap = 0;
    int64_t size = 0;
    while (s < end) {
        char c = *s++;
        if (is_space(c))
            continue;
        int64_t num = 1;
        if (c >= '0' && c <= '9') {
            num = c - '0';
            c = s < end ? *s++ : '\0';
            while (c >= '0' && c <= '9') {
                if (num > (INT64_MAX - (c - '0')) / 10)
                    goto overflow;
                num = num * 10 + (c - '0');
                c = s < end ? *s++ : '\0';
            }
            if (c == '\0') {
                raise_error(vm, "repeat count given without format specifier");
                goto fail;
            }
        }
        int isz = code_size(c, f->native);
        if (!isz) {
            raise_error(vm, "bad char in struct format");
            goto fail;
        }
        if (f->native && size > 0 && strchr("hHiIlLqQnNPefd", c))
            size += (isz - 1) - (size - 1) % isz; /* align to the item's own size */
        if (c == 's' || c == 'p')
            f->nitems++;
        else if (c != 'x')
            f->nitems += num;
        if (num > (INT64_MAX - size) / isz)
            goto overflow;
        if (f->ncodes == cap) {
            cap = cap ? cap * 2 : 8;
            Item *n = realloc(f->items, cap * sizeof(Item));
            if (!n) {
                rt_no_memory(vm);
                goto fail;
            }
            f->items = n;
        }
        f->items[f->ncodes++] = (Item){c, (uint8_t)isz, num, size};
        size += num * isz;
    }
    f->size = size;
    return true;
overflow:
    raise_error(vm, "total struct size too long");
fail:
    free(f->items);
    f->items = NULL;
    return false;
}

/* ---- packing one value --------------------------------------------------------------- */

static void put_uint(uint8_t *p, uint64_t x, int n, bool little)
{
    for (int i = 0; i < n; i++)
        p[little ? i : n - 1 - i] = (uint8_t)(x >> (8 * i));
}

static uint64_t get_uint(const uint8_t *p, int n, bool little)
{
    uint64_t x = 0;
    for (int i = 0; i < n; i++)
        x |= (uint64_t)p[little ? i : n - 1 - i] << (8 * i);
    return x;
}

/* The int behind v (int or __index__), or struct.error. */
static Value get_pylong(VM *vm, Value v)
{
    if (rt_is_int(v))
        return v;
    if (rt_lookup_type_attr(v_type(v), vm->names.__index__))
        return rt_index(vm, v);
    return raise_error(vm, "required argument is not an integer");
}

/* The 8-byte big-endian codes and 'P' convert through a byte array in
 * CPython, which words the overflow differently. */
static bool out_of_range(VM *vm, const Item *it, bool little)
{
    bool bytearray = it->code == 'P' || (!little && (it->code == 'q' || it->code == 'Q'));
    raise_error(vm, bytearray ? "int too large to convert" : "argument out of range");
    return false;
}

/* A non-negative int below 2**64 as uint64 (big ints by their two halves). */
static bool int_to_u64(VM *vm, Value n, uint64_t *out)
{
    if (v_is_small(n) || n == rt_True || n == rt_False) {
        *out = n == rt_True ? 1 : n == rt_False ? 0 : (uint64_t)v_small(n);
        return true;
    }
    Value hi = rt_int_binop(vm, BIN_RSHIFT, n, v_from_small(32));
    Value lo = rt_int_binop(vm, BIN_AND, n, rt_int_from_i64(vm, 0xffffffff));
    if (!hi || !lo)
        return false;
    *out = (uint64_t)v_small(hi) << 32 | (uint64_t)v_small(lo);
    return true;
}

/* n as a C long long, or false ("argument out of range" follows). */
static bool int_to_i64(VM *vm, Value n, int64_t *out, bool *fits)
{
    uint64_t u;
    *fits = false;
    bool neg = rt_int_sign(n) < 0;
    if (neg && !(n = rt_int_neg(vm, n)))
        return false;
    if (rt_int_bit_length(n) > 64)
        return true;
    if (!int_to_u64(vm, n, &u))
        return false;
    if (u > (uint64_t)INT64_MAX + neg)
        return true;
    *out = neg ? (int64_t)(0 - u) : (int64_t)u;
    *fits = true;
    return true;
}

static bool pack_int(VM *vm, uint8_t *p, const Item *it, Value v, bool little)
{
    Value n = get_pylong(vm, v);
    if (!n)
        return false;
    char c = it->code;
    int size = it->size;
    bool is_unsigned = strchr("ILQNP", c) != NULL, fits;
    int64_t x = 0;
    if (is_unsigned) {
        uint64_t u = 0;
        if (rt_int_sign(n) < 0) {
            /* Only a pointer may be given as a negative number. */
            if (c != 'P')
                return out_of_range(vm, it, little);
            if (!int_to_i64(vm, n, &x, &fits))
                return false;
            if (!fits)
                return out_of_range(vm, it, little);
            u = (uint64_t)x;
        } else if (rt_int_bit_length(n) > 64) {
            return out_of_range(vm, it, little);
        } else if (!int_to_u64(vm, n, &u)) {
            return false;
        }
        if (size < 8 && u >> (8 * size)) {
            raise_error(vm, "'%c' format requires 0 <= number <= %llu", c,
                        (unsigned long long)((1ULL << (8 * size)) - 1));
            return false;
        }
        put_uint(p, u, size, little);
        return true;
    }
    if (!int_to_i64(vm, n, &x, &fits))
        return false;
    if (!fits)
        return out_of_range(vm, it, little);
    int64_t lim = size < 8 ? (int64_t)1 << (8 * size - 1) : 0;
    bool bad = size < 8 && (c == 'B' || c == 'H' ? (x < 0 || x >= 2 * lim) : (x < -lim || x >= lim));
    if (bad) {
        switch (c) {
        case 'b': raise_error(vm, "byte format requires -128 <= number <= 127"); break;
        case 'B': raise_error(vm, "ubyte format requires 0 <= number <= 255"); break;
        case 'h': raise_error(vm, "short format requires -32768 <= number <= 32767"); break;
        case 'H': raise_error(vm, "ushort format requires 0 <= number <= 65535"); break;
        default:
            raise_error(vm, "'%c' format requires %lld <= number <= %lld", c, (long long)-lim,
                        (long long)(lim - 1));
        }
        return false;
    }
    put_uint(p, (uint64_t)x, size, little);
    return true;
}

static bool get_double(VM *vm, Value v, double *out)
{
    if (rt_is_float(v) || rt_is_int(v) || rt_lookup_type_attr(v_type(v), vm->names.__float__) ||
        rt_lookup_type_attr(v_type(v), vm->names.__index__)) {
        if (rt_is_float(v) || rt_is_int(v))
            return rt_to_double(vm, v, out);
        Value f = rt_call1(vm, v_from(&rt_float_type), v);
        return f && rt_to_double(vm, f, out);
    }
    raise_error(vm, "required argument is not a float");
    return false;
}

/* IEEE 754 binary16, rounding half to even (CPython's PyFloat_Pack2). */
static bool pack_half(VM *vm, double x, uint16_t *out)
{
    int sign, e;
    unsigned bits;
    if (x == 0.0) {
        sign = signbit(x) != 0;
        e = 0;
        bits = 0;
    } else if (isinf(x)) {
        sign = x < 0.0;
        e = 0x1f;
        bits = 0;
    } else if (isnan(x)) {
        sign = signbit(x) != 0;
        e = 0x1f;
        bits = 512;
    } else {
        sign = x < 0.0;
        if (sign)
            x = -x;
        double f = frexp(x, &e);
        f *= 2.0;
        e--;
        if (e >= 16)
            goto overflow;
        if (e < -25) {
            f = 0.0;
            e = 0;
        } else if (e < -14) {
            f = ldexp(f, 14 + e);
            e = 0;
        } else {
            e += 15;
            f -= 1.0;
        }
        f *= 1024.0;
        bits = (unsigned)f;
        if ((f - bits > 0.5) || ((f - bits == 0.5) && (bits % 2 == 1))) {
            if (++bits == 1024) {
                bits = 0;
                if (++e == 31)
                    goto overflow;
            }
        }
    }
    *out = (uint16_t)(bits | ((unsigned)e << 10) | ((unsigned)sign << 15));
    return true;
overflow:
    rt_raise(vm, &rt_exc_OverflowError, "float too large to pack with e format");
    return false;
}

static double unpack_half(uint16_t h)
{
    int sign = h >> 15, e = (h >> 10) & 0x1f;
    unsigned f = h & 0x3ff;
    if (e == 0x1f)
        return f == 0 ? (sign ? -INFINITY : INFINITY) : (sign ? -NAN : NAN);
    double x = (double)f / 1024.0;
    if (e == 0)
        e = -14;
    else {
        x += 1.0;
        e -= 15;
    }
    x = ldexp(x, e);
    return sign ? -x : x;
}

static bool pack_bytes_arg(VM *vm, const Item *it, Value v, const Bytes **out)
{
    if (!rt_isinstance_type(v, &rt_bytes_type)) {
        raise_error(vm, "argument for '%c' must be a bytes object", it->code);
        return false;
    }
    *out = (const Bytes *)v_obj(v);
    return true;
}

/* Pack the values of one item at p. */
static bool pack_item(VM *vm, uint8_t *p, const Item *it, const Value *vals, bool little,
                      bool native)
{
    if (it->code == 's' || it->code == 'p') {
        const Bytes *b;
        if (!pack_bytes_arg(vm, it, vals[0], &b))
            return false;
        int64_t n = (int64_t)b->len, room = it->code == 's' ? it->count : it->count - 1;
        if (room < 0)
            return true; /* '0p' writes nothing */
        if (n > room)
            n = room;
        memcpy(p + (it->code == 'p'), b->data, (size_t)n);
        if (it->code == 'p')
            p[0] = (uint8_t)(n > 255 ? 255 : n);
        return true;
    }
    for (int64_t k = 0; k < it->count; k++, p += it->size) {
        Value v = vals[k];
        switch (it->code) {
        case 'c':
            if (!rt_isinstance_type(v, &rt_bytes_type) || ((Bytes *)v_obj(v))->len != 1) {
                raise_error(vm, "char format requires a bytes object of length 1");
                return false;
            }
            p[0] = ((Bytes *)v_obj(v))->data[0];
            break;
        case '?': {
            int t = rt_truthy(vm, v);
            if (t < 0)
                return false;
            p[0] = (uint8_t)t;
            break;
        }
        case 'e': case 'f': case 'd': {
            double x;
            if (!get_double(vm, v, &x))
                return false;
            if (it->code == 'e') {
                uint16_t h;
                if (!pack_half(vm, x, &h))
                    return false;
                put_uint(p, h, 2, little);
            } else if (it->code == 'f') {
                float y = (float)x;
                /* Native 'f' is a plain C cast; the standard one checks. */
                if (isinf(y) && !isinf(x) && !native) {
                    rt_raise(vm, &rt_exc_OverflowError, "float too large to pack with f format");
                    return false;
                }
                uint32_t u;
                memcpy(&u, &y, 4);
                put_uint(p, u, 4, little);
            } else {
                uint64_t u;
                memcpy(&u, &x, 8);
                put_uint(p, u, 8, little);
            }
            break;
        }
        default:
            if (!pack_int(vm, p, it, v, little))
                return false;
        }
    }
    return true;
}

/* Pack nvals values by f into a new bytes object. */
static Value pack_values(VM *vm, const Format *f, int nvals, const Value *vals)
{
    if (nvals != f->nitems)
        return raise_error(vm, "pack expected %lld items for packing (got %d)",
                           (long long)f->nitems, nvals);
    uint8_t *buf = calloc((size_t)f->size + 1, 1);
    if (!buf)
        return rt_no_memory(vm);
    const Value *v = vals;
    for (size_t i = 0; i < f->ncodes; i++) {
        const Item *it = &f->items[i];
        if (it->code == 'x')
            continue;
        if (!pack_item(vm, buf + it->offset, it, v, f->little, f->native)) {
            free(buf);
            return VNULL;
        }
        v += it->code == 's' || it->code == 'p' ? 1 : it->count;
    }
    Value r = rt_bytes_new(vm, buf, (size_t)f->size);
    free(buf);
    return r;
}

/* ---- unpacking -------------------------------------------------------------------- */

static Value unpack_one(VM *vm, const Item *it, const uint8_t *p, bool little)
{
    char c = it->code;
    int size = it->size;
    switch (c) {
    case 'c': return rt_bytes_new(vm, p, 1);
    case '?': return rt_bool(p[0] != 0);
    case 'e': return rt_float_new(vm, unpack_half((uint16_t)get_uint(p, 2, little)));
    case 'f': {
        uint32_t u = (uint32_t)get_uint(p, 4, little);
        float y;
        memcpy(&y, &u, 4);
        return rt_float_new(vm, y);
    }
    case 'd': {
        uint64_t u = get_uint(p, 8, little);
        double x;
        memcpy(&x, &u, 8);
        return rt_float_new(vm, x);
    }
    case 'B': case 'H': case 'I': case 'L': case 'Q': case 'N': case 'P':
        return rt_int_from_u64(vm, get_uint(p, size, little));
    default: {
        uint64_t u = get_uint(p, size, little);
        if (size < 8 && (u >> (8 * size - 1)) & 1)
            u |= ~(uint64_t)0 << (8 * size); /* sign-extend */
        return rt_int_from_i64(vm, (int64_t)u);
    }
    }
}

static Value unpack_values(VM *vm, const Format *f, const uint8_t *data)
{
    Value r = rt_tuple_new(vm, (size_t)f->nitems);
    if (!r)
        return VNULL;
    size_t k = 0;
    for (size_t i = 0; i < f->ncodes; i++) {
        const Item *it = &f->items[i];
        const uint8_t *p = data + it->offset;
        Value v;
        if (it->code == 'x')
            continue;
        if (it->code == 's') {
            v = rt_bytes_new(vm, p, (size_t)it->count);
        } else if (it->code == 'p') {
            /* CPython 3.11 computes a length of -1 for '0p' and fails so. */
            if (it->count == 0)
                return rt_raise(vm, &rt_exc_SystemError,
                                "Negative size passed to PyBytes_FromStringAndSize");
            int64_t n = p[0];
            if (n >= it->count)
                n = it->count - 1;
            v = rt_bytes_new(vm, p + 1, (size_t)(n > 0 ? n : 0));
        } else {
            for (int64_t e = 0; e < it->count; e++, p += it->size) {
                Value x = unpack_one(vm, it, p, f->little);
                if (!x)
                    return VNULL;
                v_tuple(r)->items[k++] = x;
            }
            continue;
        }
        if (!v)
            return VNULL;
        v_tuple(r)->items[k++] = v;
    }
    return r;
}

/* ---- the Struct type ------------------------------------------------------------------ */

typedef struct Struct {
    Obj hdr;
    Value format; /* str */
    Format f;
} Struct;

static void struct_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((Struct *)o)->format); }

static void struct_finalize(VM *vm, Obj *o)
{
    free(((Struct *)o)->f.items);
    ((Struct *)o)->f.items = NULL;
}

static Type struct_type;

static inline Struct *ST(Value v) { return (Struct *)v_obj(v); }

static bool struct_set_format(VM *vm, Value self, Value fmt)
{
    Value s;
    if (v_is_str(fmt)) {
        s = fmt;
    } else if (rt_isinstance_type(fmt, &rt_bytes_type)) {
        s = rt_bytes_decode(vm, fmt, "ascii", "strict");
    } else {
        rt_raise(vm, &rt_exc_TypeError, "Struct() argument 1 must be a str or bytes object, not %s",
                 mp_type_short_name(fmt));
        return false;
    }
    Format f;
    if (!s || !parse_format(vm, v_cstr(s), v_str(s)->len, &f))
        return false;
    Struct *st = ST(self);
    free(st->f.items);
    st->f = f;
    st->format = s;
    return true;
}

static Value struct_init(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"format", NULL};
    Value fmt;
    if (!rt_parse_args(vm, "Struct", argc - 1, argv + 1, kwnames, names, 0, 1, &fmt))
        return VNULL;
    return struct_set_format(vm, argv[0], fmt) ? rt_None : VNULL;
}

static Value struct_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"format", NULL};
    Struct *st = rt_alloc(vm, type, type->instance_size);
    if (!st)
        return VNULL;
    st->format = vm->empty_str;
    Value self = v_from(st);
    /* A subclass with its own __init__ takes its arguments there. */
    if (type != &struct_type && rt_lookup_type_attr(type, vm->names.__init__) != struct_native_init)
        return self;
    Value fmt;
    if (!rt_parse_args(vm, "Struct", argc, argv, kwnames, names, 0, 1, &fmt) ||
        !struct_set_format(vm, self, fmt))
        return VNULL;
    return self;
}

/* A Struct for a format argument (str or bytes), as the module functions'
 * cache converter makes one. */
static Value struct_for(VM *vm, Value fmt)
{
    return struct_new(vm, &struct_type, 1, &fmt, VNULL);
}

static const Bytes *buffer_arg(VM *vm, Value v)
{
    if (!rt_isinstance_type(v, &rt_bytes_type)) {
        rt_raise(vm, &rt_exc_TypeError, "a bytes-like object is required, not '%s'",
                 rt_type_name(v));
        return NULL;
    }
    return (const Bytes *)v_obj(v);
}

static Value do_unpack(VM *vm, Value self, Value buffer)
{
    const Bytes *b = buffer_arg(vm, buffer);
    if (!b)
        return VNULL;
    if ((int64_t)b->len != ST(self)->f.size)
        return raise_error(vm, "unpack requires a buffer of %lld bytes", (long long)ST(self)->f.size);
    return unpack_values(vm, &ST(self)->f, b->data);
}

static Value do_unpack_from(VM *vm, Value self, Value buffer, Value offv)
{
    const Bytes *b = buffer_arg(vm, buffer);
    int64_t off = 0, len, size = ST(self)->f.size;
    if (!b || (offv && !mp_as_ssize(vm, offv, &off)))
        return VNULL;
    len = (int64_t)b->len;
    if (off < 0) {
        if (off + len < 0)
            return raise_error(vm, "offset %lld out of range for %lld-byte buffer", (long long)off,
                               (long long)len);
        off += len;
    }
    if (len - off < size)
        return raise_error(vm,
                           "unpack_from requires a buffer of at least %llu bytes for unpacking "
                           "%lld bytes at offset %lld (actual buffer size is %lld)",
                           (unsigned long long)(size + off), (long long)size, (long long)off,
                           (long long)len);
    return unpack_values(vm, &ST(self)->f, b->data + off);
}

static Value do_pack_into(VM *vm, Value self, Value buffer)
{
    return rt_raise(vm, &rt_exc_TypeError, "argument must be read-write bytes-like object, not %s",
                    rt_type_name(buffer));
}

/* iter_unpack's iterator. */
typedef struct UnpackIter {
    Obj hdr;
    Value st, buffer; /* buffer: VNULL once exhausted */
    int64_t index;
} UnpackIter;

static void unpackiter_trace(VM *vm, Obj *o)
{
    rt_gc_mark(vm, ((UnpackIter *)o)->st);
    rt_gc_mark(vm, ((UnpackIter *)o)->buffer);
}

static Value unpackiter_next(VM *vm, Value self)
{
    UnpackIter *it = (UnpackIter *)v_obj(self);
    if (!it->buffer)
        return VNULL;
    const Bytes *b = (const Bytes *)v_obj(it->buffer);
    Format *f = &ST(it->st)->f;
    if (it->index + f->size > (int64_t)b->len) {
        it->buffer = VNULL;
        return VNULL;
    }
    Value r = unpack_values(vm, f, b->data + it->index);
    it->index += f->size;
    return r;
}

static Value unpackiter_length_hint(VM *vm, int argc, Value *argv, Value kw)
{
    UnpackIter *it = (UnpackIter *)v_obj(argv[0]);
    if (!it->buffer)
        return v_from_small(0);
    int64_t left = (int64_t)((const Bytes *)v_obj(it->buffer))->len - it->index;
    return rt_int_from_i64(vm, left / ST(it->st)->f.size);
}

static Value iter_self(VM *vm, Value v) { return v; }

static Type unpackiter_type = {
    .name = "_struct.unpack_iterator", .instance_size = sizeof(UnpackIter),
    .trace = unpackiter_trace, .iter = iter_self, .next = unpackiter_next,
};

static Value do_iter_unpack(VM *vm, Value self, Value buffer)
{
    const Bytes *b = buffer_arg(vm, buffer);
    if (!b)
        return VNULL;
    int64_t size = ST(self)->f.size;
    if (size == 0)
        return raise_error(vm, "cannot iteratively unpack with a struct of length 0");
    if ((int64_t)b->len % size)
        return raise_error(vm, "iterative unpacking requires a buffer of a multiple of %lld bytes",
                           (long long)size);
    UnpackIter *it = rt_alloc(vm, &unpackiter_type, sizeof(UnpackIter));
    if (!it)
        return VNULL;
    it->st = self;
    it->buffer = buffer;
    return v_from(it);
}

/* Struct methods. */
static Value st_pack(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_no_kw(vm, "Struct.pack", kw))
        return VNULL;
    return pack_values(vm, &ST(argv[0])->f, argc - 1, argv + 1);
}

static Value st_unpack(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "Struct.unpack", argc - 1, 1, 1))
        return VNULL;
    return do_unpack(vm, argv[0], argv[1]);
}

static Value st_unpack_from(VM *vm, int argc, Value *argv, Value kw)
{
    static const char *const names[] = {"buffer", "offset", NULL};
    Value a[2];
    if (!rt_parse_args(vm, "unpack_from", argc - 1, argv + 1, kw, names, 0, 1, a))
        return VNULL;
    return do_unpack_from(vm, argv[0], a[0], a[1]);
}

static Value st_iter_unpack(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "Struct.iter_unpack", argc - 1, 1, 1))
        return VNULL;
    return do_iter_unpack(vm, argv[0], argv[1]);
}

static Value st_pack_into(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc - 1 < 2)
        return raise_error(vm, argc - 1 == 0 ? "pack_into expected buffer argument"
                                             : "pack_into expected offset argument");
    return do_pack_into(vm, argv[0], argv[1]);
}

static Value st_get_format(VM *vm, Value self) { return ST(self)->format; }
static Value st_get_size(VM *vm, Value self) { return rt_int_from_i64(vm, ST(self)->f.size); }

static const NativeDef struct_methods[] = {
    {"__init__", struct_init, NF_KEYWORDS},
    {"pack", st_pack, NF_KEYWORDS},
    {"unpack", st_unpack, 0},
    {"unpack_from", st_unpack_from, NF_KEYWORDS},
    {"iter_unpack", st_iter_unpack, 0},
    {"pack_into", st_pack_into, 0},
    {NULL, NULL, 0},
};

static const GetSetDef struct_getsets[] = {
    {"format", st_get_format, NULL},
    {"size", st_get_size, NULL},
    {NULL, NULL, NULL},
};

static const NativeDef unpackiter_methods[] = {
    {"__length_hint__", unpackiter_length_hint, 0},
    {NULL, NULL, 0},
};

static Type struct_type = {
    .name = "_struct.Struct", .instance_size = sizeof(Struct), .trace = struct_trace,
    .finalize = struct_finalize, .new = struct_new, .flags = TF_BASETYPE,
};

/* ---- module functions --------------------------------------------------------------- */

static Value mod_pack(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc < 1)
        return rt_raise(vm, &rt_exc_TypeError, "missing format argument");
    Value s = struct_for(vm, argv[0]);
    return s ? pack_values(vm, &ST(s)->f, argc - 1, argv + 1) : VNULL;
}

static Value mod_pack_into(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc < 1)
        return rt_raise(vm, &rt_exc_TypeError, "missing format argument");
    Value s = struct_for(vm, argv[0]);
    if (!s)
        return VNULL;
    if (argc < 3)
        return raise_error(vm, argc == 1 ? "pack_into expected buffer argument"
                                         : "pack_into expected offset argument");
    return do_pack_into(vm, s, argv[1]);
}

static Value mod_unpack(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_check_positional(vm, "unpack", argc, 2, 2))
        return VNULL;
    Value s = struct_for(vm, argv[0]);
    return s ? do_unpack(vm, s, argv[1]) : VNULL;
}

static Value mod_unpack_from(VM *vm, int argc, Value *argv, Value kw)
{
    static const char *const names[] = {"format", "buffer", "offset", NULL};
    Value a[3];
    if (!rt_parse_args(vm, "unpack_from", argc, argv, kw, names, 1, 2, a))
        return VNULL;
    Value s = struct_for(vm, a[0]);
    return s ? do_unpack_from(vm, s, a[1], a[2]) : VNULL;
}

static Value mod_iter_unpack(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_check_positional(vm, "iter_unpack", argc, 2, 2))
        return VNULL;
    Value s = struct_for(vm, argv[0]);
    return s ? do_iter_unpack(vm, s, argv[1]) : VNULL;
}

static Value mod_calcsize(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "_struct.calcsize", argc, 1, 1))
        return VNULL;
    Value s = struct_for(vm, argv[0]);
    return s ? rt_int_from_i64(vm, ST(s)->f.size) : VNULL;
}

static Value mod_clearcache(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "_struct._clearcache", argc, 0, 0))
        return VNULL;
    return rt_None; /* minipy keeps no cache of formats */
}

static const NativeDef struct_functions[] = {
    {"pack", mod_pack, 0},
    {"pack_into", mod_pack_into, 0},
    {"unpack", mod_unpack, 0},
    {"unpack_from", mod_unpack_from, NF_KEYWORDS},
    {"iter_unpack", mod_iter_unpack, 0},
    {"calcsize", mod_calcsize, 0},
    {"_clearcache", mod_clearcache, 0},
    {NULL, NULL, 0},
};

static bool make_error_class(VM *vm)
{
    Dict *ns = rt_dict_alloc(vm);
    Value bases = ns ? rt_tuple_pack(vm, 1, v_from(&rt_exc_Exception)) : VNULL;
    if (!bases || !rt_dict_set_str(vm, ns, vm->names.__module__, rt_str_intern_cstr(vm, "struct")))
        return false;
    Value cls = rt_class_new(vm, rt_str_intern_cstr(vm, "error"), bases, ns);
    if (!cls)
        return false;
    struct_error = cls;
    return true;
}

Value mp_struct_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_struct", &d);
    if (!m || !rt_add_functions(vm, d, struct_functions, rt_str_intern_cstr(vm, "_struct")) ||
        !mp_type_ready(vm, &struct_type, d) || !mp_type_ready(vm, &unpackiter_type, NULL))
        return VNULL;
    if (!struct_error) {
        rt_gc_add_root(vm, &struct_error);
        if (!make_error_class(vm) || !rt_add_methods(vm, &struct_type, struct_methods) ||
            !rt_add_getsets(vm, &struct_type, struct_getsets) ||
            !rt_add_methods(vm, &unpackiter_type, unpackiter_methods))
            return VNULL;
        rt_gc_add_root(vm, &struct_native_init);
        struct_native_init = rt_dict_get_str(struct_type.dict, vm->names.__init__);
    }
    if (!rt_dict_set_cstr(vm, d, "error", struct_error))
        return VNULL;
    return m;
}
