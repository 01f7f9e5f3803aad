/* stdlib/marshal_mod.c — the native `marshal` module: dumps/loads/dump/load
 * over vm/marshal.c, plus private helpers (_pyc_*) through which the
 * minipy-written tools (stdlib/pycinfo.py, py_compile.py, compileall.py,
 * importlib) reach the cache code in vm/pyc.c without duplicating it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "vm/pyc.h"
#include "compiler/compiler.h"
#include "runtime/callable.h"
#include "runtime/state.h"
#include "stdlib/native.h"
#include "vm/dis.h"
#include "vm/import.h"
#include "vm/marshal.h"
#include "vm/verify.h"

static bool is_bytes(Value v) { return v_is(v, &rt_bytes_type); }

static Value need_str(VM *vm, const char *fname, Value v)
{
    if (!v_is_str(v))
        return rt_raise(vm, &rt_exc_TypeError, "%s() argument must be str, not %s", fname,
                        rt_type_name(v));
    return v;
}

/* ---- marshal proper -------------------------------------------------------- */

static Value m_dumps(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "dumps", argc, 1, 2))
        return VNULL;
    StrBuf b;
    sb_init(&b);
    if (!vm_marshal_dump(vm, argv[0], &b)) {
        sb_free(&b);
        return VNULL;
    }
    Value r = rt_bytes_new(vm, (const uint8_t *)b.data, b.len);
    sb_free(&b);
    return r;
}

static Value loads_bytes(VM *vm, const uint8_t *data, size_t len)
{
    const char *why = NULL;
    Value v = vm_marshal_load(vm, data, len, &why);
    if (!v)
        return rt_raise(vm, &rt_exc_ValueError, "bad marshal data (%s)", why);
    return v;
}

static Value m_loads(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "loads", argc, 1, 1))
        return VNULL;
    if (!is_bytes(argv[0]))
        return rt_raise(vm, &rt_exc_TypeError, "a bytes-like object is required, not '%s'",
                        rt_type_name(argv[0]));
    Bytes *b = (Bytes *)v_obj(argv[0]);
    return loads_bytes(vm, b->data, b->len);
}

static Value m_dump(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "dump", argc, 2, 3))
        return VNULL;
    Value data = m_dumps(vm, 1, argv, VNULL);
    if (!data)
        return VNULL;
    Value r = rt_call_method(vm, argv[1], "write", 1, &data);
    return r ? rt_None : VNULL;
}

static Value m_load(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "load", argc, 1, 1))
        return VNULL;
    Value data = rt_call_method(vm, argv[0], "read", 0, NULL);
    if (!data)
        return VNULL;
    return m_loads(vm, 1, &data, VNULL);
}

/* ---- cache helpers (private) ------------------------------------------------------ */

/* _pyc_cache_from_source(path, optimize) -> str */
static Value m_cache_from_source(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_pyc_cache_from_source", argc, 2, 2) ||
        !need_str(vm, "_pyc_cache_from_source", argv[0]))
        return VNULL;
    int64_t opt;
    if (!rt_as_i64(vm, argv[1], &opt))
        return VNULL;
    char *p = vm_pyc_cache_path(vm, v_cstr(argv[0]), (int)opt);
    if (!p)
        return rt_no_memory(vm);
    Value r = rt_str_from_cstr(vm, p);
    free(p);
    return r;
}

/* _pyc_source_from_cache(path) -> str; ValueError for other paths. */
static Value m_source_from_cache(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_pyc_source_from_cache", argc, 1, 1) ||
        !need_str(vm, "_pyc_source_from_cache", argv[0]))
        return VNULL;
    char *p = vm_pyc_source_from_cache(v_cstr(argv[0]));
    if (!p)
        return rt_raise(vm, &rt_exc_ValueError, "%s not a valid cache path for %s",
                        v_cstr(argv[0]), PYC_CACHE_TAG);
    Value r = rt_str_from_cstr(vm, p);
    free(p);
    return r;
}

static bool stat_source(VM *vm, const char *path, PycSource *src)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        rt_raise_oserror(vm, errno, path);
        return false;
    }
    src->path = path;
    src->mtime_ns = (uint64_t)st.st_mtim.tv_sec * 1000000000u + (uint64_t)st.st_mtim.tv_nsec;
    src->size = (uint64_t)st.st_size;
    src->mode = st.st_mode;
    return true;
}

/* _pyc_compile(source, cfile, optimize, flags) -> None: compile source and
 * write its cache to cfile (flags: 0 timestamp, 3 checked hash, 1
 * unchecked hash).  SyntaxError/OSError propagate. */
