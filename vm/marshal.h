/* vm/marshal.h — values to bytes and back (DESIGN.md §6 payload).
 * (vm/marshal.c; the byte format is documented in vm/PYC_FORMAT.md)
 *
 * Dumping is deterministic: the same value gives byte-identical output (no
 * addresses, set elements sorted by their encoding).  Loading trusts nothing:
 * every read is bounds-checked, nesting is limited, counts are checked
 * against the bytes that remain before anything is allocated, and unknown
 * tags are refused, so hostile input yields a reason, never a crash. */
#ifndef MINIPY_MARSHAL_H
#define MINIPY_MARSHAL_H
#include "runtime/object.h"

/* Deepest nesting of containers/code objects either side accepts. */
#define MARSHAL_MAX_DEPTH 1000

/* Append the encoding of v to out (a byte buffer; data may hold NULs).
 * False with an exception set: ValueError "unmarshallable object" for a
 * type marshal cannot store, "object too deeply nested to marshal", or
 * MemoryError. */
bool vm_marshal_dump(VM *vm, Value v, StrBuf *out);

/* Decode exactly one value occupying all of data[0..len).  On failure
 * returns VNULL with *why set to a static reason string and NO exception
 * pending (callers turn the reason into the error they need). */
Value vm_marshal_load(VM *vm, const uint8_t *data, size_t len, const char **why);

#endif
