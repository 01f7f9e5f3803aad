/* stdlib/_random.c — the _random module behind CPython's random.py, after
 * Modules/_randommodule.c: the Mersenne Twister MT19937 (Matsumoto and
 * Nishimura's reference algorithm), seeded exactly as CPython seeds it —
 * an int by init_by_array over the 32-bit words of its absolute value,
 * least significant first; any other hashable by its hash; None from
 * os.urandom (time and pid as a fallback) — so the same seed gives the same
 * random(), getrandbits() and getstate() as CPython. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "stdlib/modsupport.h"
#include "stdlib/native.h"

#define MT_N 624
#define MT_M 397
#define MATRIX_A 0x9908b0dfU
#define UPPER_MASK 0x80000000U
#define LOWER_MASK 0x7fffffffU

typedef struct Random {
    Obj hdr;
    int index;
    uint32_t mt[MT_N];
} Random;

static Type random_type;
static Value random_native_init;

static inline Random *RND(Value v) { return (Random *)v_obj(v); }

/* ---- the generator ------------------------------------------------------------------- */

static uint32_t genrand_uint32(Random *r)
{
    static const uint32_t mag01[2] = {0x0U, MATRIX_A};
    uint32_t *mt = r->mt, y;
    if (r->index >= MT_N) {
        int kk;
        for (kk = 0; kk < MT_N - MT_M; kk++) {
            y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + MT_M] ^ (y >> 1) ^ mag01[y & 0x1U];
        }
        for (; kk < MT_N - 1; kk++) {
            y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + (MT_M - MT_N)] ^ (y >> 1) ^ mag01[y & 0x1U];
        }
        y = (mt[MT_N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[MT_N - 1] = mt[MT_M - 1] ^ (y >> 1) ^ mag01[y & 0x1U];
        r->index = 0;
    }
    y = mt[r->index++];
    y ^= (y >> 11);
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= (y >> 18);
    return y;
}

static void init_genrand(Random *r, uint32_t s)
{
    uint32_t *mt = r->mt;
    mt[0] = s;
    for (int i = 1; i < MT_N; i++)
        mt[i] = 1812433253U * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint32_t)i;
    r->index = MT_N;
}

static void init_by_array(Random *r, const uint32_t *key, size_t keylen)
{
    uint32_t *mt = r->mt;
    init_genrand(r, 19650218U);
    size_t i = 1, j = 0;
    for (size_t k = MT_N > keylen ? MT_N : keylen; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + key[j] + (uint32_t)j;
        i++;
        j++;
        if (i >= MT_N) {
            mt[0] = mt[MT_N - 1];
            i = 1;
        }
        if (j >= keylen)
            j = 0;
    }
    for (size_t k = MT_N - 1; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - (uint32_t)i;
        i++;
        if (i >= MT_N) {
            mt[0] = mt[MT_N - 1];
            i = 1;
        }
    }
    mt[0] = 0x80000000U; /* MSB is 1, assuring a non-zero initial array */
}

/* ---- seeding ------------------------------------------------------------------------- */

static void seed_from_entropy(Random *r)
{
    uint32_t key[MT_N];
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    size_t got = 0;
    if (fd >= 0) {
        while (got < sizeof key) {
            ssize_t n = read(fd, (char *)key + got, sizeof key - got);
            if (n <= 0)
                break;
            got += (size_t)n;
        }
        close(fd);
    }
    if (got == sizeof key) {
        init_by_array(r, key, MT_N);
        return;
    }
    /* CPython's random_seed_time_pid. */
    struct timeval tv;
    gettimeofday(&tv, NULL);
    uint64_t now = (uint64_t)tv.tv_sec * 1000000000u + (uint64_t)tv.tv_usec * 1000u;
    uint32_t k[5] = {(uint32_t)now, (uint32_t)(now >> 32), (uint32_t)getpid(), 0, 0};
    uint64_t mono = (uint64_t)clock();
    k[3] = (uint32_t)mono;
    k[4] = (uint32_t)(mono >> 32);
    init_by_array(r, k, 5);
}

/* The 32-bit words of a non-negative int n, least significant first, in a
 * malloc'd array (*nwords >= 1). */
