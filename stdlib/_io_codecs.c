/* stdlib/_io_codecs.c — the codecs _io knows natively (utf-8, utf-8-sig,
 * ascii, latin-1) with the errors handlers strict, ignore, replace,
 * surrogateescape, backslashreplace and xmlcharrefreplace, and the newline
 * translation of IncrementalNewlineDecoder.  Messages follow CPython's
 * Objects/unicodeobject.c.  Lone surrogates live in minipy's str as their
 * three-byte (UTF-8 style) forms. */
#include <stdio.h>
#include <string.h>

#include "stdlib/_io.h"
#include "stdlib/_io_codecs.h"
#include "runtime/errors.h"
#include "runtime/str.h"

int io_enc_kind(const char *name)
{
    char n[32];
    size_t k = 0;
    for (const char *p = name; *p && k < sizeof n - 1; p++)
        n[k++] = *p == '_' || *p == ' ' ? '-' : (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
    n[k] = 0;
    if (!strcmp(n, "utf-8") || !strcmp(n, "utf8") || !strcmp(n, "u8") || !strcmp(n, "utf") ||
        !strcmp(n, "cp65001"))
        return ENC_UTF8;
    if (!strcmp(n, "utf-8-sig") || !strcmp(n, "utf8-sig"))
        return ENC_UTF8SIG;
    if (!strcmp(n, "ascii") || !strcmp(n, "us-ascii") || !strcmp(n, "646") || !strcmp(n, "us"))
        return ENC_ASCII;
    if (!strcmp(n, "latin-1") || !strcmp(n, "latin1") || !strcmp(n, "iso-8859-1") ||
        !strcmp(n, "iso8859-1") || !strcmp(n, "l1") || !strcmp(n, "8859") || !strcmp(n, "cp819") ||
        !strcmp(n, "latin") || !strcmp(n, "iso-ir-100") || !strcmp(n, "csisolatin1") ||
        !strcmp(n, "ibm819") || !strcmp(n, "iso-8859-1:1987") || !strcmp(n, "iso88591"))
        return ENC_LATIN1;
    return ENC_OTHER;
}

int io_err_kind(const char *name)
{
    static const char *const names[] = {"strict", "ignore", "replace", "surrogateescape",
                                        "backslashreplace", "xmlcharrefreplace"};
    for (int i = 0; i < 6; i++)
        if (!strcmp(name, names[i]))
            return i;
    return ERR_OTHER;
}

static const char *codec_name(int enc)
{
    return enc == ENC_UTF8 ? "utf-8" : enc == ENC_UTF8SIG ? "utf-8" : enc == ENC_ASCII ? "ascii" : "latin-1";
}

/* A code point as UTF-8, surrogates included. */
static size_t put_cp(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* One code point of minipy's str (well-formed, surrogates allowed). */
static size_t get_cp(const unsigned char *s, uint32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c < 0xE0) {
        *cp = ((c & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if (c < 0xF0) {
        *cp = ((c & 0x0F) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3F);
        return 3;
    }
    *cp = ((c & 0x07) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3F);
    return 4;
}

/* ---- decoding ---------------------------------------------------------------------- */

/* How the UTF-8 sequence at p[0..n) goes: its length when valid (> 0);
 * else 0 with *span the bad bytes and *why CPython's reason; *incomplete
 * when p is a valid prefix cut by the end of the input. */
static size_t utf8_seq(const uint8_t *p, size_t n, size_t *span, const char **why, bool *incomplete)
{
    uint8_t c = p[0];
    *incomplete = false;
    *span = 1;
    if (c < 0x80)
        return 1;
    if (c < 0xC2 || c > 0xF4) {
        *why = "invalid start byte";
        return 0;
    }
    size_t need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    for (size_t k = 1; k < need; k++) {
        if (k >= n) {
            *incomplete = true;
            *span = k;
            *why = "unexpected end of data";
            return 0;
        }
        uint8_t lo = 0x80, hi = 0xBF;
        if (k == 1) {
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        }
        if (p[k] < lo || p[k] > hi) {
            *span = k;
            *why = "invalid continuation byte";
            return 0;
        }
    }
    return need;
}

static bool decode_error(VM *vm, int enc, int err, const uint8_t *p, size_t n, size_t pos,
                         size_t span, const char *why, StrBuf *out)
{
    char tmp[16];
    switch (err) {
    case ERR_IGNORE:
        return true;
    case ERR_REPLACE:
        return sb_add(vm, out, "\xEF\xBF\xBD", 3);
    case ERR_SURROGATEESCAPE:
        for (size_t k = 0; k < span; k++) {
            if (p[pos + k] < 0x80)
                goto strict;
            if (!sb_add(vm, out, tmp, put_cp(tmp, 0xDC00u + p[pos + k])))
                return false;
        }
        return true;
    case ERR_BACKSLASHREPLACE:
        for (size_t k = 0; k < span; k++) {
            snprintf(tmp, sizeof tmp, "\\x%02x", p[pos + k]);
            if (!sb_add(vm, out, tmp, 4))
                return false;
        }
        return true;
    default:
        break;
    }
strict: {
    /* The decoder's input (held-back bytes included) is the error's object. */
    Value obj = rt_bytes_new(vm, p, n);
    if (obj)
        rt_raise_unicode_error(vm, &rt_exc_UnicodeDecodeError, codec_name(enc), obj, pos, pos + span,
                               why);
    return false;
}
}

bool io_decode_native(VM *vm, int enc, int err, DecState *d, const uint8_t *in, size_t n, bool final,
                      StrBuf *out)
{
    uint8_t joined[8];
    const uint8_t *p = in;
    StrBuf tmpbuf;
    sb_init(&tmpbuf);
    if (d->npartial) {
        /* The held-back bytes come first. */
        if (n + d->npartial <= sizeof joined) {
            memcpy(joined, d->partial, d->npartial);
            memcpy(joined + d->npartial, in, n);
            p = joined;
        } else {
            if (!sb_add(vm, &tmpbuf, (const char *)d->partial, d->npartial) ||
                !sb_add(vm, &tmpbuf, (const char *)in, n))
                return false;
            p = (const uint8_t *)tmpbuf.data;
        }
        n += d->npartial;
        d->npartial = 0;
    }
    size_t i = 0;
    bool ok = true;
    if (enc == ENC_UTF8SIG && d->first) {
        static const uint8_t bom[3] = {0xEF, 0xBB, 0xBF};
        size_t k = n < 3 ? n : 3;
        if (memcmp(p, bom, k) == 0 && k < 3 && !final) {
            memcpy(d->partial, p, k);
            d->npartial = (uint8_t)k;
            sb_free(&tmpbuf);
            return true;
        }
        if (k == 3 && memcmp(p, bom, 3) == 0)
            i = 3;
        if (n)
            d->first = false;
    }
    if (enc == ENC_LATIN1) {
        for (; i < n && ok; i++) {
            char o[2];
            ok = p[i] < 0x80 ? sb_addc(vm, out, (char)p[i]) : sb_add(vm, out, o, put_cp(o, p[i]));
        }
        sb_free(&tmpbuf);
        return ok;
    }
    while (i < n && ok) {
        size_t j = i;
        while (j < n && p[j] < 0x80)
            j++;
        if (j > i && !(ok = sb_add(vm, out, (const char *)p + i, j - i)))
            break;
        i = j;
        if (i >= n)
            break;
        if (enc == ENC_ASCII) {
            ok = decode_error(vm, enc, err, p, n, i, 1, "ordinal not in range(128)", out);
            i++;
            continue;
        }
        size_t span;
        const char *why;
        bool incomplete;
        size_t k = utf8_seq(p + i, n - i, &span, &why, &incomplete);
        if (k) {
            ok = sb_add(vm, out, (const char *)p + i, k);
            i += k;
        } else if (incomplete && !final) {
            memcpy(d->partial, p + i, n - i);
            d->npartial = (uint8_t)(n - i);
            i = n;
        } else {
            ok = decode_error(vm, enc, err, p, n, i, span, why, out);
            i += span;
        }
    }
    sb_free(&tmpbuf);
    return ok;
}

/* ---- encoding ---------------------------------------------------------------------------- */

static void cp_escape(char *o, size_t size, uint32_t cp)
{
    if (cp < 0x100)
        snprintf(o, size, "\\x%02x", cp);
    else if (cp < 0x10000)
        snprintf(o, size, "\\u%04x", cp);
    else
        snprintf(o, size, "\\U%08x", cp);
}

static bool bad_for(int enc, uint32_t cp)
{
    if (enc == ENC_ASCII)
        return cp >= 0x80;
    if (enc == ENC_LATIN1)
        return cp >= 0x100;
    return cp >= 0xD800 && cp <= 0xDFFF;
}

bool io_encode_native(VM *vm, int enc, int err, const char *s, size_t len, StrBuf *out)
{
    const unsigned char *p = (const unsigned char *)s;
    if (enc == ENC_UTF8 || enc == ENC_UTF8SIG) {
        if (!memchr(s, 0xED, len))
            return sb_add(vm, out, s, len);
    }
    size_t i = 0, pos = 0;
    while (i < len) {
        /* ASCII runs go in one copy. */
        size_t j = i;
        while (j < len && p[j] < 0x80)
            j++;
        if (j > i) {
            if (!sb_add(vm, out, s + i, j - i))
                return false;
            pos += j - i;
            i = j;
            if (i >= len)
                break;
        }
        uint32_t cp;
        size_t k = get_cp(p + i, &cp);
        if (!bad_for(enc, cp)) {
            bool ok = enc == ENC_LATIN1 ? sb_addc(vm, out, (char)cp) : sb_add(vm, out, s + i, k);
            if (!ok)
                return false;
            i += k;
            pos++;
            continue;
        }
        char tmp[24];
        switch (err) {
        case ERR_IGNORE:
            break;
        case ERR_REPLACE:
            if (!sb_addc(vm, out, '?'))
                return false;
            break;
        case ERR_SURROGATEESCAPE:
            if (cp < 0xDC80 || cp > 0xDCFF)
                goto strict;
            if (!sb_addc(vm, out, (char)(cp - 0xDC00)))
                return false;
            break;
        case ERR_BACKSLASHREPLACE:
            cp_escape(tmp, sizeof tmp, cp);
            if (!sb_adds(vm, out, tmp))
                return false;
            break;
        case ERR_XMLCHARREFREPLACE:
            snprintf(tmp, sizeof tmp, "&#%u;", cp);
            if (!sb_adds(vm, out, tmp))
                return false;
            break;
        default:
            goto strict;
        }
        i += k;
        pos++;
        continue;
    strict: {
            /* CPython reports the whole run of unencodable characters. */
            size_t end = pos + 1, q = i + k;
            while (q < len) {
                uint32_t c2;
                size_t k2 = get_cp(p + q, &c2);
                if (!bad_for(enc, c2) || (err == ERR_SURROGATEESCAPE && c2 >= 0xDC80 && c2 <= 0xDCFF))
                    break;
                q += k2;
                end++;
            }
            const char *why = enc == ENC_ASCII    ? "ordinal not in range(128)"
                              : enc == ENC_LATIN1 ? "ordinal not in range(256)"
                                                  : "surrogates not allowed";
            Value obj = rt_str_new(vm, s, len);
            if (obj)
                rt_raise_unicode_error(vm, &rt_exc_UnicodeEncodeError, codec_name(enc), obj, pos, end,
                                       why);
            return false;
        }
    }
    return true;
}

/* ---- universal newlines ------------------------------------------------------------------- */

bool io_nl_process(VM *vm, bool translate, bool *pendingcr, uint8_t *seennl, const char *s, size_t n,
                   bool final, StrBuf *out)
{
    bool lead_cr = false;
    if (*pendingcr && (final || n > 0)) {
        lead_cr = true;
        *pendingcr = false;
    }
    bool trail_cr = false;
    if (!final) {
        if (n > 0 && s[n - 1] == '\r') {
            n--;
            trail_cr = true;
        } else if (n == 0 && lead_cr) {
            lead_cr = false;
            trail_cr = true;
        }
    }
    /* the text is lead_cr? "\r" : "" + s[0..n) */
    size_t start = out->len;
    if (lead_cr && !sb_addc(vm, out, '\r'))
        return false;
    if (n && !sb_add(vm, out, s, n))
        return false;
    if (trail_cr)
        *pendingcr = true;
    char *t = out->data ? out->data + start : NULL;
    size_t len = out->len - start;
    if (!t || !memchr(t, '\r', len)) {
        if (t && memchr(t, '\n', len))
            *seennl |= SEEN_LF;
        return true;
    }
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        char c = t[i];
        if (c == '\r') {
            if (i + 1 < len && t[i + 1] == '\n') {
                *seennl |= SEEN_CRLF;
                if (translate) {
                    t[o++] = '\n';
                    i++;
                    continue;
                }
                t[o++] = '\r';
                t[o++] = '\n';
                i++;
                continue;
            }
            *seennl |= SEEN_CR;
            t[o++] = translate ? '\n' : '\r';
            continue;
        }
        if (c == '\n')
            *seennl |= SEEN_LF;
        t[o++] = c;
    }
    out->len = start + o;
    return true;
}

Value io_newlines_value(VM *vm, uint8_t seen)
{
    static const char *const one[] = {NULL, "\n", "\r", NULL, "\r\n"};
    switch (seen) {
    case 0:
        return rt_None;
    case SEEN_LF:
    case SEEN_CR:
    case SEEN_CRLF:
        return rt_str_intern_cstr(vm, one[seen]);
    case SEEN_CR | SEEN_LF:
        return rt_tuple_pack(vm, 2, rt_str_intern_cstr(vm, "\r"), rt_str_intern_cstr(vm, "\n"));
    case SEEN_CR | SEEN_CRLF:
        return rt_tuple_pack(vm, 2, rt_str_intern_cstr(vm, "\r"), rt_str_intern_cstr(vm, "\r\n"));
    case SEEN_LF | SEEN_CRLF:
        return rt_tuple_pack(vm, 2, rt_str_intern_cstr(vm, "\n"), rt_str_intern_cstr(vm, "\r\n"));
    default:
        return rt_tuple_pack(vm, 3, rt_str_intern_cstr(vm, "\r"), rt_str_intern_cstr(vm, "\n"),
                             rt_str_intern_cstr(vm, "\r\n"));
    }
}

size_t io_count_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

size_t io_char_offset(const char *s, size_t n, size_t nchars)
{
    size_t i = 0;
    while (i < n && nchars) {
        unsigned char c = (unsigned char)s[i];
        i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        nchars--;
    }
    return i < n ? i : n;
}
