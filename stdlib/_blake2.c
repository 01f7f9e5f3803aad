/* stdlib/_blake2.c — the _blake2 module (blake2b, blake2s) over libb2
 * (Debian's libb2-dev), with the interface of CPython 3.11's
 * Modules/_blake2: keyed hashing, salt, personalization and the tree
 * parameters of RFC 7693 / the BLAKE2 paper.  hashlib.py takes blake2b and
 * blake2s from here rather than from OpenSSL, whose BLAKE2 has no key, salt
 * or tree parameters. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <blake2.h>

#include "stdlib/mp_bytesout.h"
#include "stdlib/native.h"

typedef struct Blake {
    Obj hdr;
    union {
        blake2b_state b;
        blake2s_state s;
    } st;
    int digest_size;
} Blake;

static Type blake2b_type, blake2s_type;

static inline Blake *BLAKE(Value v) { return (Blake *)v_obj(v); }
static inline bool is_b(Value v) { return v_type(v) == &blake2b_type; }

/* The sizes of one variant, for checks and messages. */
typedef struct Variant {
    const char *name;
    Type *type;
    int max_digest, max_key, salt, person, block;
    uint64_t max_node_offset;
} Variant;

static const Variant var_b = {"blake2b", &blake2b_type, BLAKE2B_OUTBYTES, BLAKE2B_KEYBYTES,
                              BLAKE2B_SALTBYTES, BLAKE2B_PERSONALBYTES, BLAKE2B_BLOCKBYTES,
                              UINT64_MAX};
static const Variant var_s = {"blake2s", &blake2s_type, BLAKE2S_OUTBYTES, BLAKE2S_KEYBYTES,
                              BLAKE2S_SALTBYTES, BLAKE2S_PERSONALBYTES, BLAKE2S_BLOCKBYTES,
                              (1ULL << 48) - 1};

/* ---- argument conversions (Argument Clinic's, with their messages) ------------------ */

/* `int`: an index that fits a C int. */
static bool c_int(VM *vm, Value v, int *out)
{
    int64_t i;
    Value x = rt_index(vm, v);
    if (!x)
        return false;
    if (!rt_as_i64(vm, x, &i) || i < INT_MIN || i > INT_MAX) {
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C int");
        return false;
    }
    *out = (int)i;
    return true;
}

/* _PyLong_UnsignedLong(Long)_Converter: a non-negative int below 2**64;
 * `too_big` is the overflow message of the C type. */
static bool c_unsigned(VM *vm, Value v, const char *too_big, uint64_t *out)
{
    if (!rt_is_int(v)) {
        rt_raise(vm, &rt_exc_TypeError, "an integer is required");
        return false;
    }
    if (rt_int_sign(v) < 0) {
        rt_raise(vm, &rt_exc_ValueError, "value must be positive");
        return false;
    }
    int64_t i;
    if (rt_as_i64(vm, v, &i)) {
        *out = (uint64_t)i;
        return true;
    }
    vm->exc = VNULL;
    if (rt_int_bit_length(v) > 64) {
        rt_raise(vm, &rt_exc_OverflowError, "%s", too_big);
        return false;
    }
    /* 2**63 <= v < 2**64: the low 63 bits fit, the top one is set. */
    Value low = rt_binary_op(vm, BIN_AND, v, rt_int_from_i64(vm, INT64_MAX));
    if (!low || !rt_as_i64(vm, low, &i))
        return false;
    *out = (uint64_t)i | (1ULL << 63);
    return true;
}

/* CPython's GET_BUFFER_VIEW_OR_ERROUT, for data to hash. */
static bool data_arg(VM *vm, Value v, RtBuffer *b)
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