static Value m_compile(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_pyc_compile", argc, 4, 4) || !need_str(vm, "_pyc_compile", argv[0]) ||
        !need_str(vm, "_pyc_compile", argv[1]))
        return VNULL;
    int64_t opt, flags;
    if (!rt_as_i64(vm, argv[2], &opt) || !rt_as_i64(vm, argv[3], &flags))
        return VNULL;
    if (flags & ~(int64_t)PYC_FLAGS_KNOWN || flags == PYC_FLAG_CHECK_SOURCE)
        return rt_raise(vm, &rt_exc_ValueError, "invalid pyc flags %lld", (long long)flags);
    PycSource src = {0};
    const char *path = v_cstr(argv[0]);
    if (!stat_source(vm, path, &src))
        return VNULL;
    if (!vm_pyc_read_source(&src))
        return rt_raise_oserror(vm, errno, path);
    Code *code = cg_compile_source(vm, src.data, src.len, path, PARSE_FILE, (int)opt);
    if (!code) {
        free(src.data);
        return VNULL;
    }
    const char *why = NULL;
    bool ok = vm_pyc_write(vm, v_cstr(argv[1]), code, (uint32_t)flags, &src, &why);
    free(src.data);
    if (!ok)
        return rt_raise(vm, &rt_exc_OSError, "could not write '%s': %s", v_cstr(argv[1]), why);
    return rt_None;
}

static bool set(VM *vm, Dict *d, const char *k, Value v)
{
    return v && rt_dict_set_cstr(vm, d, k, v);
}

/* _pyc_header(path) -> dict of the header's fields; 'error' holds why the
 * header is refused (None when it is well-formed). */
static Value m_header(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_pyc_header", argc, 1, 1) || !need_str(vm, "_pyc_header", argv[0]))
        return VNULL;
    char *data;
    size_t len;
    if (!vm_read_file(v_cstr(argv[0]), &data, &len))
        return rt_raise_oserror(vm, errno, v_cstr(argv[0]));
    PycHeader h;
    const char *why = vm_pyc_header_decode((const uint8_t *)data, len, &h);
    Value dv = rt_dict_new(vm);
    Dict *d = dv ? v_dict(dv) : NULL;
    bool ok = d && set(vm, d, "magic", rt_bytes_new(vm, (const uint8_t *)data, len < 4 ? len : 4)) &&
              set(vm, d, "size", rt_int_from_u64(vm, len)) &&
              set(vm, d, "flags", rt_int_from_u64(vm, h.flags)) &&
              set(vm, d, "hash_based", rt_bool(h.flags & PYC_FLAG_HASH)) &&
              set(vm, d, "check_source", rt_bool(h.flags & PYC_FLAG_CHECK_SOURCE)) &&
              set(vm, d, "mtime_ns", rt_int_from_u64(vm, h.mtime_ns)) &&
              set(vm, d, "source_size", rt_int_from_u64(vm, h.source_size)) &&
              set(vm, d, "source_hash", rt_int_from_u64(vm, h.source_hash)) &&
              set(vm, d, "checksum", rt_int_from_u64(vm, h.checksum)) &&
              set(vm, d, "payload_checksum",
                  rt_int_from_u64(vm, len >= PYC_HEADER_SIZE
                                          ? vm_pyc_hash(data + PYC_HEADER_SIZE, len - PYC_HEADER_SIZE)
                                          : 0)) &&
              set(vm, d, "error", why ? rt_str_from_cstr(vm, why) : rt_None);
    free(data);
    return ok ? dv : VNULL;
}

/* _pyc_check(path, source_or_None) -> (status, reason): status 'ok',
 * 'missing', 'stale' or 'bad' after every load step (verifier included). */
static Value m_check(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_pyc_check", argc, 2, 2) || !need_str(vm, "_pyc_check", argv[0]))
        return VNULL;
    PycSource src = {0}, *srcp = NULL;
    if (argv[1] != rt_None) {
        if (!need_str(vm, "_pyc_check", argv[1]) || !stat_source(vm, v_cstr(argv[1]), &src))
            return VNULL;
        srcp = &src;
    }
    Code *code;
    const char *why = NULL;
    uint32_t flags;
    PycStatus st = vm_pyc_load(vm, v_cstr(argv[0]), srcp, &code, &why, &flags);
    free(src.data);
    static const char *const names[] = {"ok", "missing", "stale", "bad"};
    Value s = rt_str_from_cstr(vm, names[st]);
    Value r = st == PYC_OK ? rt_None : rt_str_from_cstr(vm, why ? why : "");
    return s && r ? rt_tuple_pack(vm, 2, s, r) : VNULL;
}

