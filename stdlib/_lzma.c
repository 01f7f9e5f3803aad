/* stdlib/_lzma.c — the _lzma module over Debian's liblzma, with the
 * interface and messages of CPython 3.11's Modules/_lzmamodule.c:
 * LZMACompressor and LZMADecompressor for the .xz, legacy .lzma and raw
 * formats, filter chains given as dicts (LZMA1/2, delta, the BCJ filters),
 * is_check_supported, _encode/_decode_filter_properties (lzma.py imports
 * them), the FORMAT_* / CHECK_* / FILTER_* / MF_* / MODE_* / PRESET_*
 * constants and LZMAError. */
#include <limits.h>
#include <stdlib.h>

#include <lzma.h>

#include "stdlib/mp_bytesout.h"
#include "stdlib/native.h"

enum { FORMAT_AUTO, FORMAT_XZ, FORMAT_ALONE, FORMAT_RAW };
/* The check of a stream not read far enough to know it (CPython's value). */
#define LZMA_CHECK_UNKNOWN (LZMA_CHECK_ID_MAX + 1)

static Value lzma_error; /* _lzma.LZMAError */

static Value raise_lzma(VM *vm, const char *fmt, unsigned long long n)
{
    return rt_raise(vm, (Type *)v_obj(lzma_error), fmt, n);
}

/* CPython's catch_lzma_error: true (exception set) for an error code. */
static bool lzma_failed(VM *vm, lzma_ret ret)
{
    switch (ret) {
    case LZMA_OK:
    case LZMA_GET_CHECK:
    case LZMA_NO_CHECK:
    case LZMA_STREAM_END:
        return false;
    case LZMA_UNSUPPORTED_CHECK:
        raise_lzma(vm, "Unsupported integrity check", 0);
        break;
    case LZMA_MEM_ERROR:
        rt_no_memory(vm);
        break;
    case LZMA_MEMLIMIT_ERROR:
        raise_lzma(vm, "Memory usage limit exceeded", 0);
        break;
    case LZMA_FORMAT_ERROR:
        raise_lzma(vm, "Input format not supported by decoder", 0);
        break;
    case LZMA_OPTIONS_ERROR:
        raise_lzma(vm, "Invalid or unsupported options", 0);
        break;
    case LZMA_DATA_ERROR:
        raise_lzma(vm, "Corrupt input data", 0);
        break;
    case LZMA_BUF_ERROR:
        raise_lzma(vm, "Insufficient buffer space", 0);
        break;
    case LZMA_PROG_ERROR:
        raise_lzma(vm, "Internal error", 0);
        break;
    default:
        raise_lzma(vm, "Unrecognized error from liblzma: %llu", (unsigned long long)ret);
        break;
    }
    return true;
}

/* ---- integer conversions ------------------------------------------------------------ */

/* PyLong_AsUnsignedLongLong: an int in [0, 2**64). */
static bool as_u64(VM *vm, Value v, uint64_t *out)
{
    if (!rt_is_int(v)) {
        rt_raise(vm, &rt_exc_TypeError, "an integer is required");
        return false;
    }
    if (rt_int_sign(v) < 0) {
        rt_raise(vm, &rt_exc_OverflowError, "can't convert negative int to unsigned");
        return false;
    }
    int64_t i;
    if (rt_as_i64(vm, v, &i)) {
        *out = (uint64_t)i;
        return true;
    }
    vm->exc = VNULL;
    if (rt_int_bit_length(v) > 64) {
        rt_raise(vm, &rt_exc_OverflowError, "int too big to convert");
        return false;
    }
    /* 2**63 <= v < 2**64: the low 63 bits fit, the top one is set. */
    Value low = rt_binary_op(vm, BIN_AND, v, rt_int_from_i64(vm, INT64_MAX));
    if (!low || !rt_as_i64(vm, low, &i))
        return false;
    *out = (uint64_t)i | (1ULL << 63);
    return true;
}

/* CPython's uint32_converter. */
static bool as_u32(VM *vm, Value v, uint32_t *out)
{
    uint64_t u;
    if (!as_u64(vm, v, &u))
        return false;
    if (u > UINT32_MAX) {
        rt_raise(vm, &rt_exc_OverflowError, "Value too large for uint32_t type");
        return false;
    }
    *out = (uint32_t)u;
    return true;
}