static void store32le(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void store_le(uint8_t *p, uint64_t v, int n)
{
    for (int i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* ---- construction ------------------------------------------------------------------------ */

/* The parameters after conversion and range checks. */
typedef struct Params {
    int digest_size, fanout, depth, node_depth, inner_size;
    uint64_t leaf_size, node_offset;
    bool last_node;
    RtBuffer key, salt, person;
} Params;

/* Byte-string parameters (key, salt, person): bytes-like, or absent. */
static bool bytes_param(VM *vm, Value v, RtBuffer *b)
{
    if (!v) {
        *b = (RtBuffer){0};
        return true;
    }
    return rt_get_buffer(vm, v, b, 0);
}

static void release_params(VM *vm, Params *p)
{
    if (p->key.obj)
        rt_buffer_release(vm, &p->key);
    if (p->salt.obj)
        rt_buffer_release(vm, &p->salt);
    if (p->person.obj)
        rt_buffer_release(vm, &p->person);
}

static bool value_error(VM *vm, const char *fmt, int n)
{
    rt_raise(vm, &rt_exc_ValueError, fmt, n);
    return false;
}

/* CPython's range checks, in its order (the key's length comes last). */
static bool check_params(VM *vm, const Variant *var, const Params *p)
{
    if (p->digest_size <= 0 || p->digest_size > var->max_digest)
        return value_error(vm, "digest_size must be between 1 and %d bytes", var->max_digest);
    if (p->salt.len > (size_t)var->salt)
        return value_error(vm, "maximum salt length is %d bytes", var->salt);
    if (p->person.len > (size_t)var->person)
        return value_error(vm, "maximum person length is %d bytes", var->person);
    if (p->fanout < 0 || p->fanout > 255)
        return value_error(vm, "fanout must be between 0 and 255", 0);
    if (p->depth <= 0 || p->depth > 255)
        return value_error(vm, "depth must be between 1 and 255", 0);
    if (p->leaf_size > 0xFFFFFFFFu) {
        rt_raise(vm, &rt_exc_OverflowError, "leaf_size is too large");
        return false;
    }
    if (p->node_offset > var->max_node_offset) {
        rt_raise(vm, &rt_exc_OverflowError, "node_offset is too large");
        return false;
    }
    if (p->node_depth < 0 || p->node_depth > 255)
        return value_error(vm, "node_depth must be between 0 and 255", 0);
    if (p->inner_size < 0 || p->inner_size > var->max_digest)
        /* "and is": CPython's wording, typo included. */
        return value_error(vm, "inner_size must be between 0 and is %d", var->max_digest);
    if (p->key.len > (size_t)var->max_key)
        return value_error(vm, "maximum key length is %d bytes", var->max_key);
    return true;
}

enum { A_DATA, A_DIGEST, A_KEY, A_SALT, A_PERSON, A_FANOUT, A_DEPTH, A_LEAF, A_OFFSET, A_NDEPTH,
       A_INNER, A_LAST, A_SECURITY, A__COUNT };

/* Clinic converts in parameter order, then the body checks in its own. */
static bool parse_params(VM *vm, const Variant *var, Value *a, Params *p)
{
    *p = (Params){var->max_digest, 1, 1, 0, 0, 0, 0, false, {0}, {0}, {0}};
    if ((a[A_DIGEST] && !c_int(vm, a[A_DIGEST], &p->digest_size)) ||
        !bytes_param(vm, a[A_KEY], &p->key))
        return false;
    if (!bytes_param(vm, a[A_SALT], &p->salt) ||
        !bytes_param(vm, a[A_PERSON], &p->person) ||
        (a[A_FANOUT] && !c_int(vm, a[A_FANOUT], &p->fanout)) ||
        (a[A_DEPTH] && !c_int(vm, a[A_DEPTH], &p->depth)) ||
        (a[A_LEAF] && !c_unsigned(vm, a[A_LEAF], "Python int too large to convert to C unsigned long",
                                  &p->leaf_size)) ||
        (a[A_OFFSET] && !c_unsigned(vm, a[A_OFFSET], "int too big to convert", &p->node_offset)) ||
        (a[A_NDEPTH] && !c_int(vm, a[A_NDEPTH], &p->node_depth)) ||
        (a[A_INNER] && !c_int(vm, a[A_INNER], &p->inner_size)))
        return false;
    int last = a[A_LAST] ? rt_truthy(vm, a[A_LAST]) : 0;
    int sec = a[A_SECURITY] ? rt_truthy(vm, a[A_SECURITY]) : 1;
    if (last < 0 || sec < 0)
        return false;
    p->last_node = last;
    return check_params(vm, var, p);
}

/* Initialise the state from the parameter block, then absorb the key as
 * one zero-padded block (RFC 7693 §3.3). */
static bool blake_init(VM *vm, Value self, const Params *p)
{
    Blake *h = BLAKE(self);
    uint8_t block[BLAKE2B_BLOCKBYTES] = {0};
    int rc;
    h->digest_size = p->digest_size;
    if (is_b(self)) {
        blake2b_param P;
        memset(&P, 0, sizeof P);
        P.digest_length = (uint8_t)p->digest_size;
        P.key_length = (uint8_t)p->key.len;
        P.fanout = (uint8_t)p->fanout;
        P.depth = (uint8_t)p->depth;
        store32le((uint8_t *)&P.leaf_length, (uint32_t)p->leaf_size);
        store_le((uint8_t *)&P.node_offset, p->node_offset, 8);
        P.node_depth = (uint8_t)p->node_depth;
        P.inner_length = (uint8_t)p->inner_size;
        if (p->salt.len)
            memcpy(P.salt, p->salt.ptr, p->salt.len);
        if (p->person.len)
            memcpy(P.personal, p->person.ptr, p->person.len);
        rc = blake2b_init_param(&h->st.b, &P);
        h->st.b.last_node = p->last_node;
        if (rc == 0 && p->key.len) {
            memcpy(block, p->key.ptr, p->key.len);
            rc = blake2b_update(&h->st.b, block, BLAKE2B_BLOCKBYTES);
        }
    } else {
        blake2s_param P;
        memset(&P, 0, sizeof P);
        P.digest_length = (uint8_t)p->digest_size;
        P.key_length = (uint8_t)p->key.len;
        P.fanout = (uint8_t)p->fanout;
        P.depth = (uint8_t)p->depth;
        store32le((uint8_t *)&P.leaf_length, (uint32_t)p->leaf_size);
        store_le(P.node_offset, p->node_offset, 6);
        P.node_depth = (uint8_t)p->node_depth;
        P.inner_length = (uint8_t)p->inner_size;
        if (p->salt.len)
            memcpy(P.salt, p->salt.ptr, p->salt.len);
        if (p->person.len)
            memcpy(P.personal, p->person.ptr, p->person.len);
        rc = blake2s_init_param(&h->st.s, &P);
        h->st.s.last_node = p->last_node;
        if (rc == 0 && p->key.len) {
            memcpy(block, p->key.ptr, p->key.len);
            rc = blake2s_update(&h->st.s, block, BLAKE2S_BLOCKBYTES);
        }
    }
    memset(block, 0, sizeof block);
    if (rc != 0)
        rt_raise(vm, &rt_exc_ValueError, "BLAKE2 parameter block rejected");
    return rc == 0;
}

static bool blake_update(VM *vm, Value self, Value data)
{
    RtBuffer b;
    if (!data_arg(vm, data, &b))
        return false;
    if (is_b(self))
        blake2b_update(&BLAKE(self)->st.b, b.ptr, b.len);
    else
        blake2s_update(&BLAKE(self)->st.s, b.ptr, b.len);
    rt_buffer_release(vm, &b);
    return true;
}

static Value blake_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"data", "digest_size", "key", "salt", "person", "fanout",
                                        "depth", "leaf_size", "node_offset", "node_depth",
                                        "inner_size", "last_node", "usedforsecurity", NULL};
    const Variant *var = type == &blake2b_type ? &var_b : &var_s;
    Value a[A__COUNT];
    if (argc > 1)
        return rt_raise(vm, &rt_exc_TypeError, "%s() takes at most 1 positional argument (%d given)",
                        var->name, argc);
    /* data is positional-only: by keyword it is an unknown name. */
    a[A_DATA] = argc ? argv[0] : VNULL;
    if (!rt_parse_args(vm, var->name, 0, argv + argc, kwnames, names + 1, 0, 0, a + 1))
        return VNULL;
    Params p;
    Value self = VNULL;
    if (parse_params(vm, var, a, &p) && (self = v_from(rt_alloc(vm, type, sizeof(Blake)))) &&
        !blake_init(vm, self, &p))
        self = VNULL;
    release_params(vm, &p);
    if (self && a[A_DATA] && !blake_update(vm, self, a[A_DATA]))
        return VNULL;
    return self;
}

/* ---- methods ------------------------------------------------------------------------------ */

static Value m_update(VM *vm, int argc, Value *argv, Value kwnames)
{
    const char *fname = is_b(argv[0]) ? "blake2b.update" : "blake2s.update";
    if (!mp_no_kw(vm, fname, kwnames) || !rt_check_nargs(vm, fname, argc - 1, 1, 1))
        return VNULL;
    return blake_update(vm, argv[0], argv[1]) ? rt_None : VNULL;
}

/* The digest of a copy of the state: the object goes on hashing. */
static void blake_final(Value self, uint8_t *out)
{
    Blake *h = BLAKE(self);
    if (is_b(self)) {
        blake2b_state tmp = h->st.b;
        blake2b_final(&tmp, out, (size_t)h->digest_size);
    } else {
        blake2s_state tmp = h->st.s;
        blake2s_final(&tmp, out, (size_t)h->digest_size);
    }
}

static Value m_digest(VM *vm, int argc, Value *argv, Value kwnames)
{
    uint8_t out[BLAKE2B_OUTBYTES];
    if (!rt_check_nargs(vm, is_b(argv[0]) ? "blake2b.digest" : "blake2s.digest", argc - 1, 0, 0))
        return VNULL;
    blake_final(argv[0], out);
    return rt_bytes_new(vm, out, (size_t)BLAKE(argv[0])->digest_size);
}

static Value m_hexdigest(VM *vm, int argc, Value *argv, Value kwnames)
{
    uint8_t out[BLAKE2B_OUTBYTES];
    if (!rt_check_nargs(vm, is_b(argv[0]) ? "blake2b.hexdigest" : "blake2s.hexdigest", argc - 1, 0, 0))
        return VNULL;
    blake_final(argv[0], out);
    return rt_hex_view(vm, out, (size_t)BLAKE(argv[0])->digest_size, VNULL, VNULL);
}

static Value m_copy(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, is_b(argv[0]) ? "blake2b.copy" : "blake2s.copy", argc - 1, 0, 0))
        return VNULL;
    Blake *c = rt_alloc(vm, v_type(argv[0]), sizeof(Blake));
    if (!c)
        return VNULL;
    c->st = BLAKE(argv[0])->st;
    c->digest_size = BLAKE(argv[0])->digest_size;
    return v_from(c);
}

