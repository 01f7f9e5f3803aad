/* runtime/str.h — str (UTF-8, code-point indexing), bytes, formatting.
 * (runtime/str.c, runtime/str_methods.c, runtime/format.c, runtime/bytes.c) */
#ifndef MINIPY_STR_H
#define MINIPY_STR_H
#include "runtime/object.h"

/* s must be valid UTF-8 (the lexer validates source text). */
Value rt_str_new(VM *vm, const char *s, size_t len);
Value rt_str_from_cstr(VM *vm, const char *s);
Value rt_str_printf(VM *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Interned: one object per content, hash cached, never freed. */
Value rt_str_intern(VM *vm, const char *s, size_t len);
Value rt_str_intern_cstr(VM *vm, const char *s);
Value rt_str_intern_value(VM *vm, Value str);
int64_t rt_str_hash(Value s);
bool rt_str_equal(Value a, Value b);              /* both str */
int rt_str_cmp(Value a, Value b);                 /* code point order */
Value rt_str_concat(VM *vm, Value a, Value b);
Value rt_str_repr(VM *vm, Value s);               /* with CPython's quote choice and escapes */
Value rt_str_getitem_index(VM *vm, Value s, int64_t i);
/* format(v, spec) for str values. */
Value rt_format_str(VM *vm, Value v, const char *spec, size_t speclen);
/* format(v, spec) for any value: calls __format__ / the type's formatter. */
Value rt_format(VM *vm, Value v, Value spec);
/* 'fmt' % args */
Value rt_str_mod(VM *vm, Value fmt, Value args);
Value rt_str_join(VM *vm, Value sep, Value iterable);

/* A growable UTF-8 buffer for building strings in C (malloc'd, not GC'd). */
typedef struct StrBuf {
    char *data;
    size_t len, cap;
} StrBuf;
void sb_init(StrBuf *b);
void sb_free(StrBuf *b);
bool sb_add(VM *vm, StrBuf *b, const char *s, size_t len);
bool sb_adds(VM *vm, StrBuf *b, const char *s);
bool sb_addc(VM *vm, StrBuf *b, char c);
bool sb_printf(VM *vm, StrBuf *b, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
bool sb_add_value_str(VM *vm, StrBuf *b, Value str); /* append a str's bytes */
Value sb_finish(VM *vm, StrBuf *b);               /* → str, frees the buffer */

/* printf-style formatting, shared by `str % args` and `bytes % args`
 * (runtime/format.c): the arguments, and one parsed conversion. */
typedef struct PfArgs {
    Value *items;      /* tuple items, or NULL: the single argument `one` */
    Value one;
    size_t nargs, argi;
    Value mapping;     /* for %(key)s, or VNULL */
} PfArgs;
typedef struct PfSpec {
    Value arg;         /* the value converted (VNULL for %%) */
    bool left, plus, space, alt, zero;
    int64_t width, prec; /* -1: absent */
    char conv;
} PfSpec;
void rt_pf_args_init(Value args, PfArgs *a);
/* Parse the conversion after a '%' at f[*pos] (advancing *pos), taking its
 * argument; mapping keys are bytes when bytes_keys.  false: exception. */
bool rt_pf_parse(VM *vm, const char *f, size_t n, size_t *pos, PfArgs *a, bool bytes_keys, PfSpec *sp);
/* Append sp's numeric conversion (d i u x X o e E f F g G); ASCII output. */
bool rt_pf_number(VM *vm, StrBuf *b, const PfSpec *sp);
/* Append body (n bytes, nchars characters) padded with spaces to width. */
bool rt_pf_pad(VM *vm, StrBuf *b, const char *body, size_t n, size_t nchars, int64_t width, bool left);
/* "not all arguments converted during <what> formatting" when args remain. */
bool rt_pf_finish(VM *vm, const PfArgs *a, const char *what);

Value rt_bytes_new(VM *vm, const uint8_t *data, size_t len);
Value rt_bytes_repr(VM *vm, Value b);

/* UTF-8 helpers.  A str's data is UTF-8 that may hold lone surrogates
 * (U+D800..U+DFFF as 3-byte sequences); the _strict forms refuse them, for
 * text from outside (bytes.decode, files). */
size_t rt_utf8_decode(const char *s, size_t len, uint32_t *cp); /* bytes consumed, 0 if invalid */
size_t rt_utf8_decode_strict(const char *s, size_t len, uint32_t *cp);
size_t rt_utf8_encode(uint32_t cp, char out[4]);
bool rt_utf8_valid(const char *s, size_t len, size_t *bad_offset);
bool rt_utf8_valid_strict(const char *s, size_t len, size_t *bad_offset);
/* Whether UTF-8 str data holds a surrogate (first one's byte offset in *at). */
bool rt_utf8_has_surrogate(const char *s, size_t len, size_t *at);

/* ---- added by numbers+text (shared by str.c, str_methods.c, format.c, bytes.c) ---- */
/* A str of len bytes, data uninitialized (NUL-terminated); fill data, then
 * rt_str_seal() computes nchars/ascii (or set them yourself). */
Str *rt_str_raw(VM *vm, size_t len);
Value rt_str_seal(Str *s);
Value rt_str_new_ascii(VM *vm, const char *s, size_t len); /* caller knows s is ASCII */
Value rt_str_char(VM *vm, uint32_t cp);             /* one-character str */
Value rt_str_exact(VM *vm, Value v); /* subclass instance -> exact str */
Value rt_str_substr(VM *vm, Value s, size_t byte_from, size_t byte_to);
size_t rt_str_offset(Str *s, size_t cpindex);      /* byte offset of a code point index */
Value rt_str_repeat(VM *vm, Value s, int64_t n);
bool rt_unicode_isprintable(uint32_t cp);
/* int()/float() of non-ASCII text: Unicode digits and spaces to ASCII, other non-ASCII to '?';
 * a malloc'd NUL-terminated copy (free() it) or NULL (out of memory). (str_methods.c) */
char *rt_unicode_number_ascii(const char *s, size_t len, size_t *outlen);
/* Append repr of UTF-8 text (quotes included); ascii_only: ascii()'s escaping. */
bool rt_str_repr_into(VM *vm, StrBuf *b, const char *s, size_t len, bool ascii_only);
extern Type rt_str_iter_type;
bool rt_str_methods_init(VM *vm);                    /* str_methods.c: adds str's methods */
bool rt_bytes_type_init(VM *vm);                    /* bytes.c, called by rt_str_init */
/* bytes.decode(encoding, errors): utf-8/ascii/latin-1; UnicodeDecodeError as CPython. */
Value rt_bytes_decode(VM *vm, Value bytes, const char *encoding, const char *errors);
/* str.encode(encoding, errors) */
Value rt_str_encode(VM *vm, Value str, const char *encoding, const char *errors);
/* The codec registry (stdlib/_codecs.c sets these when it is built): the
 * encodings and error handlers rt_str_encode / rt_bytes_decode leave to it,
 * with str.encode's / bytes.decode's checks (text encodings only, result
 * type).  NULL until _codecs is imported; the runtime imports it on need. */
typedef struct RtCodecHooks {
    Value (*encode)(VM *vm, Value str, const char *encoding, const char *errors);
    Value (*decode)(VM *vm, Value bytes, const char *encoding, const char *errors);
} RtCodecHooks;
extern RtCodecHooks rt_codec_hooks;
/* str.format(*args, **kw) and str.format_map(mapping): NativeFn-shaped, argv[0] is the str. */
Value rt_str_format_method(VM *vm, int argc, Value *argv, Value kwnames);
Value rt_str_format_map_method(VM *vm, int argc, Value *argv, Value kwnames);

#endif