/* PyArg's "i": a C int, with getargs' overflow messages. */
static bool as_int_i(VM *vm, Value v, int *out)
{
    Value x = rt_index(vm, v);
    int64_t i;
    if (!x)
        return false;
    if (!rt_as_i64(vm, x, &i) || i > INT_MAX) {
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_OverflowError, rt_int_sign(x) < 0 ? "signed integer is less than minimum"
                                                               : "signed integer is greater than maximum");
        return false;
    }
    if (i < INT_MIN) {
        rt_raise(vm, &rt_exc_OverflowError, "signed integer is less than minimum");
        return false;
    }
    *out = (int)i;
    return true;
}

/* ---- filter specifiers ---------------------------------------------------------------- */

/* Read the keys of a filter dict into `out` (by name); any other key, a
 * non-dict or a bad value is the caller's ValueError.  uint32 values. */
static bool spec_options(VM *vm, Value spec, const char *const *names, Value *out)
{
    if (!v_isa(spec, &rt_dict_type))
        return false;
    Dict *d = v_dict(spec);
    Value k, v;
    for (size_t pos = 0; rt_dict_next(d, &pos, &k, &v);) {
        int i;
        if (!v_is_str(k))
            return false;
        for (i = 0; names[i]; i++)
            if (strcmp(v_cstr(k), names[i]) == 0)
                break;
        if (!names[i])
            return false;
        out[i] = v;
    }
    return true;
}

/* CPython's parse_filter_spec_lzma: a preset, then the keys given. */
static void *spec_lzma(VM *vm, Value spec)
{
    static const char *const names[] = {"id", "preset", "dict_size", "lc", "lp", "pb",
                                        "mode", "nice_len", "mf", "depth", NULL};
    uint32_t preset = LZMA_PRESET_DEFAULT;
    Value p = rt_getitem(vm, spec, rt_str_intern_cstr(vm, "preset"));
    if (!p) {
        if (!rt_exc_clear_if(vm, &rt_exc_KeyError))
            return NULL;
    } else if (!as_u32(vm, p, &preset)) {
        return NULL;
    }
    lzma_options_lzma *opt = calloc(1, sizeof *opt);
    if (!opt) {
        rt_no_memory(vm);
        return NULL;
    }
    if (lzma_lzma_preset(opt, preset)) {
        free(opt);
        raise_lzma(vm, "Invalid compression preset: %llu", preset);
        return NULL;
    }
    Value o[10] = {0};
    bool ok = spec_options(vm, spec, names, o);
    uint32_t u;
    for (int i = 2; ok && i < 10; i++) {
        if (!o[i])
            continue;
        if (!as_u32(vm, o[i], &u)) {
            ok = false;
            break;
        }
        switch (i) {
        case 2: opt->dict_size = u; break;
        case 3: opt->lc = u; break;
        case 4: opt->lp = u; break;
        case 5: opt->pb = u; break;
        /* mode and mf are not checked here: liblzma refuses bad ones. */
        case 6: opt->mode = (lzma_mode)u; break;
        case 7: opt->nice_len = u; break;
        case 8: opt->mf = (lzma_match_finder)u; break;
        case 9: opt->depth = u; break;
        }
    }
    if (!ok) {
        free(opt);
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_ValueError, "Invalid filter specifier for LZMA filter");
        return NULL;
    }
    return opt;
}

/* Delta ("dist", default 1) and BCJ ("start_offset", default 0). */
static void *spec_small(VM *vm, Value spec, bool delta)
{
    static const char *const delta_names[] = {"id", "dist", NULL};
    static const char *const bcj_names[] = {"id", "start_offset", NULL};
    Value o[2] = {0};
    uint32_t u = delta ? 1 : 0;
    bool ok = spec_options(vm, spec, delta ? delta_names : bcj_names, o) && (!o[1] || as_u32(vm, o[1], &u));
    if (!ok) {
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_ValueError, "Invalid filter specifier for %s filter", delta ? "delta" : "BCJ");
        return NULL;
    }
    if (delta) {
        lzma_options_delta *opt = calloc(1, sizeof *opt);
        if (opt) {
            opt->type = LZMA_DELTA_TYPE_BYTE;
            opt->dist = u;
        }
        return opt ? (void *)opt : (void *)rt_no_memory(vm);
    }
    lzma_options_bcj *opt = calloc(1, sizeof *opt);
    if (opt)
        opt->start_offset = u;
    return opt ? (void *)opt : (void *)rt_no_memory(vm);
}

static bool is_bcj(lzma_vli id)
{
    return id == LZMA_FILTER_X86 || id == LZMA_FILTER_POWERPC || id == LZMA_FILTER_IA64 ||
           id == LZMA_FILTER_ARM || id == LZMA_FILTER_ARMTHUMB || id == LZMA_FILTER_SPARC;
}

