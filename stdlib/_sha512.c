/* stdlib/_sha512.c — the _sha512 module (SHA-384 and SHA-512, FIPS 180-4),
 * written for minipy after the interface of CPython's Modules/sha512module.c:
 * random.py seeds from str and bytes through sha512, and hashlib falls back
 * to it.  The round constants are the first 64 bits of the fractional parts
 * of the cube roots of the first 80 primes; the initial values those of the
 * square roots of the first 8 (SHA-512) and the 9th to 16th (SHA-384). */
#include <stdio.h>
#include <string.h>

#include "stdlib/modsupport.h"
#include "stdlib/native.h"

static const uint64_t K[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
    0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
    0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
    0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
    0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
    0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
    0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
    0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
    0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
    0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
    0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
    0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

static const uint64_t H512[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
    0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
};

static const uint64_t H384[8] = {
    0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL, 0x152fecd8f70e5939ULL,
    0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL, 0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL,
};

typedef struct Sha {
    Obj hdr;
    uint64_t h[8];
    uint64_t nbytes;      /* message length so far (enough below 2**61 bytes) */
    uint8_t block[128];
    size_t fill;          /* bytes waiting in block */
    int digest_size;      /* 64 or 48 */
} Sha;

static inline uint64_t ror(uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }

static void compress(Sha *s, const uint8_t *p)
{
    uint64_t w[80];
    for (int i = 0; i < 16; i++) {
        uint64_t x = 0;
        for (int k = 0; k < 8; k++)
            x = x << 8 | p[8 * i + k];
        w[i] = x;
    }
    for (int i = 16; i < 80; i++) {
        uint64_t s0 = ror(w[i - 15], 1) ^ ror(w[i - 15], 8) ^ (w[i - 15] >> 7);
        uint64_t s1 = ror(w[i - 2], 19) ^ ror(w[i - 2], 61) ^ (w[i - 2] >> 6);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint64_t a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3];
    uint64_t e = s->h[4], f = s->h[5], g = s->h[6], h = s->h[7];
    for (int i = 0; i < 80; i++) {
        uint64_t t1 = h + (ror(e, 14) ^ ror(e, 18) ^ ror(e, 41)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint64_t t2 = (ror(a, 28) ^ ror(a, 34) ^ ror(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    s->h[0] += a, s->h[1] += b, s->h[2] += c, s->h[3] += d;
    s->h[4] += e, s->h[5] += f, s->h[6] += g, s->h[7] += h;
}

static void sha_update(Sha *s, const uint8_t *p, size_t n)
{
    s->nbytes += n;
    while (n) {
        size_t take = 128 - s->fill < n ? 128 - s->fill : n;
        memcpy(s->block + s->fill, p, take);
        s->fill += take;
        p += take;
        n -= take;
        if (s->fill == 128) {
            compress(s, s->block);
            s->fill = 0;
        }
    }
}

/* The digest of what was hashed so far (s itself is not changed). */
static void sha_final(const Sha *src, uint8_t *out)
{
    Sha s = *src;
    uint64_t bits = s.nbytes * 8;
    uint8_t pad[144] = {0x80};
    size_t padlen = (s.fill < 112 ? 112 : 240) - s.fill;
    uint8_t len[16] = {0};
    for (int i = 0; i < 8; i++)
        len[15 - i] = (uint8_t)(bits >> (8 * i));
    sha_update(&s, pad, padlen);
    sha_update(&s, len, 16);
    for (int i = 0; i < s.digest_size / 8; i++)
        for (int k = 0; k < 8; k++)
            out[8 * i + k] = (uint8_t)(s.h[i] >> (56 - 8 * k));
}

static Type sha512_type, sha384_type;

static inline Sha *SHA(Value v) { return (Sha *)v_obj(v); }

/* CPython's GET_BUFFER_VIEW_OR_ERROUT: bytes, or its two messages. */
static bool data_arg(VM *vm, Value v, const uint8_t **p, size_t *n)
{
    if (v_is_str(v)) {
        rt_raise(vm, &rt_exc_TypeError, "Strings must be encoded before hashing");
        return false;
    }
    if (!rt_isinstance_type(v, &rt_bytes_type)) {
        rt_raise(vm, &rt_exc_TypeError, "object supporting the buffer API required");
        return false;
    }
    *p = ((Bytes *)v_obj(v))->data;
    *n = ((Bytes *)v_obj(v))->len;
    return true;
}

static Value sha_new(VM *vm, Type *t, const char *fname, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"string", "usedforsecurity", NULL};
    Value a[2];
    if (argc > 1)
        return rt_raise(vm, &rt_exc_TypeError, "%s() takes at most 1 positional argument (%d given)",
                        fname, argc);
    if (!rt_parse_args(vm, fname, argc, argv, kwnames, names, 0, 0, a))
        return VNULL;
    const uint8_t *p = NULL;
    size_t n = 0;
    if (a[0] && !data_arg(vm, a[0], &p, &n))
        return VNULL;
    Sha *s = rt_alloc(vm, t, sizeof(Sha));
    if (!s)
        return VNULL;
    bool is512 = t == &sha512_type;
    memcpy(s->h, is512 ? H512 : H384, sizeof s->h);
    s->digest_size = is512 ? 64 : 48;
    sha_update(s, p, n);
    return v_from(s);
}

static Value mod_sha512(VM *vm, int argc, Value *argv, Value kw)
{
    return sha_new(vm, &sha512_type, "sha512", argc, argv, kw);
}

static Value mod_sha384(VM *vm, int argc, Value *argv, Value kw)
{
    return sha_new(vm, &sha384_type, "sha384", argc, argv, kw);
}

static const char *qual(Value self) { return v_type(self) == &sha512_type ? "sha512" : "sha384"; }

static Value m_update(VM *vm, int argc, Value *argv, Value kw)
{
    char name[32];
    snprintf(name, sizeof name, "%s.update", qual(argv[0]));
    const uint8_t *p;
    size_t n;
    if (!rt_check_nargs(vm, name, argc - 1, 1, 1) || !data_arg(vm, argv[1], &p, &n))
        return VNULL;
    sha_update(SHA(argv[0]), p, n);
    return rt_None;
}

static Value m_digest(VM *vm, int argc, Value *argv, Value kw)
{
    uint8_t out[64];
    if (!rt_check_nargs(vm, "digest", argc - 1, 0, 0))
        return VNULL;
    sha_final(SHA(argv[0]), out);
    return rt_bytes_new(vm, out, (size_t)SHA(argv[0])->digest_size);
}

static Value m_hexdigest(VM *vm, int argc, Value *argv, Value kw)
{
    static const char hexdig[] = "0123456789abcdef";
    uint8_t out[64];
    char hex[128];
    if (!rt_check_nargs(vm, "hexdigest", argc - 1, 0, 0))
        return VNULL;
    int n = SHA(argv[0])->digest_size;
    sha_final(SHA(argv[0]), out);
    for (int i = 0; i < n; i++) {
        hex[2 * i] = hexdig[out[i] >> 4];
        hex[2 * i + 1] = hexdig[out[i] & 15];
    }
    return rt_str_new(vm, hex, (size_t)n * 2);
}

static Value m_copy(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "copy", argc - 1, 0, 0))
        return VNULL;
    Sha *c = rt_alloc(vm, v_type(argv[0]), sizeof(Sha));
    if (!c)
        return VNULL;
    memcpy((char *)c + sizeof(Obj), (char *)SHA(argv[0]) + sizeof(Obj), sizeof(Sha) - sizeof(Obj));
    return v_from(c);
}

static Value get_name(VM *vm, Value self) { return rt_str_from_cstr(vm, qual(self)); }
static Value get_digest_size(VM *vm, Value self) { return v_from_small(SHA(self)->digest_size); }
static Value get_block_size(VM *vm, Value self) { return v_from_small(128); }

static const NativeDef sha_methods[] = {
    {"copy", m_copy, 0},
    {"digest", m_digest, 0},
    {"hexdigest", m_hexdigest, 0},
    {"update", m_update, 0},
    {NULL, NULL, 0},
};

static const GetSetDef sha_getsets[] = {
    {"block_size", get_block_size, NULL},
    {"name", get_name, NULL},
    {"digest_size", get_digest_size, NULL},
    {NULL, NULL, NULL},
};

static Type sha512_type = {.name = "_sha512.sha512", .instance_size = sizeof(Sha)};
static Type sha384_type = {.name = "_sha512.sha384", .instance_size = sizeof(Sha)};

static const NativeDef sha_functions[] = {
    {"sha512", mod_sha512, NF_KEYWORDS},
    {"sha384", mod_sha384, NF_KEYWORDS},
    {NULL, NULL, 0},
};

Value mp_sha512_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_sha512", &d);
    if (!m || !rt_add_functions(vm, d, sha_functions, rt_str_intern_cstr(vm, "_sha512")) ||
        !mp_type_ready(vm, &sha512_type, NULL) || !mp_type_ready(vm, &sha384_type, NULL))
        return VNULL;
    if (!rt_dict_get_cstr(vm, sha512_type.dict, "update") &&
        (!rt_add_methods(vm, &sha512_type, sha_methods) ||
         !rt_add_getsets(vm, &sha512_type, sha_getsets) ||
         !rt_add_methods(vm, &sha384_type, sha_methods) ||
         !rt_add_getsets(vm, &sha384_type, sha_getsets)))
        return VNULL;
    /* CPython 3.11's module lists the SHA-384 type under this name. */
    if (!rt_dict_set_cstr(vm, d, "SHA384Type", v_from(&sha384_type)))
        return VNULL;
    return m;
}
