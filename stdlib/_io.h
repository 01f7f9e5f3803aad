/* stdlib/_io.h — the native `_io` module (CPython's Modules/_io): the
 * shared layout of its objects and the entry points the rest of minipy
 * uses (open(), the standard streams, print's fast path).
 *
 * Files: _io.c (module, open(), _IOBase and the abstract bases),
 * _io_fileio.c (FileIO), _io_bufferedio.c (Buffered*), _io_textio.c
 * (TextIOWrapper, IncrementalNewlineDecoder, the native codecs),
 * _io_memio.c (BytesIO, StringIO). */
#ifndef MINIPY_IO_H
#define MINIPY_IO_H
#include "runtime/callable.h"
#include "runtime/state.h"

/* ---- used outside _io ----------------------------------------------------- */

/* builtins.open (the module's own open()). */
Value mp_io_open(VM *vm, int argc, Value *argv, Value kwnames);
/* Make vm->stdin_file/stdout_file/stderr_file (TextIOWrapper over
 * Buffered* over FileIO on fds 0, 1, 2); unbuffered: -u. */
bool mp_io_init_std(VM *vm, bool unbuffered);
/* Flush sys.stdout and sys.stderr (before a traceback prints, at exit),
 * ignoring errors, as CPython's flush_std_files. */
void mp_io_flush_std(VM *vm);
/* sys.stderr then sys.stdout, errors ignored: CPython's flush_io(), after a
 * script file or stdin ran (before its traceback prints), not after -c. */
void mp_io_flush_io(VM *vm);

/* print()'s fast path: a text file whose writes may be appended to its
 * pending bytes directly (an exact TextIOWrapper in UTF-8, no newline
 * translation, over a native Buffered).  NULL: use .write(). */
struct TextIO *mp_io_fast_text(Value file);
/* Append UTF-8 text (checked for lone surrogates per the errors handler
 * unless ascii). */
bool mp_io_fast_write(VM *vm, struct TextIO *t, const char *s, size_t len, bool ascii);
/* End of a print(): line buffering / write_through flushes, flush=True. */
bool mp_io_fast_done(VM *vm, struct TextIO *t, bool newline, bool flush);
/* readline() of a text file (input()); VNULL on error. */
Value mp_io_readline(VM *vm, Value file);

/* ---- inside _io -------------------------------------------------------------- */

#define IO_DEFAULT_BUFFER_SIZE 8192

/* Every _io object starts so: _IOBase's closed flag (CPython keeps
 * __IOBase_closed in the instance dict). */
typedef struct IOObj {
    Obj hdr;
    bool iobase_closed;
    bool is_std;       /* a standard stream's layer: never closed by a finalizer */
    bool finalizing;   /* CPython's _finalizing: close() without ResourceWarning */
} IOObj;

typedef struct FileIO {
    IOObj io;
    int fd;                /* -1: closed */
    bool created, readable, writable, appending, closefd;
    signed char seekable;  /* -1: not known yet */
    Value name;            /* the `name` attribute */
    int64_t blksize;
} FileIO;

enum { BUF_READER, BUF_WRITER, BUF_RANDOM };

typedef struct Buffered {
    IOObj io;
    Value raw;
    uint8_t kind;          /* BUF_* */
    bool ok, detached, readable, writable;
    bool fast_raw;         /* raw is an exact FileIO: call it directly */
    uint8_t *buf;          /* malloc'd, buffer_size bytes */
    size_t buffer_size;
    /* At most one of the read window and the pending writes is non-empty:
     * read: buf[pos..read_end) unread, raw is at the window's end;
     * write: buf[0..write_len) pending, raw is where they go. */
    size_t pos, read_end, write_len;
    int64_t abs_pos;       /* raw's position, -1: unknown */
    struct Buffered *prev_live, *next_live;
} Buffered;

/* BufferedRWPair: a reader and a writer over two raw streams. */
typedef struct RWPair {
    IOObj io;
    Value reader, writer;
} RWPair;

enum { ENC_UTF8, ENC_UTF8SIG, ENC_ASCII, ENC_LATIN1, ENC_OTHER };
enum { ERR_STRICT, ERR_IGNORE, ERR_REPLACE, ERR_SURROGATEESCAPE, ERR_BACKSLASHREPLACE,
       ERR_XMLCHARREFREPLACE, ERR_OTHER };

/* A native decoder's whole state (what getstate() gives for a codec). */
typedef struct DecState {
    uint8_t partial[4];    /* an incomplete UTF-8 sequence */
    uint8_t npartial;
    bool first;            /* utf-8-sig: the BOM may still come */
    bool pendingcr;        /* universal newlines: a '\r' is held back */
} DecState;