/* CPython's lzma_filter_converter: one dict into f (options malloc'd). */
static bool parse_filter(VM *vm, Value spec, lzma_filter *f)
{
    f->id = LZMA_VLI_UNKNOWN;
    f->options = NULL;
    Type *t = v_type(spec);
    if (!t->getitem || v_isa(spec, &rt_list_type) || v_isa(spec, &rt_tuple_type) || v_is_str(spec)) {
        rt_raise(vm, &rt_exc_TypeError, "Filter specifier must be a dict or dict-like object");
        return false;
    }
    Value id = rt_getitem(vm, spec, rt_str_intern_cstr(vm, "id"));
    if (!id) {
        if (rt_exc_clear_if(vm, &rt_exc_KeyError))
            rt_raise(vm, &rt_exc_ValueError, "Filter specifier must have an \"id\" entry");
        return false;
    }
    uint64_t fid;
    if (!as_u64(vm, id, &fid))
        return false;
    if (fid == LZMA_FILTER_LZMA1 || fid == LZMA_FILTER_LZMA2)
        f->options = spec_lzma(vm, spec);
    else if (fid == LZMA_FILTER_DELTA || is_bcj(fid))
        f->options = spec_small(vm, spec, fid == LZMA_FILTER_DELTA);
    else {
        rt_raise(vm, &rt_exc_ValueError, "Invalid filter ID: %llu", (unsigned long long)fid);
        return false;
    }
    if (!f->options)
        return false;
    f->id = fid;
    return true;
}

static void free_chain(lzma_filter *chain)
{
    for (int i = 0; chain[i].id != LZMA_VLI_UNKNOWN; i++) {
        free(chain[i].options);
        chain[i].options = NULL;
    }
}

/* A sequence of filter dicts into chain[] (ended by LZMA_VLI_UNKNOWN). */
static bool parse_chain(VM *vm, Value specs, lzma_filter chain[LZMA_FILTERS_MAX + 1])
{
    chain[0].id = LZMA_VLI_UNKNOWN;
    if (v_isa(specs, &rt_dict_type)) {
        rt_raise(vm, &rt_exc_TypeError, "%s is not a sequence", rt_type_name(specs));
        return false;
    }
    int64_t n = rt_len(vm, specs);
    if (n < 0)
        return false;
    if (n > LZMA_FILTERS_MAX) {
        rt_raise(vm, &rt_exc_ValueError, "Too many filters - liblzma supports a maximum of %d",
                 LZMA_FILTERS_MAX);
        return false;
    }
    for (int64_t i = 0; i < n; i++) {
        Value spec = rt_getitem(vm, specs, v_from_small(i));
        if (!spec || !parse_filter(vm, spec, &chain[i])) {
            chain[i].id = LZMA_VLI_UNKNOWN;
            free_chain(chain);
            return false;
        }
        chain[i + 1].id = LZMA_VLI_UNKNOWN;
    }
    return true;
}

static void *xz_alloc(void *vm, size_t n, size_t m) { return mp_lib_alloc(vm, n, m); }
static void xz_free(void *vm, void *p) { mp_lib_free(vm, p); }

/* A stream whose memory the collector counts (mp_bytesout.h): the
 * allocator lives in the object, which does not move. */
static void xz_setup(VM *vm, lzma_stream *s, lzma_allocator *a)
{
    *a = (lzma_allocator){xz_alloc, xz_free, vm};
    s->allocator = a;
}

/* ---- output windows --------------------------------------------------------------------- */

static int next_window(VM *vm, MpBlocks *out, lzma_stream *s)
{
    uint8_t *win;
    size_t size;
    int r = mp_blocks_next(vm, out, mp_blocks_written(out, s->next_out), &win, &size);
    if (r == 1) {
        s->next_out = win;
        s->avail_out = size;
    }
    return r;
}

/* ---- LZMACompressor ---------------------------------------------------------------------- */

typedef struct Comp {
    Obj hdr;
    bool inited, flushed;
    lzma_stream s;
    lzma_allocator alloc;
} Comp;

static Type comp_type, decomp_type;

static inline Comp *COMP(Value v) { return (Comp *)v_obj(v); }

static void comp_finalize(VM *vm, Obj *o)
{
    Comp *c = (Comp *)o;
    if (c->inited)
        lzma_end(&c->s);
    c->inited = false;
}

