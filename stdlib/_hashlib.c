/* stdlib/_hashlib.c — the _hashlib module over OpenSSL's libcrypto, with the
 * interface of CPython 3.11's Modules/_hashopenssl.c: new() and the
 * openssl_<name> constructors, HASH / HASHXOF / HMAC objects, pbkdf2_hmac,
 * scrypt, hmac_new / hmac_digest, compare_digest, openssl_md_meth_names,
 * get_fips_mode and UnsupportedDigestmodError.
 *
 * hashlib.py prefers this module over the per-algorithm ones (_md5, _sha1,
 * _sha256, _sha512, _sha3), and one library covers every algorithm it
 * guarantees except blake2 (stdlib/_blake2.c) plus PBKDF2, scrypt and HMAC,
 * so minipy writes no hash function of its own beyond _sha512 (random.py
 * imports that one directly).
 *
 * Errors that come from OpenSSL carry OpenSSL's own text ("[digital
 * envelope routines] unsupported"), as CPython's _setException builds it.
 * HMAC goes through the HMAC_CTX interface CPython 3.11 uses (deprecated in
 * OpenSSL 3, hence the suppression below), so its failures read the same. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/objects.h>

#include "runtime/objimpl.h"
#include "stdlib/mp_bytesout.h"
#include "stdlib/native.h"

static Value unsupported_digestmod_error; /* _hashlib.UnsupportedDigestmodError */

/* ---- OpenSSL errors ---------------------------------------------------------------- */

/* CPython's _setException: the last queued OpenSSL error as "[lib] reason",
 * else `fallback` (NULL: "no reason supplied").  The queue is cleared. */
static Value raise_ssl(VM *vm, Type *type, const char *fallback)
{
    unsigned long code = ERR_peek_last_error();
    ERR_clear_error();
    if (!code)
        return rt_raise(vm, type, "%s", fallback ? fallback : "no reason supplied");
    const char *lib = ERR_lib_error_string(code);
    const char *reason = ERR_reason_error_string(code);
    if (!reason)
        reason = "unknown reasons";
    if (lib)
        return rt_raise(vm, type, "[%s] %s", lib, reason);
    return rt_raise(vm, type, "%s", reason);
}

static Type *unsupported_type(void) { return (Type *)v_obj(unsupported_digestmod_error); }

/* ---- digest names -------------------------------------------------------------------- */

/* Python's names for OpenSSL's digests (CPython's py_hashes table). */
static const struct {
    const char *py, *ossl;
} md_names[] = {
    {"md5", "MD5"},
    {"sha1", "SHA1"},
    {"sha224", "SHA224"},
    {"sha256", "SHA256"},
    {"sha384", "SHA384"},
    {"sha512", "SHA512"},
    {"sha512_224", "SHA512-224"},
    {"sha512_256", "SHA512-256"},
    {"sha3_224", "SHA3-224"},
    {"sha3_256", "SHA3-256"},
    {"sha3_384", "SHA3-384"},
    {"sha3_512", "SHA3-512"},
    {"shake_128", "SHAKE128"},
    {"shake_256", "SHAKE256"},
    {"blake2s", "BLAKE2s256"},
    {"blake2b", "BLAKE2b512"},
};
#define N_MD_NAMES (sizeof md_names / sizeof *md_names)

/* Fetched digests are kept for the process: an HMAC_CTX points at its
 * EVP_MD without holding a reference, and fetching is not free.  Bounded by
 * the spellings of the algorithms OpenSSL knows. */
typedef struct MdCache {
    struct MdCache *next;
    EVP_MD *md;
    char name[];
} MdCache;
static MdCache *md_cache;

/* The digest called `name` (a Python name or any OpenSSL spelling), or
 * NULL with OpenSSL's error queued. */
static const EVP_MD *md_fetch(const char *name)
{
    for (size_t i = 0; i < N_MD_NAMES; i++)
        if (strcmp(name, md_names[i].py) == 0) {
            name = md_names[i].ossl;
            break;
        }
    for (MdCache *c = md_cache; c; c = c->next)
        if (strcmp(c->name, name) == 0)
            return c->md;
    EVP_MD *md = EVP_MD_fetch(NULL, name, NULL);
    if (!md)
        return NULL;
    MdCache *c = malloc(sizeof *c + strlen(name) + 1);
    if (c) {
        c->md = md;
        strcpy(c->name, name);
        c->next = md_cache;
        md_cache = c;
    }
    return md;
}

/* The digest for `name`, or UnsupportedDigestmodError with OpenSSL's reason. */
static const EVP_MD *md_by_name(VM *vm, const char *name)
{
    ERR_clear_error();
    const EVP_MD *md = md_fetch(name);
    if (!md)
        raise_ssl(vm, unsupported_type(), NULL);
    return md;
}