static Value get_name(VM *vm, Value self) { return rt_str_from_cstr(vm, is_b(self) ? "blake2b" : "blake2s"); }
static Value get_digest_size(VM *vm, Value self) { return v_from_small(BLAKE(self)->digest_size); }
static Value get_block_size(VM *vm, Value self)
{
    return v_from_small(is_b(self) ? BLAKE2B_BLOCKBYTES : BLAKE2S_BLOCKBYTES);
}

static const NativeDef blake_methods[] = {
    {"copy", m_copy, 0},
    {"digest", m_digest, 0},
    {"hexdigest", m_hexdigest, 0},
    {"update", m_update, NF_KEYWORDS},
    {NULL, NULL, 0},
};

static const GetSetDef blake_getsets[] = {
    {"name", get_name, NULL},
    {"digest_size", get_digest_size, NULL},
    {"block_size", get_block_size, NULL},
    {NULL, NULL, NULL},
};

static Type blake2b_type = {.name = "_blake2.blake2b", .instance_size = sizeof(Blake), .new = blake_new};
static Type blake2s_type = {.name = "_blake2.blake2s", .instance_size = sizeof(Blake), .new = blake_new};

/* ---- the module ---------------------------------------------------------------------------- */

/* SALT_SIZE... on the type, BLAKE2B_SALT_SIZE... in the module. */
static bool add_sizes(VM *vm, Dict *d, const Variant *var, const char *prefix)
{
    static const char *const names[] = {"SALT_SIZE", "PERSON_SIZE", "MAX_KEY_SIZE", "MAX_DIGEST_SIZE"};
    const int values[] = {var->salt, var->person, var->max_key, var->max_digest};
    for (int i = 0; i < 4; i++) {
        char full[40];
        snprintf(full, sizeof full, "%s_%s", prefix, names[i]);
        if (!rt_dict_set_cstr(vm, var->type->dict, names[i], v_from_small(values[i])) ||
            !rt_dict_set_cstr(vm, d, full, v_from_small(values[i])))
            return false;
    }
    return true;
}

Value mp_blake2_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_blake2", &d);
    if (!m || !mp_type_ready(vm, &blake2b_type, d) || !mp_type_ready(vm, &blake2s_type, d))
        return VNULL;
    if (!rt_dict_get_cstr(vm, blake2b_type.dict, "update") &&
        (!rt_add_methods(vm, &blake2b_type, blake_methods) ||
         !rt_add_getsets(vm, &blake2b_type, blake_getsets) ||
         !rt_add_methods(vm, &blake2s_type, blake_methods) ||
         !rt_add_getsets(vm, &blake2s_type, blake_getsets)))
        return VNULL;
    if (!add_sizes(vm, d, &var_b, "BLAKE2B") || !add_sizes(vm, d, &var_s, "BLAKE2S"))
        return VNULL;
    return m;
}