static bool init_encoder(VM *vm, Comp *c, int format, int check, uint32_t preset, Value filters)
{
    lzma_filter chain[LZMA_FILTERS_MAX + 1];
    lzma_ret ret;
    if (format == FORMAT_XZ) {
        if (check == -1)
            check = LZMA_CHECK_CRC64;
        if (!filters)
            return !lzma_failed(vm, lzma_easy_encoder(&c->s, preset, (lzma_check)check));
        if (!parse_chain(vm, filters, chain))
            return false;
        ret = lzma_stream_encoder(&c->s, chain, (lzma_check)check);
    } else if (format == FORMAT_ALONE) {
        if (!filters) {
            lzma_options_lzma opt;
            if (lzma_lzma_preset(&opt, preset)) {
                raise_lzma(vm, "Invalid compression preset: %llu", preset);
                return false;
            }
            return !lzma_failed(vm, lzma_alone_encoder(&c->s, &opt));
        }
        if (!parse_chain(vm, filters, chain))
            return false;
        if (chain[0].id != LZMA_FILTER_LZMA1 || chain[1].id != LZMA_VLI_UNKNOWN) {
            free_chain(chain);
            rt_raise(vm, &rt_exc_ValueError,
                     "Invalid filter chain for FORMAT_ALONE - must be a single LZMA1 filter");
            return false;
        }
        ret = lzma_alone_encoder(&c->s, chain[0].options);
    } else if (format == FORMAT_RAW) {
        if (!filters) {
            rt_raise(vm, &rt_exc_ValueError, "Must specify filters for FORMAT_RAW");
            return false;
        }
        if (!parse_chain(vm, filters, chain))
            return false;
        ret = lzma_raw_encoder(&c->s, chain);
    } else {
        rt_raise(vm, &rt_exc_ValueError, "Invalid container format: %d", format);
        return false;
    }
    free_chain(chain);
    return !lzma_failed(vm, ret);
}

/* LZMACompressor(format=FORMAT_XZ, check=-1, preset=None, filters=None) */
static Value comp_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"format", "check", "preset", "filters", NULL};
    Value a[4];
    int format = FORMAT_XZ, check = -1;
    uint32_t preset = LZMA_PRESET_DEFAULT;
    if (!rt_parse_args(vm, "LZMACompressor", argc, argv, kwnames, names, 0, 0, a) ||
        (a[0] && !as_int_i(vm, a[0], &format)) || (a[1] && !as_int_i(vm, a[1], &check)))
        return VNULL;
    Value preset_v = a[2] && a[2] != rt_None ? a[2] : VNULL;
    Value filters = a[3] && a[3] != rt_None ? a[3] : VNULL;
    if (format != FORMAT_XZ && check != -1 && check != LZMA_CHECK_NONE)
        return rt_raise(vm, &rt_exc_ValueError, "Integrity checks are only supported by FORMAT_XZ");
    if (preset_v && filters)
        return rt_raise(vm, &rt_exc_ValueError, "Cannot specify both preset and filter chain");
    if (preset_v && !as_u32(vm, preset_v, &preset))
        return VNULL;
    Comp *c = rt_alloc(vm, type, type->instance_size);
    if (!c)
        return VNULL;
    xz_setup(vm, &c->s, &c->alloc);
    if (!init_encoder(vm, c, format, check, preset, filters))
        return VNULL;
    c->inited = true;
    return v_from(c);
}

static Value comp_run(VM *vm, Comp *c, const uint8_t *data, size_t len, lzma_action action)
{
    MpBlocks out;
    mp_blocks_init(&out, 32 << 10, SIZE_MAX);
    if (next_window(vm, &out, &c->s) != 1)
        return VNULL;
    c->s.next_in = data;
    c->s.avail_in = len;
    for (;;) {
        lzma_ret ret = lzma_code(&c->s, action);
        if (ret == LZMA_BUF_ERROR && len == 0 && c->s.avail_out > 0)
            ret = LZMA_OK; /* nothing to do for an empty input */
        if (lzma_failed(vm, ret))
            goto fail;
        if ((action == LZMA_RUN && c->s.avail_in == 0) || (action == LZMA_FINISH && ret == LZMA_STREAM_END))
            break;
        if (c->s.avail_out == 0 && next_window(vm, &out, &c->s) != 1)
            goto fail;
    }
    c->s.next_in = NULL;
    return mp_blocks_finish(vm, &out, mp_blocks_written(&out, c->s.next_out));
fail:
    c->s.next_in = NULL;
    c->s.avail_in = 0;
    mp_out_free(&out.o);
    return VNULL;
}

static Value comp_m_compress(VM *vm, int argc, Value *argv, Value kwnames)
{
    Comp *c = COMP(argv[0]);
    RtBuffer b;
    if (!mp_no_kw(vm, "LZMACompressor.compress", kwnames) ||
        !rt_check_nargs(vm, "LZMACompressor.compress", argc - 1, 1, 1) || !mp_buffer_arg(vm, argv[1], &b))
        return VNULL;
    Value r = c->flushed ? rt_raise(vm, &rt_exc_ValueError, "Compressor has been flushed")
                         : comp_run(vm, c, b.ptr, b.len, LZMA_RUN);
    rt_buffer_release(vm, &b);
    return r;
}