/* CPython's py_digest_name: the Python name, else OpenSSL's long name. */
static const char *md_py_name(const EVP_MD *md)
{
    for (size_t i = 0; i < N_MD_NAMES; i++)
        if (EVP_MD_is_a(md, md_names[i].ossl))
            return md_names[i].py;
    int nid = EVP_MD_get_type(md);
    const char *n = OBJ_nid2ln(nid);
    if (!n)
        n = OBJ_nid2sn(nid);
    return n ? n : EVP_MD_get0_name(md);
}

/* ---- arguments ---------------------------------------------------------------------- */

/* CPython's GET_BUFFER_VIEW_OR_ERROUT, for data to hash. */
static bool hash_data_arg(VM *vm, Value v, RtBuffer *b)
{
    if (v_is_str(v)) {
        rt_raise(vm, &rt_exc_TypeError, "Strings must be encoded before hashing");
        return false;
    }
    if (!rt_has_buffer(v)) {
        rt_raise(vm, &rt_exc_TypeError, "object supporting the buffer API required");
        return false;
    }
    return rt_get_buffer(vm, v, b, 0);
}

/* Argument Clinic's `long`: an index that fits a C long. */
static bool clong_arg(VM *vm, Value v, int64_t *out)
{
    Value i = rt_index(vm, v);
    if (!i)
        return false;
    if (!rt_as_i64(vm, i, out)) {
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C long");
        return false;
    }
    return true;
}

/* Clinic's check of keyword-only parameters: at most npos positionally. */
static bool check_positional(VM *vm, const char *fname, int argc, int npos)
{
    if (argc <= npos)
        return true;
    if (npos == 0)
        rt_raise(vm, &rt_exc_TypeError, "%s() takes no positional arguments", fname);
    else
        rt_raise(vm, &rt_exc_TypeError, "%s() takes %s %d positional argument%s (%d given)", fname,
                 "at most", npos, npos == 1 ? "" : "s", argc);
    return false;
}

/* ---- HASH and HASHXOF ------------------------------------------------------------------- */

typedef struct Hash {
    Obj hdr;
    EVP_MD_CTX *ctx;
} Hash;

static Type hash_type, hashxof_type;

static inline Hash *HASH(Value v) { return (Hash *)v_obj(v); }

static void hash_finalize(VM *vm, Obj *o)
{
    EVP_MD_CTX_free(((Hash *)o)->ctx);
    ((Hash *)o)->ctx = NULL;
}

static Value hash_alloc(VM *vm, const EVP_MD *md)
{
    Hash *h = rt_alloc(vm, (EVP_MD_get_flags(md) & EVP_MD_FLAG_XOF) ? &hashxof_type : &hash_type,
                       sizeof(Hash));
    if (!h)
        return VNULL;
    if (!(h->ctx = EVP_MD_CTX_new()))
        return rt_no_memory(vm);
    return v_from(h);
}

static bool hash_update(VM *vm, Hash *h, Value data)
{
    RtBuffer b;
    if (!hash_data_arg(vm, data, &b))
        return false;
    ERR_clear_error();
    bool ok = EVP_DigestUpdate(h->ctx, b.ptr, b.len) == 1;
    rt_buffer_release(vm, &b);
    if (!ok)
        raise_ssl(vm, &rt_exc_ValueError, NULL);
    return ok;
}

/* new() and the openssl_* constructors: the digest, then the data. */
static Value hash_new(VM *vm, const char *name, Value data)
{
    RtBuffer b = {0};
    if (data && !hash_data_arg(vm, data, &b))
        return VNULL;
    const EVP_MD *md = md_by_name(vm, name);
    Value self = md ? hash_alloc(vm, md) : VNULL;
    if (self && EVP_DigestInit_ex(HASH(self)->ctx, md, NULL) != 1)
        self = raise_ssl(vm, &rt_exc_ValueError, NULL);
    if (self && data && EVP_DigestUpdate(HASH(self)->ctx, b.ptr, b.len) != 1)
        self = raise_ssl(vm, &rt_exc_ValueError, NULL);
    if (data)
        rt_buffer_release(vm, &b);
    return self;
}

static Value mod_new(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"name", "string", "usedforsecurity", NULL};
    Value a[3];
    if (!check_positional(vm, "new", argc, 2) ||
        !rt_parse_args(vm, "new", argc, argv, kwnames, names, 0, 1, a))
        return VNULL;
    if (!v_is_str(a[0]))
        return rt_raise(vm, &rt_exc_TypeError, "name must be a string");
    if (a[2] && rt_truthy(vm, a[2]) < 0)
        return VNULL;
    return hash_new(vm, v_cstr(a[0]), a[1]);
}

/* openssl_<name>(string=b'', *, usedforsecurity=True) */
static Value named_new(VM *vm, const char *name, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"string", "usedforsecurity", NULL};
    char fname[32];
    snprintf(fname, sizeof fname, "openssl_%s", name);
    Value a[2];
    if (!check_positional(vm, fname, argc, 1) ||
        !rt_parse_args(vm, fname, argc, argv, kwnames, names, 0, 0, a))
        return VNULL;
    if (a[1] && rt_truthy(vm, a[1]) < 0)
        return VNULL;
    return hash_new(vm, name, a[0]);
}