static uint32_t *int_words(VM *vm, Value n, size_t *nwords)
{
    size_t bits = rt_int_bit_length(n);
    size_t words = bits == 0 ? 1 : (bits - 1) / 32 + 1;
    uint32_t *key = calloc(words, sizeof(uint32_t));
    if (!key) {
        rt_no_memory(vm);
        return NULL;
    }
    *nwords = words;
    if (v_is_small(n)) {
        uint64_t u = (uint64_t)v_small(n);
        key[0] = (uint32_t)u;
        if (words > 1)
            key[1] = (uint32_t)(u >> 32);
        return key;
    }
    Value args[2] = {rt_int_from_i64(vm, (int64_t)(words * 4)), rt_str_intern_cstr(vm, "little")};
    Value b = rt_call_method(vm, n, "to_bytes", 2, args);
    if (!b) {
        free(key);
        return NULL;
    }
    const uint8_t *p = ((Bytes *)v_obj(b))->data;
    for (size_t i = 0; i < words; i++)
        key[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 | (uint32_t)p[4 * i + 2] << 16 |
                 (uint32_t)p[4 * i + 3] << 24;
    return key;
}

static bool random_seed(VM *vm, Value self, Value arg)
{
    Random *r = RND(self);
    if (!arg || arg == rt_None) {
        seed_from_entropy(r);
        return true;
    }
    Value n;
    if (rt_is_int(arg)) {
        n = arg == rt_True ? v_from_small(1) : arg == rt_False ? v_from_small(0) : arg;
        if (rt_int_sign(n) < 0 && !(n = rt_int_neg(vm, n)))
            return false;
    } else {
        int64_t h = rt_hash(vm, arg);
        if (h == -1 && vm->exc)
            return false;
        n = rt_int_from_u64(vm, (uint64_t)h);
        if (!n)
            return false;
    }
    size_t words;
    uint32_t *key = int_words(vm, n, &words);
    if (!key)
        return false;
    init_by_array(r, key, words);
    free(key);
    return true;
}

/* ---- the type ------------------------------------------------------------------------ */

static Value random_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    Value self = v_from(rt_alloc(vm, type, type->instance_size));
    if (!self)
        return VNULL;
    RND(self)->index = MT_N + 1;
    /* A subclass with its own __init__ (random.Random) seeds there. */
    if (type != &random_type && rt_lookup_type_attr(type, vm->names.__init__) != random_native_init)
        return self;
    if (!mp_no_kw(vm, "Random", kwnames))
        return VNULL;
    if (argc > 1)
        return rt_raise(vm, &rt_exc_TypeError, "Random() requires 0 or 1 argument");
    return random_seed(vm, self, argc ? argv[0] : VNULL) ? self : VNULL;
}

static Value m_init(VM *vm, int argc, Value *argv, Value kwnames)
{
    Type *t = v_type(argv[0]);
    if ((t == &random_type || rt_lookup_type_attr(t, vm->names.__init__) == random_native_init) &&
        !mp_no_kw(vm, "Random", kwnames))
        return VNULL;
    if (argc > 2)
        return rt_raise(vm, &rt_exc_TypeError, "Random() requires 0 or 1 argument");
    return random_seed(vm, argv[0], argc == 2 ? argv[1] : VNULL) ? rt_None : VNULL;
}

static Value m_seed(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!mp_no_kw(vm, "Random.seed", kwnames) || !mp_check_positional(vm, "seed", argc - 1, 0, 1))
        return VNULL;
    return random_seed(vm, argv[0], argc == 2 ? argv[1] : VNULL) ? rt_None : VNULL;
}

static Value m_random(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "Random.random", argc - 1, 0, 0))
        return VNULL;
    Random *r = RND(argv[0]);
    uint32_t a = genrand_uint32(r) >> 5, b = genrand_uint32(r) >> 6;
    return rt_float_new(vm, (a * 67108864.0 + b) * (1.0 / 9007199254740992.0));
}

static Value m_getrandbits(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "Random.getrandbits", argc - 1, 1, 1))
        return VNULL;
    Random *r = RND(argv[0]);
    int64_t k;
    if (!mp_as_ssize(vm, argv[1], &k) || k > INT32_MAX || k < INT32_MIN) {
        if (!vm->exc || rt_exc_clear_if(vm, &rt_exc_OverflowError))
            rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C int");
        return VNULL;
    }
    if (k < 0)
        return rt_raise(vm, &rt_exc_ValueError, "number of bits must be non-negative");
    if (k == 0)
        return v_from_small(0);
    if (k <= 32)
        return v_from_small(genrand_uint32(r) >> (32 - k));
    if (k <= 61) {
        uint64_t lo = genrand_uint32(r), hi = genrand_uint32(r) >> (64 - k);
        return v_from_small((int64_t)(hi << 32 | lo));
    }
    /* Words fill from the least significant end; the last drops low bits. */
    size_t words = (size_t)(k - 1) / 32 + 1;
    uint8_t *p = malloc(words * 4);
    if (!p)
        return rt_no_memory(vm);
    for (size_t i = 0; i < words; i++, k -= 32) {
        uint32_t w = genrand_uint32(r);
        if (k < 32)
            w >>= (32 - k);
        p[4 * i] = (uint8_t)w;
        p[4 * i + 1] = (uint8_t)(w >> 8);
        p[4 * i + 2] = (uint8_t)(w >> 16);
        p[4 * i + 3] = (uint8_t)(w >> 24);
    }
    Value b = rt_bytes_new(vm, p, words * 4);
    free(p);
    if (!b)
        return VNULL;
    Value args[2] = {b, rt_str_intern_cstr(vm, "little")};
    return rt_call_method(vm, v_from(&rt_int_type), "from_bytes", 2, args);
}