static Value comp_m_flush(VM *vm, int argc, Value *argv, Value kwnames)
{
    Comp *c = COMP(argv[0]);
    if (!rt_check_nargs(vm, "LZMACompressor.flush", argc - 1, 0, 0))
        return VNULL;
    if (c->flushed)
        return rt_raise(vm, &rt_exc_ValueError, "Repeated call to flush()");
    c->flushed = true;
    return comp_run(vm, c, NULL, 0, LZMA_FINISH);
}

/* ---- LZMADecompressor ------------------------------------------------------------------------ */

typedef struct Decomp {
    Obj hdr;
    bool inited, eof, needs_input;
    int check;
    lzma_stream s;
    lzma_allocator alloc;
    Value unused_data;  /* bytes after the end of the stream */
    uint8_t *pending;   /* malloc'd: input not consumed yet (kept across calls) */
    size_t pending_len, pending_cap;
} Decomp;

static inline Decomp *DECOMP(Value v) { return (Decomp *)v_obj(v); }

static void decomp_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((Decomp *)o)->unused_data); }

static void decomp_finalize(VM *vm, Obj *o)
{
    Decomp *d = (Decomp *)o;
    if (d->inited)
        lzma_end(&d->s);
    d->inited = false;
    free(d->pending);
    d->pending = NULL;
}

static bool init_decoder(VM *vm, Decomp *d, int format, uint64_t memlimit, Value filters)
{
    const uint32_t flags = LZMA_TELL_ANY_CHECK | LZMA_TELL_NO_CHECK;
    lzma_filter chain[LZMA_FILTERS_MAX + 1];
    d->check = LZMA_CHECK_UNKNOWN;
    switch (format) {
    case FORMAT_AUTO:
        return !lzma_failed(vm, lzma_auto_decoder(&d->s, memlimit, flags));
    case FORMAT_XZ:
        return !lzma_failed(vm, lzma_stream_decoder(&d->s, memlimit, flags));
    case FORMAT_ALONE:
        d->check = LZMA_CHECK_NONE;
        return !lzma_failed(vm, lzma_alone_decoder(&d->s, memlimit));
    case FORMAT_RAW: {
        d->check = LZMA_CHECK_NONE;
        if (!parse_chain(vm, filters, chain))
            return false;
        lzma_ret ret = lzma_raw_decoder(&d->s, chain);
        free_chain(chain);
        return !lzma_failed(vm, ret);
    }
    default:
        rt_raise(vm, &rt_exc_ValueError, "Invalid container format: %d", format);
        return false;
    }
}

/* LZMADecompressor(format=FORMAT_AUTO, memlimit=None, filters=None) */
static Value decomp_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"format", "memlimit", "filters", NULL};
    Value a[3];
    int format = FORMAT_AUTO;
    uint64_t memlimit = UINT64_MAX;
    if (!rt_parse_args(vm, "LZMADecompressor", argc, argv, kwnames, names, 0, 0, a) ||
        (a[0] && !as_int_i(vm, a[0], &format)))
        return VNULL;
    Value mem = a[1] && a[1] != rt_None ? a[1] : VNULL;
    Value filters = a[2] && a[2] != rt_None ? a[2] : VNULL;
    if (mem && format == FORMAT_RAW)
        return rt_raise(vm, &rt_exc_ValueError, "Cannot specify memory limit with FORMAT_RAW");
    if (mem && !as_u64(vm, mem, &memlimit))
        return VNULL;
    if (format == FORMAT_RAW && !filters)
        return rt_raise(vm, &rt_exc_ValueError, "Must specify filters for FORMAT_RAW");
    if (format != FORMAT_RAW && filters)
        return rt_raise(vm, &rt_exc_ValueError, "Cannot specify filters except with FORMAT_RAW");
    Decomp *d = rt_alloc(vm, type, type->instance_size);
    Value empty = d ? rt_bytes_new(vm, NULL, 0) : VNULL;
    if (!empty)
        return VNULL;
    d->unused_data = empty;
    d->needs_input = true;
    xz_setup(vm, &d->s, &d->alloc);
    if (!init_decoder(vm, d, format, memlimit, filters))
        return VNULL;
    d->inited = true;
    return v_from(d);
}

/* Decompress from in[0..*len) until the stream ends, the input runs out or
 * the output reaches max_length; *len becomes what is left unread and
 * *out_full whether the last window was filled. */