#define CONSTRUCTORS(X)                                                                       \
    X(md5) X(sha1) X(sha224) X(sha256) X(sha384) X(sha512) X(sha3_224) X(sha3_256) X(sha3_384) \
        X(sha3_512) X(shake_128) X(shake_256)

#define X(n)                                                                  \
    static Value mod_openssl_##n(VM *vm, int argc, Value *argv, Value kwnames) \
    {                                                                         \
        return named_new(vm, #n, argc, argv, kwnames);                        \
    }
CONSTRUCTORS(X)
#undef X

/* The constructors by function, for hmac's digestmod=hashlib.sha256. */
static const struct {
    NativeFn fn;
    const char *name;
} constructors[] = {
#define X(n) {mod_openssl_##n, #n},
    CONSTRUCTORS(X)
#undef X
};

static Value hash_m_update(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!mp_no_kw(vm, "HASH.update", kwnames) || !rt_check_nargs(vm, "HASH.update", argc - 1, 1, 1))
        return VNULL;
    return hash_update(vm, HASH(argv[0]), argv[1]) ? rt_None : VNULL;
}

/* The digest of a copy of the context (the object goes on hashing). */
static Value hash_final(VM *vm, Hash *h, int64_t xof_len, bool hex)
{
    uint8_t small[EVP_MAX_MD_SIZE];
    uint8_t *out = small;
    unsigned int n = 0;
    EVP_MD_CTX *tmp = EVP_MD_CTX_new();
    if (!tmp)
        return rt_no_memory(vm);
    if (xof_len >= 0 && !(out = malloc(xof_len ? (size_t)xof_len : 1))) {
        EVP_MD_CTX_free(tmp);
        return rt_no_memory(vm);
    }
    ERR_clear_error();
    bool ok = EVP_MD_CTX_copy_ex(tmp, h->ctx) == 1;
    if (ok && xof_len >= 0) {
        ok = xof_len == 0 || EVP_DigestFinalXOF(tmp, out, (size_t)xof_len) == 1;
        n = (unsigned int)xof_len;
    } else if (ok) {
        ok = EVP_DigestFinal_ex(tmp, out, &n) == 1;
    }
    EVP_MD_CTX_free(tmp);
    Value r = !ok ? raise_ssl(vm, &rt_exc_ValueError, NULL)
              : hex ? rt_hex_view(vm, out, n, VNULL, VNULL)
                    : rt_bytes_new(vm, out, n);
    if (out != small)
        free(out);
    return r;
}

static Value hash_m_digest(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "HASH.digest", argc - 1, 0, 0))
        return VNULL;
    return hash_final(vm, HASH(argv[0]), -1, false);
}

static Value hash_m_hexdigest(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "HASH.hexdigest", argc - 1, 0, 0))
        return VNULL;
    return hash_final(vm, HASH(argv[0]), -1, true);
}

/* HASHXOF.digest(length) / hexdigest(length): length is a Py_ssize_t. */
static Value xof_final(VM *vm, const char *fname, int argc, Value *argv, Value kwnames, bool hex)
{
    static const char *const names[] = {"length", NULL};
    Value a[1];
    int64_t len;
    if (!rt_parse_args(vm, fname, argc - 1, argv + 1, kwnames, names, 0, 1, a) ||
        !mp_as_ssize(vm, a[0], &len))
        return VNULL;
    if (len < 0) {
        /* What CPython 3.11 does with a negative length, message and all. */
        if (hex)
            return rt_no_memory(vm);
        return rt_raise(vm, &rt_exc_SystemError, "Negative size passed to PyBytes_FromStringAndSize");
    }
    return hash_final(vm, HASH(argv[0]), len, hex);
}

static Value xof_m_digest(VM *vm, int argc, Value *argv, Value kwnames)
{
    return xof_final(vm, "digest", argc, argv, kwnames, false);
}

static Value xof_m_hexdigest(VM *vm, int argc, Value *argv, Value kwnames)
{
    return xof_final(vm, "hexdigest", argc, argv, kwnames, true);
}

static Value hash_m_copy(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "HASH.copy", argc - 1, 0, 0))
        return VNULL;
    Hash *h = HASH(argv[0]);
    Value c = hash_alloc(vm, EVP_MD_CTX_get0_md(h->ctx));
    ERR_clear_error();
    if (c && EVP_MD_CTX_copy_ex(HASH(c)->ctx, h->ctx) != 1)
        return raise_ssl(vm, &rt_exc_ValueError, NULL);
    return c;
}

static Value hash_repr(VM *vm, Value self)
{
    return rt_str_printf(vm, "<%s %s object @ %p>", md_py_name(EVP_MD_CTX_get0_md(HASH(self)->ctx)),
                         v_type(self)->name, (void *)v_obj(self));
}