typedef struct TextIO {
    IOObj io;
    Value buffer;
    Value encoding, errors;    /* str */
    uint8_t enc, err;          /* ENC_*, ERR_* */
    bool ok, detached;
    bool readuniversal, readtranslate, writetranslate;
    bool line_buffering, write_through;
    bool seekable, telling, has_read1, fast_buffer;
    bool can_read, can_write;  /* the buffer was readable / writable (CPython: a decoder / an encoder) */
    bool encoding_start_of_stream; /* utf-8-sig: write the BOM first */
    const char *writenl;       /* "\n", "\r" or "\r\n"; NULL: no translation */
    Value readnl;              /* the newline argument as given (str or None) */
    Value encoder, decoder;    /* ENC_OTHER: codec incremental objects; else VNULL */
    Value nldecoder;           /* ENC_OTHER with readuniversal: an IncrementalNewlineDecoder */
    DecState dec;              /* native decoder state */
    uint8_t seennl;            /* newlines seen (native decoder) */
    Value decoded;             /* str: decoded chars not all consumed, or VNULL */
    size_t decoded_off, decoded_used; /* bytes / chars of `decoded` consumed */
    Value snap_input;          /* bytes fed since the snapshot, VNULL: none */
    int64_t snap_flags;        /* decoder flags at the snapshot */
    double b2cratio;
    int64_t chunk_size;
    char *pending;             /* encoded text not yet written to the buffer */
    size_t pending_len, pending_cap;
    struct TextIO *prev_live, *next_live;
} TextIO;

/* The StringIO / IncrementalNewlineDecoder share the newline state. */
typedef struct NLDecoder {
    IOObj io;
    Value decoder;             /* None or an incremental decoder */
    bool translate, pendingcr;
    uint8_t seennl;
} NLDecoder;

enum { SEEN_LF = 1, SEEN_CR = 2, SEEN_CRLF = 4 };

extern Type mp_iobase_type, mp_rawiobase_type, mp_bufferediobase_type, mp_textiobase_type,
    mp_fileio_type, mp_bufreader_type, mp_bufwriter_type, mp_bufrandom_type, mp_bufrwpair_type,
    mp_textiowrapper_type, mp_nldecoder_type, mp_bytesio_type, mp_stringio_type;
/* io.UnsupportedOperation (a class made at init: OSError and ValueError). */
extern Value mp_io_unsupported;

/* _io.c */
int io_locale_kind(void);            /* 0 C/POSIX, 1 C.UTF-8, 2 another locale */
Value io_unsupported(VM *vm, const char *msg);
Value io_closed_error(VM *vm);           /* ValueError: I/O operation on closed file. */
bool io_check_closed(VM *vm, Value self); /* self.closed via attribute: false + ValueError */
bool io_add_type(VM *vm, Dict *d, Type *t, const NativeDef *methods, const GetSetDef *getsets);
void io_del(VM *vm, Value self);         /* Type.del: close() if not closed */
bool io_size_arg(VM *vm, Value v, int64_t *n); /* None or int (-1: None) */
Value io_call(VM *vm, Value obj, const char *name, int argc, Value *argv);
/* Calls obj.name(...) and checks the result is an int: *out. */
bool io_call_int(VM *vm, Value obj, const char *name, int argc, Value *argv, int64_t *out);
bool io_iobase_init(VM *vm, Dict *d);
Value io_iobase_readline_generic(VM *vm, Value self, int64_t limit);
/* The natives' close() chains at a finalizer: close what wraps `inner` first. */
void io_close_dependents(VM *vm, Value inner);

/* _io_fileio.c */
bool io_fileio_init(VM *vm, Dict *d);
Value io_fileio_make(VM *vm, Type *t, Value file, const char *mode, bool closefd, Value opener);
/* Raw calls on an open native FileIO: bytes moved, -1 + exception. */
int64_t io_fileio_readinto(VM *vm, FileIO *f, uint8_t *buf, size_t n);
int64_t io_fileio_write(VM *vm, FileIO *f, const uint8_t *buf, size_t n);
Value io_fileio_readall(VM *vm, FileIO *f);
int64_t io_fileio_seek(VM *vm, FileIO *f, int64_t pos, int whence);

/* _io_bufferedio.c */
bool io_buffered_init(VM *vm, Dict *d);
Value io_buffered_make(VM *vm, Type *t, Value raw, int64_t size);
bool io_buffered_write_data(VM *vm, Buffered *b, const uint8_t *p, size_t n);
bool io_buffered_flush_fast(VM *vm, Buffered *b);
Buffered *io_buffered_live_first(void);
/* Take b off the live list (closed, detached, finalized or freed). */
void io_buffered_forget(Buffered *b);

/* _io_textio.c */
bool io_textio_init(VM *vm, Dict *d);
Value io_textio_make(VM *vm, Value buffer, Value encoding, Value errors, Value newline,
                     bool line_buffering, bool write_through);
bool io_text_flush_pending(VM *vm, TextIO *t);
TextIO *io_textio_live_first(void);
void io_textio_forget(TextIO *t);
int io_enc_kind(const char *name);
int io_err_kind(const char *name);

/* _io_memio.c */
bool io_memio_init(VM *vm, Dict *d);

#endif