static Value decomp_run(VM *vm, Decomp *d, const uint8_t *in, size_t *len, int64_t max_length,
                        bool *out_full)
{
    MpBlocks out;
    mp_blocks_init(&out, 32 << 10, max_length < 0 ? SIZE_MAX : (size_t)max_length);
    if (next_window(vm, &out, &d->s) != 1)
        return VNULL;
    d->s.next_in = in;
    d->s.avail_in = *len;
    for (;;) {
        lzma_ret ret = lzma_code(&d->s, LZMA_RUN);
        /* liblzma says BUF_ERROR when it made no progress for want of input. */
        if (ret == LZMA_BUF_ERROR && d->s.avail_in == 0 && d->s.avail_out > 0)
            ret = LZMA_OK;
        if (lzma_failed(vm, ret)) {
            mp_out_free(&out.o);
            return VNULL;
        }
        if (ret == LZMA_GET_CHECK || ret == LZMA_NO_CHECK)
            d->check = (int)lzma_get_check(&d->s);
        if (ret == LZMA_STREAM_END) {
            d->eof = true;
            break;
        }
        if (d->s.avail_out == 0) {
            int g = next_window(vm, &out, &d->s);
            if (g == 2)
                break;
            if (g == 0) {
                mp_out_free(&out.o);
                return VNULL;
            }
        } else if (d->s.avail_in == 0) {
            break;
        }
    }
    *len = d->s.avail_in;
    *out_full = d->s.avail_out == 0;
    return mp_blocks_finish(vm, &out, mp_blocks_written(&out, d->s.next_out));
}

/* Keep the unread input for the next call (it may already be there). */
static bool keep_pending(VM *vm, Decomp *d, const uint8_t *rest, size_t n)
{
    if (n > d->pending_cap) {
        uint8_t *p = malloc(n);
        if (!p) {
            rt_no_memory(vm);
            return false;
        }
        memcpy(p, rest, n);
        free(d->pending);
        d->pending = p;
        d->pending_cap = n;
    } else {
        memmove(d->pending, rest, n);
    }
    d->pending_len = n;
    return true;
}

/* decompress(data, max_length=-1) */
static Value decomp_m_decompress(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"data", "max_length", NULL};
    Decomp *d = DECOMP(argv[0]);
    Value a[2];
    int64_t max_length = -1;
    RtBuffer b;
    if (!rt_parse_args(vm, "decompress", argc - 1, argv + 1, kwnames, names, 0, 1, a) ||
        !mp_buffer_arg(vm, a[0], &b))
        return VNULL;
    Value r = VNULL;
    if (a[1] && !mp_as_ssize(vm, a[1], &max_length))
        goto done;
    if (d->eof) {
        rt_raise(vm, &rt_exc_EOFError, "Already at end of stream");
        goto done;
    }
    /* Input left over from the last call comes first. */
    const uint8_t *in = b.ptr;
    size_t len = b.len;
    if (d->pending_len) {
        if (d->pending_len + b.len > d->pending_cap) {
            uint8_t *p = realloc(d->pending, d->pending_len + b.len);
            if (!p) {
                rt_no_memory(vm);
                goto done;
            }
            d->pending = p;
            d->pending_cap = d->pending_len + b.len;
        }
        memcpy(d->pending + d->pending_len, b.ptr, b.len);
        in = d->pending;
        len = d->pending_len + b.len;
    }
    size_t total = len;
    bool out_full = false;
    r = decomp_run(vm, d, in, &len, max_length, &out_full);
    const uint8_t *rest = in + (total - len);
    if (!r) {
        d->pending_len = 0;
        goto done;
    }
    if (d->eof) {
        d->needs_input = false;
        d->pending_len = 0;
        if (len > 0) {
            Value u = rt_bytes_new(vm, rest, len);
            if (!u) {
                r = VNULL;
                goto done;
            }
            d->unused_data = u;
        }
    } else if (len == 0) {
        d->pending_len = 0;
        /* A full window may leave output inside liblzma: no input needed. */
        d->needs_input = !out_full;
    } else {
        d->needs_input = false;
        if (!keep_pending(vm, d, rest, len))
            r = VNULL;
    }
done:
    rt_buffer_release(vm, &b);
    return r;
}

static Value get_check(VM *vm, Value self) { return v_from_small(DECOMP(self)->check); }
static Value get_eof(VM *vm, Value self) { return rt_bool(DECOMP(self)->eof); }
static Value get_needs_input(VM *vm, Value self) { return rt_bool(DECOMP(self)->needs_input); }
static Value get_unused_data(VM *vm, Value self) { return DECOMP(self)->unused_data; }