static Value hash_get_name(VM *vm, Value self)
{
    return rt_str_from_cstr(vm, md_py_name(EVP_MD_CTX_get0_md(HASH(self)->ctx)));
}

static Value hash_get_digest_size(VM *vm, Value self)
{
    /* A XOF has no fixed size: CPython's HASHXOF says 0. */
    if (v_type(self) == &hashxof_type)
        return v_from_small(0);
    return v_from_small(EVP_MD_get_size(EVP_MD_CTX_get0_md(HASH(self)->ctx)));
}

static Value hash_get_block_size(VM *vm, Value self)
{
    return v_from_small(EVP_MD_get_block_size(EVP_MD_CTX_get0_md(HASH(self)->ctx)));
}

static const NativeDef hash_methods[] = {
    {"copy", hash_m_copy, 0},
    {"digest", hash_m_digest, 0},
    {"hexdigest", hash_m_hexdigest, 0},
    {"update", hash_m_update, NF_KEYWORDS},
    {NULL, NULL, 0},
};

static const NativeDef xof_methods[] = {
    {"digest", xof_m_digest, NF_KEYWORDS},
    {"hexdigest", xof_m_hexdigest, NF_KEYWORDS},
    {NULL, NULL, 0},
};

static const GetSetDef hash_getsets[] = {
    {"name", hash_get_name, NULL},
    {"digest_size", hash_get_digest_size, NULL},
    {"block_size", hash_get_block_size, NULL},
    {NULL, NULL, NULL},
};

static Type hash_type = {
    .name = "_hashlib.HASH", .instance_size = sizeof(Hash), .flags = TF_EXTERNAL, .finalize = hash_finalize,
    .repr = hash_repr,
};
static Type hashxof_type = {
    .name = "_hashlib.HASHXOF", .instance_size = sizeof(Hash), .flags = TF_EXTERNAL, .base = &hash_type,
    .finalize = hash_finalize, .repr = hash_repr,
};

/* ---- HMAC ---------------------------------------------------------------------------------- */

typedef struct Hmac {
    Obj hdr;
    HMAC_CTX *ctx;
} Hmac;

static Type hmac_type;

static inline Hmac *HMACOBJ(Value v) { return (Hmac *)v_obj(v); }

static void hmac_finalize(VM *vm, Obj *o)
{
    HMAC_CTX_free(((Hmac *)o)->ctx);
    ((Hmac *)o)->ctx = NULL;
}

static Value hmac_alloc(VM *vm)
{
    Hmac *h = rt_alloc(vm, &hmac_type, sizeof(Hmac));
    if (!h)
        return VNULL;
    if (!(h->ctx = HMAC_CTX_new()))
        return rt_no_memory(vm);
    return v_from(h);
}

/* CPython's py_digest_by_digestmod: a name, or one of the openssl_*
 * constructors; anything else is UnsupportedDigestmodError. */
static const EVP_MD *md_by_digestmod(VM *vm, Value digestmod)
{
    if (v_is_str(digestmod))
        return md_by_name(vm, v_cstr(digestmod));
    if (v_is(digestmod, &rt_native_type)) {
        NativeFn fn = ((NativeFunction *)v_obj(digestmod))->fn;
        for (size_t i = 0; i < sizeof constructors / sizeof *constructors; i++)
            if (constructors[i].fn == fn)
                return md_by_name(vm, constructors[i].name);
    }
    Value r = rt_repr(vm, digestmod);
    if (r)
        rt_raise(vm, unsupported_type(), "Unsupported digestmod %s", v_cstr(r));
    return NULL;
}

static bool hmac_update(VM *vm, Hmac *h, Value msg)
{
    RtBuffer b;
    if (!hash_data_arg(vm, msg, &b))
        return false;
    ERR_clear_error();
    bool ok = HMAC_Update(h->ctx, b.ptr, b.len) == 1;
    rt_buffer_release(vm, &b);
    if (!ok)
        raise_ssl(vm, &rt_exc_ValueError, NULL);
    return ok;
}

/* hmac_new(key, msg=b'', digestmod=None) */
static Value mod_hmac_new(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"key", "msg", "digestmod", NULL};
    Value a[3];
    RtBuffer key;
    if (!rt_parse_args(vm, "hmac_new", argc, argv, kwnames, names, 0, 1, a) ||
        !mp_buffer_arg(vm, a[0], &key))
        return VNULL;
    Value self = VNULL;
    const EVP_MD *md = NULL;
    if (!a[2] || a[2] == rt_None)
        rt_raise(vm, &rt_exc_TypeError, "Missing required parameter 'digestmod'.");
    else if (key.len > INT_MAX)
        rt_raise(vm, &rt_exc_OverflowError, "key is too long.");
    else
        md = md_by_digestmod(vm, a[2]);
    if (md && (self = hmac_alloc(vm))) {
        ERR_clear_error();
        if (HMAC_Init_ex(HMACOBJ(self)->ctx, key.ptr, (int)key.len, md, NULL) != 1)
            self = raise_ssl(vm, &rt_exc_ValueError, NULL);
    }
    rt_buffer_release(vm, &key);
    if (self && a[1] && a[1] != rt_None && !hmac_update(vm, HMACOBJ(self), a[1]))
        return VNULL;
    return self;
}

