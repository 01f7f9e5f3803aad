/* stdlib/_io_codecs.h — _io's native codecs and newline translation
 * (stdlib/_io_codecs.c). */
#ifndef MINIPY_IO_CODECS_H
#define MINIPY_IO_CODECS_H
#include "stdlib/_io.h"
#include "runtime/str.h"

/* Decode in[0..n) appending minipy UTF-8 to out; an incomplete sequence at
 * the end is kept in d unless final. */
bool io_decode_native(VM *vm, int enc, int err, DecState *d, const uint8_t *in, size_t n, bool final,
                      StrBuf *out);
/* Encode minipy UTF-8 text s[0..len) to out. */
bool io_encode_native(VM *vm, int enc, int err, const char *s, size_t len, StrBuf *out);
/* IncrementalNewlineDecoder's step over decoded text s[0..n), appending to out. */
bool io_nl_process(VM *vm, bool translate, bool *pendingcr, uint8_t *seennl, const char *s, size_t n,
                   bool final, StrBuf *out);
/* The `newlines` attribute for a set of SEEN_* bits. */
Value io_newlines_value(VM *vm, uint8_t seen);
size_t io_count_chars(const char *s, size_t n);
/* Byte offset of the nchars-th character of s[0..n) (n if fewer). */
size_t io_char_offset(const char *s, size_t n, size_t nchars);

#endif