/* Read-only members in CPython ("readonly attribute"). */
static int set_readonly(VM *vm, Value self, Value v)
{
    rt_raise(vm, &rt_exc_AttributeError, "readonly attribute");
    return -1;
}

/* ---- module functions ---------------------------------------------------------------------- */

static Value mod_is_check_supported(VM *vm, int argc, Value *argv, Value kwnames)
{
    int id;
    if (!rt_check_nargs(vm, "is_check_supported", argc, 1, 1))
        return VNULL;
    Value x = rt_index(vm, argv[0]);
    int64_t i;
    if (!x)
        return VNULL;
    if (!rt_as_i64(vm, x, &i) || i < INT_MIN || i > INT_MAX) {
        vm->exc = VNULL;
        return rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C int");
    }
    id = (int)i;
    return rt_bool(lzma_check_is_supported((lzma_check)id));
}

/* _encode_filter_properties(filter, /): the raw properties of one filter. */
static Value mod_encode_filter_properties(VM *vm, int argc, Value *argv, Value kwnames)
{
    lzma_filter f;
    uint32_t size;
    if (!rt_check_nargs(vm, "_encode_filter_properties", argc, 1, 1) || !parse_filter(vm, argv[0], &f))
        return VNULL;
    Value r = VNULL;
    if (!lzma_failed(vm, lzma_properties_size(&size, &f))) {
        uint8_t props[16];
        uint8_t *p = size <= sizeof props ? props : malloc(size);
        if (!p)
            rt_no_memory(vm);
        else if (!lzma_failed(vm, lzma_properties_encode(&f, p)))
            r = rt_bytes_new(vm, p, size);
        if (p != props)
            free(p);
    }
    free(f.options);
    return r;
}

static bool add_field(VM *vm, Dict *d, const char *name, uint64_t v)
{
    Value i = rt_int_from_u64(vm, v);
    return i && rt_dict_set_cstr(vm, d, name, i);
}

/* _decode_filter_properties(filter_id, encoded_props, /): a filter dict. */
static Value mod_decode_filter_properties(VM *vm, int argc, Value *argv, Value kwnames)
{
    uint64_t id;
    RtBuffer b;
    if (!rt_check_nargs(vm, "_decode_filter_properties", argc, 2, 2) || !as_u64(vm, argv[0], &id) ||
        !mp_buffer_arg(vm, argv[1], &b))
        return VNULL;
    lzma_filter f = {.id = id, .options = NULL};
    lzma_ret ret = lzma_properties_decode(&f, NULL, b.ptr, b.len);
    rt_buffer_release(vm, &b);
    if (lzma_failed(vm, ret))
        return VNULL;
    Dict *d = rt_dict_alloc(vm);
    bool ok = d && add_field(vm, d, "id", id);
    if (ok && (id == LZMA_FILTER_LZMA1 || id == LZMA_FILTER_LZMA2)) {
        lzma_options_lzma *o = f.options;
        if (id == LZMA_FILTER_LZMA1)
            ok = add_field(vm, d, "lc", o->lc) && add_field(vm, d, "lp", o->lp) && add_field(vm, d, "pb", o->pb);
        ok = ok && add_field(vm, d, "dict_size", o->dict_size);
    } else if (ok && id == LZMA_FILTER_DELTA) {
        ok = add_field(vm, d, "dist", ((lzma_options_delta *)f.options)->dist);
    } else if (ok && is_bcj(id)) {
        /* Empty properties leave no options (CPython 3.11 crashes here; 3.12
         * leaves start_offset out). */
        if (f.options)
            ok = add_field(vm, d, "start_offset", ((lzma_options_bcj *)f.options)->start_offset);
    } else if (ok) {
        rt_raise(vm, &rt_exc_ValueError, "Invalid filter ID: %llu", (unsigned long long)id);
        ok = false;
    }
    free(f.options);
    return ok ? v_from(d) : VNULL;
}

/* ---- the module ---------------------------------------------------------------------------- */

static const NativeDef comp_methods[] = {
    {"compress", comp_m_compress, NF_KEYWORDS},
    {"flush", comp_m_flush, 0},
    {NULL, NULL, 0},
};

static const NativeDef decomp_methods[] = {
    {"decompress", decomp_m_decompress, NF_KEYWORDS},
    {NULL, NULL, 0},
};

static const GetSetDef decomp_getsets[] = {
    {"check", get_check, set_readonly},
    {"eof", get_eof, set_readonly},
    {"needs_input", get_needs_input, set_readonly},
    {"unused_data", get_unused_data, set_readonly},
    {NULL, NULL, NULL},
};