/* hmac_digest(key, msg, digest): one shot. */
static Value mod_hmac_digest(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"key", "msg", "digest", NULL};
    Value a[3];
    RtBuffer key, msg;
    if (!rt_parse_args(vm, "hmac_digest", argc, argv, kwnames, names, 0, 3, a) ||
        !mp_buffer_arg(vm, a[0], &key))
        return VNULL;
    if (!mp_buffer_arg(vm, a[1], &msg)) {
        rt_buffer_release(vm, &key);
        return VNULL;
    }
    Value r = VNULL;
    const EVP_MD *md = NULL;
    if (key.len > INT_MAX)
        rt_raise(vm, &rt_exc_OverflowError, "key is too long.");
    else if (msg.len > INT_MAX)
        rt_raise(vm, &rt_exc_OverflowError, "msg is too long.");
    else
        md = md_by_digestmod(vm, a[2]);
    if (md) {
        uint8_t out[EVP_MAX_MD_SIZE];
        unsigned int n = 0;
        ERR_clear_error();
        if (!HMAC(md, key.ptr, (int)key.len, msg.ptr, msg.len, out, &n))
            raise_ssl(vm, &rt_exc_ValueError, NULL);
        else
            r = rt_bytes_new(vm, out, n);
    }
    rt_buffer_release(vm, &msg);
    rt_buffer_release(vm, &key);
    return r;
}

static Value hmac_m_update(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"msg", NULL};
    Value a[1];
    if (!rt_parse_args(vm, "update", argc - 1, argv + 1, kwnames, names, 0, 1, a))
        return VNULL;
    return hmac_update(vm, HMACOBJ(argv[0]), a[0]) ? rt_None : VNULL;
}

static Value hmac_final(VM *vm, Hmac *h, bool hex)
{
    uint8_t out[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    HMAC_CTX *tmp = HMAC_CTX_new();
    if (!tmp)
        return rt_no_memory(vm);
    ERR_clear_error();
    bool ok = HMAC_CTX_copy(tmp, h->ctx) == 1 && HMAC_Final(tmp, out, &n) == 1;
    HMAC_CTX_free(tmp);
    if (!ok)
        return raise_ssl(vm, &rt_exc_ValueError, NULL);
    return hex ? rt_hex_view(vm, out, n, VNULL, VNULL) : rt_bytes_new(vm, out, n);
}

static Value hmac_m_digest(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "HMAC.digest", argc - 1, 0, 0))
        return VNULL;
    return hmac_final(vm, HMACOBJ(argv[0]), false);
}

static Value hmac_m_hexdigest(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "HMAC.hexdigest", argc - 1, 0, 0))
        return VNULL;
    return hmac_final(vm, HMACOBJ(argv[0]), true);
}

static Value hmac_m_copy(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "HMAC.copy", argc - 1, 0, 0))
        return VNULL;
    Value c = hmac_alloc(vm);
    ERR_clear_error();
    if (c && HMAC_CTX_copy(HMACOBJ(c)->ctx, HMACOBJ(argv[0])->ctx) != 1)
        return raise_ssl(vm, &rt_exc_ValueError, NULL);
    return c;
}

static const EVP_MD *hmac_md(Value self) { return HMAC_CTX_get_md(HMACOBJ(self)->ctx); }

static Value hmac_repr(VM *vm, Value self)
{
    return rt_str_printf(vm, "<%s HMAC object @ %p>", md_py_name(hmac_md(self)), (void *)v_obj(self));
}

static Value hmac_get_name(VM *vm, Value self)
{
    return rt_str_printf(vm, "hmac-%s", md_py_name(hmac_md(self)));
}

static Value hmac_get_digest_size(VM *vm, Value self)
{
    return v_from_small(EVP_MD_get_size(hmac_md(self)));
}

static Value hmac_get_block_size(VM *vm, Value self)
{
    return v_from_small(EVP_MD_get_block_size(hmac_md(self)));
}

static const NativeDef hmac_methods[] = {
    {"copy", hmac_m_copy, 0},
    {"digest", hmac_m_digest, 0},
    {"hexdigest", hmac_m_hexdigest, 0},
    {"update", hmac_m_update, NF_KEYWORDS},
    {NULL, NULL, 0},
};

static const GetSetDef hmac_getsets[] = {
    {"name", hmac_get_name, NULL},
    {"digest_size", hmac_get_digest_size, NULL},
    {"block_size", hmac_get_block_size, NULL},
    {NULL, NULL, NULL},
};

