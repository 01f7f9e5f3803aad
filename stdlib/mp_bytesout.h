/* stdlib/mp_bytesout.h — what the hashing and compression modules (_hashlib,
 * _blake2, zlib, _bz2, _lzma) share: a growable malloc'd output buffer that
 * becomes one bytes object at the end, and the reading of a bytes-like
 * argument.  Header-only: each module includes it once. */
#ifndef MINIPY_MP_BYTESOUT_H
#define MINIPY_MP_BYTESOUT_H
#include <stdlib.h>
#include <string.h>

#include "runtime/buffer.h"
#include "stdlib/modsupport.h"

/* Output collected by a library call loop: p[0..len) written, cap allocated. */
typedef struct MpOut {
    uint8_t *p;
    size_t len, cap;
} MpOut;

/* Room for at least `more` bytes past len (the capacity at least doubles). */
static inline bool mp_out_reserve(VM *vm, MpOut *o, size_t more)
{
    if (o->cap - o->len >= more)
        return true;
    size_t cap = o->cap ? o->cap : 256;
    while (cap - o->len < more) {
        if (cap > SIZE_MAX / 2) {
            rt_no_memory(vm);
            return false;
        }
        cap *= 2;
    }
    uint8_t *p = realloc(o->p, cap);
    if (!p) {
        rt_no_memory(vm);
        return false;
    }
    o->p = p;
    o->cap = cap;
    return true;
}

static inline void mp_out_free(MpOut *o)
{
    free(o->p);
    *o = (MpOut){NULL, 0, 0};
}

/* The bytes collected so far; the buffer is freed either way. */
static inline Value mp_out_finish(VM *vm, MpOut *o)
{
    Value r = rt_bytes_new(vm, o->p, o->len);
    mp_out_free(o);
    return r;
}

/* A transient view of a bytes-like argument (bytes, bytearray, a contiguous
 * memoryview); the caller releases it and calls no Python code meanwhile.
 * Not bytes-like: "a bytes-like object is required, not 'T'". */
static inline bool mp_buffer_arg(VM *vm, Value v, RtBuffer *b)
{
    return rt_get_buffer(vm, v, b, 0);
}

#endif