static Type comp_type = {
    .name = "_lzma.LZMACompressor", .instance_size = sizeof(Comp), .flags = TF_EXTERNAL, .finalize = comp_finalize,
    .new = comp_new,
};
static Type decomp_type = {
    .name = "_lzma.LZMADecompressor", .instance_size = sizeof(Decomp), .flags = TF_EXTERNAL, .trace = decomp_trace,
    .finalize = decomp_finalize, .new = decomp_new,
};

static const NativeDef lzma_functions[] = {
    {"is_check_supported", mod_is_check_supported, 0},
    {"_encode_filter_properties", mod_encode_filter_properties, 0},
    {"_decode_filter_properties", mod_decode_filter_properties, 0},
    {NULL, NULL, 0},
};

static const struct {
    const char *name;
    uint64_t value;
} lzma_constants[] = {
    {"FORMAT_AUTO", FORMAT_AUTO},
    {"FORMAT_XZ", FORMAT_XZ},
    {"FORMAT_ALONE", FORMAT_ALONE},
    {"FORMAT_RAW", FORMAT_RAW},
    {"CHECK_NONE", LZMA_CHECK_NONE},
    {"CHECK_CRC32", LZMA_CHECK_CRC32},
    {"CHECK_CRC64", LZMA_CHECK_CRC64},
    {"CHECK_SHA256", LZMA_CHECK_SHA256},
    {"CHECK_ID_MAX", LZMA_CHECK_ID_MAX},
    {"CHECK_UNKNOWN", LZMA_CHECK_UNKNOWN},
    {"FILTER_LZMA1", LZMA_FILTER_LZMA1},
    {"FILTER_LZMA2", LZMA_FILTER_LZMA2},
    {"FILTER_DELTA", LZMA_FILTER_DELTA},
    {"FILTER_X86", LZMA_FILTER_X86},
    {"FILTER_IA64", LZMA_FILTER_IA64},
    {"FILTER_ARM", LZMA_FILTER_ARM},
    {"FILTER_ARMTHUMB", LZMA_FILTER_ARMTHUMB},
    {"FILTER_SPARC", LZMA_FILTER_SPARC},
    {"FILTER_POWERPC", LZMA_FILTER_POWERPC},
    {"MF_HC3", LZMA_MF_HC3},
    {"MF_HC4", LZMA_MF_HC4},
    {"MF_BT2", LZMA_MF_BT2},
    {"MF_BT3", LZMA_MF_BT3},
    {"MF_BT4", LZMA_MF_BT4},
    {"MODE_FAST", LZMA_MODE_FAST},
    {"MODE_NORMAL", LZMA_MODE_NORMAL},
    {"PRESET_DEFAULT", LZMA_PRESET_DEFAULT},
    {"PRESET_EXTREME", LZMA_PRESET_EXTREME},
};

static Value make_error_class(VM *vm)
{
    Dict *ns = rt_dict_alloc(vm);
    Value bases = ns ? rt_tuple_pack(vm, 1, v_from(&rt_exc_Exception)) : VNULL;
    if (!bases || !rt_dict_set_str(vm, ns, vm->names.__module__, rt_str_intern_cstr(vm, "_lzma")))
        return VNULL;
    return rt_class_new(vm, rt_str_intern_cstr(vm, "LZMAError"), bases, ns);
}

Value mp_lzma_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_lzma", &d);
    if (!m || !rt_add_functions(vm, d, lzma_functions, rt_str_intern_cstr(vm, "_lzma")) ||
        !mp_type_ready(vm, &comp_type, d) || !mp_type_ready(vm, &decomp_type, d))
        return VNULL;
    if (!rt_dict_get_cstr(vm, comp_type.dict, "compress") &&
        (!rt_add_methods(vm, &comp_type, comp_methods) ||
         !rt_add_methods(vm, &decomp_type, decomp_methods) ||
         !rt_add_getsets(vm, &decomp_type, decomp_getsets)))
        return VNULL;
    if (!lzma_error) {
        rt_gc_add_root(vm, &lzma_error);
        if (!(lzma_error = make_error_class(vm)))
            return VNULL;
    }
    if (!rt_dict_set_cstr(vm, d, "LZMAError", lzma_error))
        return VNULL;
    for (size_t i = 0; i < sizeof lzma_constants / sizeof *lzma_constants; i++) {
        Value v = rt_int_from_u64(vm, lzma_constants[i].value);
        if (!v || !rt_dict_set_cstr(vm, d, lzma_constants[i].name, v))
            return VNULL;
    }
    return m;
}