static Type hmac_type = {
    .name = "_hashlib.HMAC", .instance_size = sizeof(Hmac), .flags = TF_EXTERNAL, .finalize = hmac_finalize,
    .repr = hmac_repr,
};

/* ---- key derivation ------------------------------------------------------------------------ */

/* pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None) */
static Value mod_pbkdf2_hmac(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"hash_name", "password", "salt", "iterations", "dklen", NULL};
    Value a[5];
    if (!rt_parse_args(vm, "pbkdf2_hmac", argc, argv, kwnames, names, 0, 4, a))
        return VNULL;
    if (!v_is_str(a[0]))
        return rt_raise(vm, &rt_exc_TypeError, "pbkdf2_hmac() argument 'hash_name' must be str, not %s",
                        rt_type_name(a[0]));
    RtBuffer pw, salt;
    int64_t iterations;
    if (!mp_buffer_arg(vm, a[1], &pw))
        return VNULL;
    if (!mp_buffer_arg(vm, a[2], &salt)) {
        rt_buffer_release(vm, &pw);
        return VNULL;
    }
    Value r = VNULL;
    const EVP_MD *md = NULL;
    int64_t dklen = 0;
    if (!clong_arg(vm, a[3], &iterations) || !(md = md_by_name(vm, v_cstr(a[0]))))
        goto done;
    if (pw.len > INT_MAX) {
        rt_raise(vm, &rt_exc_OverflowError, "password is too long.");
        goto done;
    }
    if (salt.len > INT_MAX) {
        rt_raise(vm, &rt_exc_OverflowError, "salt is too long.");
        goto done;
    }
    if (iterations < 1) {
        rt_raise(vm, &rt_exc_ValueError, "iteration value must be greater than 0.");
        goto done;
    }
    if (iterations > INT_MAX) {
        rt_raise(vm, &rt_exc_OverflowError, "iteration value is too great.");
        goto done;
    }
    if (!a[4] || a[4] == rt_None)
        dklen = EVP_MD_get_size(md);
    else if (!clong_arg(vm, a[4], &dklen))
        goto done;
    if (dklen < 1) {
        rt_raise(vm, &rt_exc_ValueError, "key length must be greater than 0.");
        goto done;
    }
    if (dklen > INT_MAX) {
        rt_raise(vm, &rt_exc_OverflowError, "key length is too great.");
        goto done;
    }
    uint8_t *key = malloc((size_t)dklen);
    if (!key) {
        rt_no_memory(vm);
        goto done;
    }
    ERR_clear_error();
    if (PKCS5_PBKDF2_HMAC((const char *)pw.ptr, (int)pw.len, salt.ptr, (int)salt.len,
                          (int)iterations, md, (int)dklen, key) != 1)
        raise_ssl(vm, &rt_exc_ValueError, NULL);
    else
        r = rt_bytes_new(vm, key, (size_t)dklen);
    free(key);
done:
    rt_buffer_release(vm, &salt);
    rt_buffer_release(vm, &pw);
    return r;
}

/* scrypt's n, r, p: an int (or None) read as a C unsigned long. */
static bool scrypt_uint(VM *vm, const char *what, Value v, uint64_t *out)
{
    if (v && v != rt_None && !rt_is_int(v)) {
        rt_raise(vm, &rt_exc_TypeError, "scrypt() argument '%s' must be int, not %s", what,
                 rt_type_name(v));
        return false;
    }
    int64_t i;
    if (v && v != rt_None && rt_int_sign(v) >= 0) {
        if (rt_as_i64(vm, v, &i)) {
            *out = (uint64_t)i;
            return true;
        }
        vm->exc = VNULL;
        if (rt_int_bit_length(v) <= 64) {
            /* 2**63 <= v < 2**64: the low 63 bits fit, the top one is set. */
            Value low = rt_binary_op(vm, BIN_AND, v, rt_int_from_i64(vm, INT64_MAX));
            if (!low || !rt_as_i64(vm, low, &i))
                return false;
            *out = (uint64_t)i | (1ULL << 63);
            return true;
        }
    }
    rt_raise(vm, &rt_exc_TypeError, "%s is required and must be an unsigned int", what);
    return false;
}