static Value m_getstate(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "Random.getstate", argc - 1, 0, 0))
        return VNULL;
    Random *r = RND(argv[0]);
    Value t = rt_tuple_new(vm, MT_N + 1);
    if (!t)
        return VNULL;
    for (int i = 0; i < MT_N; i++)
        v_tuple(t)->items[i] = v_from_small(r->mt[i]);
    v_tuple(t)->items[MT_N] = v_from_small(r->index);
    return t;
}

/* PyLong_AsUnsignedLong, with its messages. */
static bool as_ulong(VM *vm, Value v, uint64_t *out)
{
    if (!rt_is_int(v)) {
        rt_raise(vm, &rt_exc_TypeError, "an integer is required");
        return false;
    }
    if (rt_int_sign(v) < 0) {
        rt_raise(vm, &rt_exc_OverflowError, "can't convert negative value to unsigned int");
        return false;
    }
    if (rt_int_bit_length(v) > 64) {
        rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C unsigned long");
        return false;
    }
    if (v_is_small(v) || v == rt_True || v == rt_False) {
        *out = v == rt_True ? 1 : v == rt_False ? 0 : (uint64_t)v_small(v);
        return true;
    }
    Value lo = rt_int_binop(vm, BIN_AND, v, rt_int_from_i64(vm, 0xffffffff));
    Value hi = rt_int_binop(vm, BIN_RSHIFT, v, v_from_small(32));
    if (!lo || !hi)
        return false;
    *out = (uint64_t)v_small(hi) << 32 | (uint64_t)v_small(lo);
    return true;
}

static Value m_setstate(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "Random.setstate", argc - 1, 1, 1))
        return VNULL;
    Value st = argv[1];
    if (!v_is(st, &rt_tuple_type))
        return rt_raise(vm, &rt_exc_TypeError, "state vector must be a tuple");
    if (v_tuple(st)->len != MT_N + 1)
        return rt_raise(vm, &rt_exc_ValueError, "state vector is the wrong size");
    uint32_t mt[MT_N];
    for (int i = 0; i < MT_N; i++) {
        uint64_t u;
        if (!as_ulong(vm, v_tuple(st)->items[i], &u))
            return VNULL;
        mt[i] = (uint32_t)u;
    }
    Value last = v_tuple(st)->items[MT_N];
    int64_t index;
    if (!rt_is_int(last))
        return rt_raise(vm, &rt_exc_TypeError, "an integer is required");
    if (!rt_as_i64(vm, last, &index))
        return VNULL;
    if (index < 0 || index > MT_N)
        return rt_raise(vm, &rt_exc_ValueError, "invalid state");
    Random *r = RND(argv[0]);
    memcpy(r->mt, mt, sizeof mt);
    r->index = (int)index;
    return rt_None;
}

static const NativeDef random_methods[] = {
    {"__init__", m_init, NF_KEYWORDS},
    {"seed", m_seed, NF_KEYWORDS},
    {"random", m_random, 0},
    {"getrandbits", m_getrandbits, 0},
    {"getstate", m_getstate, 0},
    {"setstate", m_setstate, 0},
    {NULL, NULL, 0},
};

static Type random_type = {
    .name = "_random.Random", .instance_size = sizeof(Random), .new = random_new,
    .flags = TF_BASETYPE,
};

Value mp_random_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_random", &d);
    if (!m || !mp_type_ready(vm, &random_type, d))
        return VNULL;
    if (!random_native_init) {
        if (!rt_add_methods(vm, &random_type, random_methods))
            return VNULL;
        rt_gc_add_root(vm, &random_native_init);
        random_native_init = rt_dict_get_str(random_type.dict, vm->names.__init__);
    }
    return m;
}