/* _pyc_load(path) -> code: the payload of a cache file, verified, without
 * source checks (dis, pycinfo).  ImportError with the reason otherwise. */
static Value m_pyc_load(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_pyc_load", argc, 1, 1) || !need_str(vm, "_pyc_load", argv[0]))
        return VNULL;
    Code *code;
    const char *why = NULL;
    uint32_t flags;
    if (vm_pyc_load(vm, v_cstr(argv[0]), NULL, &code, &why, &flags) != PYC_OK)
        return rt_raise(vm, &rt_exc_ImportError, "cannot load '%s': %s", v_cstr(argv[0]), why);
    return v_from(code);
}

/* _verify(code) -> None or the verifier's reason. */
static Value m_verify(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_verify", argc, 1, 1))
        return VNULL;
    if (!v_is(argv[0], &rt_code_type))
        return rt_raise(vm, &rt_exc_TypeError, "_verify() argument must be code, not %s",
                        rt_type_name(argv[0]));
    const char *why = vm_verify_code(vm, (Code *)v_obj(argv[0]));
    return why ? rt_str_from_cstr(vm, why) : rt_None;
}

/* _source_hash(bytes) -> int (the hash stored in hash-based caches). */
static Value m_source_hash(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_source_hash", argc, 1, 1))
        return VNULL;
    if (!is_bytes(argv[0]))
        return rt_raise(vm, &rt_exc_TypeError, "a bytes-like object is required, not '%s'",
                        rt_type_name(argv[0]));
    Bytes *b = (Bytes *)v_obj(argv[0]);
    return rt_int_from_u64(vm, vm_pyc_hash(b->data, b->len));
}

/* _dis(code) -> str: the listing of vm/dis.c, for stdlib/dis.py. */
static Value m_dis(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_dis", argc, 1, 1))
        return VNULL;
    if (!v_is(argv[0], &rt_code_type))
        return rt_raise(vm, &rt_exc_TypeError, "_dis() argument must be code, not %s",
                        rt_type_name(argv[0]));
    StrBuf b;
    sb_init(&b);
    if (!vm_dis_code(vm, (Code *)v_obj(argv[0]), &b)) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

/* _reload(module, path) -> module: importlib.reload's loader part
 * (vm/import.c): the module's current code run in its own namespace. */
static Value m_reload(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_reload", argc, 2, 2))
        return VNULL;
    return vm_import_reload(vm, argv[0], argv[1]);
}

/* _invalidate_caches() -> None: the finder forgets its folder listings. */
static Value m_invalidate_caches(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_invalidate_caches", argc, 0, 0))
        return VNULL;
    vm_import_invalidate_caches(vm);
    return rt_None;
}

static const NativeDef marshal_functions[] = {
    {"_dis", m_dis, 0},
    {"dumps", m_dumps, 0},
    {"loads", m_loads, 0},
    {"dump", m_dump, 0},
    {"load", m_load, 0},
    {"_pyc_cache_from_source", m_cache_from_source, 0},
    {"_pyc_source_from_cache", m_source_from_cache, 0},
    {"_pyc_compile", m_compile, 0},
    {"_pyc_header", m_header, 0},
    {"_pyc_check", m_check, 0},
    {"_pyc_load", m_pyc_load, 0},
    {"_verify", m_verify, 0},
    {"_source_hash", m_source_hash, 0},
    {"_reload", m_reload, 0},
    {"_invalidate_caches", m_invalidate_caches, 0},
    {NULL, NULL, 0},
};

Value mp_marshal_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "marshal", &d);
    if (!m || !rt_add_functions(vm, d, marshal_functions, rt_str_intern_cstr(vm, "marshal")))
        return VNULL;
    uint8_t magic[4];
    vm_pyc_magic(magic);
    if (!set(vm, d, "version", v_from_small(PYC_FORMAT)) ||
        !set(vm, d, "_MAGIC", rt_bytes_new(vm, magic, 4)) ||
        !set(vm, d, "_CACHE_TAG", rt_str_from_cstr(vm, PYC_CACHE_TAG)) ||
        !set(vm, d, "_HEADER_SIZE", v_from_small(PYC_HEADER_SIZE)) ||
        !set(vm, d, "_FLAG_HASH", v_from_small(PYC_FLAG_HASH)) ||
        !set(vm, d, "_FLAG_CHECK_SOURCE", v_from_small(PYC_FLAG_CHECK_SOURCE)))
        return VNULL;
    return m;
}