/* scrypt(password, *, salt=None, n=None, r=None, p=None, maxmem=0, dklen=64) */
static Value mod_scrypt(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"password", "salt", "n", "r", "p", "maxmem", "dklen", NULL};
    Value a[7];
    if (argc > 1)
        return rt_raise(vm, &rt_exc_TypeError, "scrypt() takes exactly 1 positional argument (%d given)",
                        argc);
    if (!rt_parse_args(vm, "scrypt", argc, argv, kwnames, names, 0, 1, a))
        return VNULL;
    RtBuffer pw, salt = {0};
    bool have_salt = a[1] && a[1] != rt_None;
    if (!mp_buffer_arg(vm, a[0], &pw))
        return VNULL;
    if (have_salt && !mp_buffer_arg(vm, a[1], &salt)) {
        rt_buffer_release(vm, &pw);
        return VNULL;
    }
    /* The rest of Clinic's conversions, in parameter order. */
    Value r = VNULL;
    uint64_t n, rr, p;
    int64_t maxmem = 0, dklen = 64;
    for (int i = 2; i <= 4; i++)
        if (a[i] && a[i] != rt_None && !rt_is_int(a[i])) {
            rt_raise(vm, &rt_exc_TypeError, "scrypt() argument '%s' must be int, not %s", names[i],
                     rt_type_name(a[i]));
            goto done;
        }
    if ((a[5] && !clong_arg(vm, a[5], &maxmem)) || (a[6] && !clong_arg(vm, a[6], &dklen)))
        goto done;
    if (pw.len > INT_MAX) {
        rt_raise(vm, &rt_exc_OverflowError, "password is too long.");
        goto done;
    }
    if (!have_salt) {
        rt_raise(vm, &rt_exc_TypeError, "salt is required");
        goto done;
    }
    if (salt.len > INT_MAX) {
        rt_raise(vm, &rt_exc_OverflowError, "salt is too long.");
        goto done;
    }
    if (!scrypt_uint(vm, "n", a[2], &n))
        goto done;
    if (n < 2 || (n & (n - 1))) {
        rt_raise(vm, &rt_exc_ValueError, "n must be a power of 2.");
        goto done;
    }
    if (!scrypt_uint(vm, "r", a[3], &rr) || !scrypt_uint(vm, "p", a[4], &p))
        goto done;
    if (maxmem < 0 || maxmem > INT_MAX) {
        rt_raise(vm, &rt_exc_ValueError, "maxmem must be positive and smaller than %d", INT_MAX);
        goto done;
    }
    if (dklen < 1 || dklen > INT_MAX) {
        rt_raise(vm, &rt_exc_ValueError, "dklen must be greater than 0 and smaller than %d", INT_MAX);
        goto done;
    }
    /* OpenSSL checks the combination (and the memory it needs) first. */
    ERR_clear_error();
    if (EVP_PBE_scrypt(NULL, 0, NULL, 0, n, rr, p, (uint64_t)maxmem, NULL, 0) != 1) {
        raise_ssl(vm, &rt_exc_ValueError, "Invalid parameter combination for n, r, p, maxmem.");
        goto done;
    }
    uint8_t *key = malloc((size_t)dklen);
    if (!key) {
        rt_no_memory(vm);
        goto done;
    }
    if (EVP_PBE_scrypt((const char *)pw.ptr, pw.len, salt.ptr, salt.len, n, rr, p, (uint64_t)maxmem,
                       key, (size_t)dklen) != 1)
        raise_ssl(vm, &rt_exc_ValueError, NULL);
    else
        r = rt_bytes_new(vm, key, (size_t)dklen);
    free(key);
done:
    if (have_salt)
        rt_buffer_release(vm, &salt);
    rt_buffer_release(vm, &pw);
    return r;
}

/* ---- compare_digest, get_fips_mode ---------------------------------------------------------- */

/* Equal or not, in time that depends on the length of b only (CPython's
 * _tscmp): with different lengths b is compared with itself. */
static bool const_time_eq(const uint8_t *a, size_t la, const uint8_t *b, size_t lb)
{
    const volatile uint8_t *left = la == lb ? a : b;
    const volatile uint8_t *right = b;
    uint8_t acc = la != lb;
    for (size_t i = 0; i < lb; i++)
        acc |= left[i] ^ right[i];
    return acc == 0;
}

static Value mod_compare_digest(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!mp_no_kw(vm, "_hashlib.compare_digest", kwnames) || !rt_check_nargs(vm, "compare_digest", argc, 2, 2))
        return VNULL;
    Value a = argv[0], b = argv[1];
    if (v_is_str(a) && v_is_str(b)) {
        if (!v_str(a)->ascii || !v_str(b)->ascii)
            return rt_raise(vm, &rt_exc_TypeError,
                            "comparing strings with non-ASCII characters is not supported");
        return rt_bool(const_time_eq((const uint8_t *)v_cstr(a), v_str(a)->len,
                                     (const uint8_t *)v_cstr(b), v_str(b)->len));
    }
    if (!rt_has_buffer(a) && !rt_has_buffer(b))
        return rt_raise(vm, &rt_exc_TypeError,
                        "unsupported operand types(s) or combination of types: '%s' and '%s'",
                        rt_type_name(a), rt_type_name(b));
    RtBuffer ba, bb;
    if (!rt_get_buffer(vm, a, &ba, 0))
        return VNULL;
    if (!rt_get_buffer(vm, b, &bb, 0)) {
        rt_buffer_release(vm, &ba);
        return VNULL;
    }
    bool eq = const_time_eq(ba.ptr, ba.len, bb.ptr, bb.len);
    rt_buffer_release(vm, &bb);
    rt_buffer_release(vm, &ba);
    return rt_bool(eq);
}

