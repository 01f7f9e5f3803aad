/* compiler/fold.c — constant folding (applied as code is emitted, see
 * codegen.c) and the identity of constants for deduplication.  Folding
 * follows CPython's ast_opt.c limits: no result bigger than 128 bits of int
 * or 4096 characters of str/bytes, and nothing that raises is folded (the
 * error then happens at run time, with its traceback). */
#include <string.h>
#include "compiler/cg.h"
#include "runtime/state.h"
#include "runtime/complex.h"

#define MAX_INT_BITS 128
#define MAX_STR_SIZE 4096

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

uint64_t cg_const_hash(Value v)
{
    uint64_t h;
    if (v_is_small(v)) {
        h = mix((uint64_t)v ^ 0x1111);
    } else {
        Type *t = v_type(v);
        if (t == &rt_str_type) {
            h = mix((uint64_t)rt_str_hash(v) ^ 0x2222);
        } else if (t == &rt_float_type) {
            double d = v_f(v);
            uint64_t bits;
            memcpy(&bits, &d, sizeof bits);
            h = mix(bits ^ 0x3333);
        } else if (t == &rt_complex_type) {
            double d[2] = {v_complex(v)->re, v_complex(v)->im};
            uint64_t bits[2];
            memcpy(bits, d, sizeof bits);
            h = mix(bits[0] ^ mix(bits[1]) ^ 0x7777);
        } else if (t == &rt_bytes_type) {
            const Bytes *b = (const Bytes *)v_obj(v);
            h = 1469598103934665603ull;
            for (size_t i = 0; i < b->len; i++)
                h = (h ^ b->data[i]) * 1099511628211ull;
            h = mix(h ^ 0x4444);
        } else if (t == &rt_int_type) {
            h = mix((uint64_t)rt_int_hash(v) ^ 0x5555);
        } else if (t == &rt_tuple_type) {
            const Tuple *tp = v_tuple(v);
            h = 0x6666 + tp->len;
            for (size_t i = 0; i < tp->len; i++) {
                uint64_t x = cg_const_hash(tp->items[i]);
                if (!x)
                    return 0;
                h = mix(h * 31 + x);
            }
        } else if (t == &rt_none_type || t == &rt_bool_type || t == &rt_ellipsis_type) {
            h = mix((uint64_t)v);
        } else {
            return 0; /* code objects and anything else: never shared */
        }
    }
    return h ? h : 1;
}

bool cg_const_equal(Value a, Value b)
{
    if (v_type(a) != v_type(b))
        return false;
    if (a == b)
        return true;
    if (v_is_small(a) || v_is_small(b))
        return false;
    Type *t = v_type(a);
    if (t == &rt_str_type)
        return rt_str_equal(a, b);
    if (t == &rt_float_type) {
        double x = v_f(a), y = v_f(b);
        return memcmp(&x, &y, sizeof x) == 0;
    }
    if (t == &rt_complex_type) {
        double x[2] = {v_complex(a)->re, v_complex(a)->im}, y[2] = {v_complex(b)->re, v_complex(b)->im};
        return memcmp(x, y, sizeof x) == 0;
    }
    if (t == &rt_bytes_type) {
        const Bytes *x = (const Bytes *)v_obj(a), *y = (const Bytes *)v_obj(b);
        return x->len == y->len && memcmp(x->data, y->data, x->len) == 0;
    }
    if (t == &rt_int_type)
        return rt_int_cmp(a, b) == 0;
    if (t == &rt_tuple_type) {
        const Tuple *x = v_tuple(a), *y = v_tuple(b);
        if (x->len != y->len)
            return false;
        for (size_t i = 0; i < x->len; i++)
            if (!cg_const_equal(x->items[i], y->items[i]))
                return false;
        return true;
    }
    return false;
}

static bool is_intlike(Value v)
{
    /* bools are left alone: True + 1 is rare and bool is not an int here. */
    return v_is_small(v) || v_type(v) == &rt_int_type;
}

static bool is_number(Value v)
{
    return is_intlike(v) || v_type(v) == &rt_float_type;
}

static size_t bits(Value v)
{
    return rt_int_bit_length(v);
}

static size_t str_len(Value v)
{
    if (v_type(v) == &rt_str_type)
        return v_str(v)->len;
    return ((const Bytes *)v_obj(v))->len;
}

static bool is_strlike(Value v)
{
    return !v_is_small(v) && (v_type(v) == &rt_str_type || v_type(v) == &rt_bytes_type);
}

bool cg_fold_binop(Compiler *c, int op, Value a, Value b, Value *out)
{
    VM *vm = c->vm;
    if (op == BIN_MATMUL)
        return false;
    if (is_number(a) && is_number(b)) {
        bool ints = is_intlike(a) && is_intlike(b);
        if (ints) {
            switch (op) {
            case BIN_POW:
                if (rt_int_sign(b) < 0)
                    break; /* a float result */
                if (bits(b) > 16 || (bits(a) > 1 && bits(a) * (size_t)v_small(b) > MAX_INT_BITS))
                    return false;
                break;
            case BIN_LSHIFT:
                if (rt_int_sign(b) < 0 || bits(b) > 16 || bits(a) + (size_t)v_small(b) > MAX_INT_BITS)
                    return false;
                break;
            case BIN_MUL:
                if (bits(a) + bits(b) > MAX_INT_BITS)
                    return false;
                break;
            default:
                break;
            }
        }
    } else if (is_strlike(a) || is_strlike(b)) {
        if (op == BIN_ADD) {
            if (!is_strlike(a) || !is_strlike(b) || v_type(a) != v_type(b) ||
                str_len(a) + str_len(b) > MAX_STR_SIZE)
                return false;
        } else if (op == BIN_MUL) {
            Value s = is_strlike(a) ? a : b, n = is_strlike(a) ? b : a;
            if (!v_is_small(n) || v_small(n) < 0 || is_strlike(n))
                return false;
            if (v_small(n) > MAX_STR_SIZE || str_len(s) * (size_t)v_small(n) > MAX_STR_SIZE)
                return false;
        } else {
            return false;
        }
    } else {
        return false;
    }
    Value r = rt_binary_op(vm, (BinOp)op, a, b);
    if (r == VNULL) {
        vm->exc = VNULL;
        return false;
    }
    *out = r;
    return true;
}

bool cg_fold_unary(Compiler *c, int op, Value a, Value *out)
{
    VM *vm = c->vm;
    if (op == UN_NOT) {
        uint64_t h = cg_const_hash(a);
        if (!h)
            return false;
        int t = rt_truthy(vm, a);
        if (t < 0) {
            vm->exc = VNULL;
            return false;
        }
        *out = rt_bool(!t);
        return true;
    }
    if (!is_number(a))
        return false;
    if (op == UN_INVERT && !is_intlike(a))
        return false;
    Value r = rt_unary_op(vm, (UnaryOp)op, a);
    if (r == VNULL) {
        vm->exc = VNULL;
        return false;
    }
    *out = r;
    return true;
}