static Value mod_get_fips_mode(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "get_fips_mode", argc, 0, 0))
        return VNULL;
    return v_from_small(EVP_default_properties_is_fips_enabled(NULL) ? 1 : 0);
}

/* ---- the module ------------------------------------------------------------------------------ */

typedef struct NamesCtx {
    VM *vm;
    Value set;
    bool failed;
} NamesCtx;

static void add_md_name(EVP_MD *md, void *arg)
{
    NamesCtx *c = arg;
    /* As CPython: digests without an object identifier (OpenSSL's "NULL"
     * digest) are left out. */
    if (c->failed || EVP_MD_get_type(md) == NID_undef)
        return;
    Value s = rt_str_from_cstr(c->vm, md_py_name(md));
    if (!s || !rt_set_add(c->vm, c->set, s))
        c->failed = true;
}

/* Every digest the default library context provides, by Python name. */
static Value md_meth_names(VM *vm)
{
    NamesCtx c = {vm, rt_set_new(vm, &rt_frozenset_type), false};
    if (!c.set)
        return VNULL;
    EVP_MD_do_all_provided(NULL, add_md_name, &c);
    return c.failed ? VNULL : c.set;
}

static const NativeDef hashlib_functions[] = {
    {"new", mod_new, NF_KEYWORDS},
#define X(n) {"openssl_" #n, mod_openssl_##n, NF_KEYWORDS},
    CONSTRUCTORS(X)
#undef X
    {"pbkdf2_hmac", mod_pbkdf2_hmac, NF_KEYWORDS},
    {"scrypt", mod_scrypt, NF_KEYWORDS},
    {"hmac_digest", mod_hmac_digest, NF_KEYWORDS},
    {"hmac_new", mod_hmac_new, NF_KEYWORDS},
    {"compare_digest", mod_compare_digest, NF_KEYWORDS},
    {"get_fips_mode", mod_get_fips_mode, 0},
    {NULL, NULL, 0},
};

static Value make_error_class(VM *vm)
{
    Dict *ns = rt_dict_alloc(vm);
    Value bases = ns ? rt_tuple_pack(vm, 1, v_from(&rt_exc_ValueError)) : VNULL;
    if (!bases || !rt_dict_set_str(vm, ns, vm->names.__module__, rt_str_intern_cstr(vm, "_hashlib")))
        return VNULL;
    return rt_class_new(vm, rt_str_intern_cstr(vm, "UnsupportedDigestmodError"), bases, ns);
}

/* _constructors: {openssl_md5: 'md5', ...} behind a read-only proxy. */
static bool add_constructors(VM *vm, Dict *d)
{
    Dict *map = rt_dict_alloc(vm);
    if (!map)
        return false;
    for (size_t i = 0; i < sizeof constructors / sizeof *constructors; i++) {
        char fname[32];
        snprintf(fname, sizeof fname, "openssl_%s", constructors[i].name);
        Value f = rt_dict_get_cstr(vm, d, fname);
        Value name = rt_str_from_cstr(vm, constructors[i].name);
        if (!f || !name || !rt_dict_set(vm, map, f, name))
            return false;
    }
    Value proxy = rt_mappingproxy_new(vm, v_from(map));
    return proxy && rt_dict_set_cstr(vm, d, "_constructors", proxy);
}

Value mp_hashlib_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_hashlib", &d);
    if (!m || !rt_add_functions(vm, d, hashlib_functions, rt_str_intern_cstr(vm, "_hashlib")) ||
        !mp_type_ready(vm, &hash_type, d) || !mp_type_ready(vm, &hashxof_type, d) ||
        !mp_type_ready(vm, &hmac_type, d))
        return VNULL;
    if (!rt_dict_get_cstr(vm, hash_type.dict, "update") &&
        (!rt_add_methods(vm, &hash_type, hash_methods) || !rt_add_getsets(vm, &hash_type, hash_getsets) ||
         !rt_add_methods(vm, &hashxof_type, xof_methods) ||
         !rt_add_methods(vm, &hmac_type, hmac_methods) || !rt_add_getsets(vm, &hmac_type, hmac_getsets)))
        return VNULL;
    if (!unsupported_digestmod_error) {
        rt_gc_add_root(vm, &unsupported_digestmod_error);
        if (!(unsupported_digestmod_error = make_error_class(vm)))
            return VNULL;
    }
    Value names = md_meth_names(vm);
    if (!names || !rt_dict_set_cstr(vm, d, "openssl_md_meth_names", names) ||
        !rt_dict_set_cstr(vm, d, "UnsupportedDigestmodError", unsupported_digestmod_error) ||
        !add_constructors(vm, d))
        return VNULL;
    return m;
}
