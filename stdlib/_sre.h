/* stdlib/_sre.h — what the _sre module (stdlib/_sre.c) and its matching
 * engine (stdlib/_sre_engine.c) share: the opcode numbers of CPython's
 * Lib/re/_constants.py (MAGIC 20220615, 4-byte code words) and the state
 * of one match or search.
 *
 * The engine backtracks without C recursion.  Everything a match may have
 * to undo lives in one growable array of words, `mem`: the capture marks,
 * lastindex, the innermost open repeat and sub-match, and the records of
 * REPEAT loops and sub-matches.  Every write to an older word is logged on
 * the trail; a choice point remembers the trail and mem heights, so
 * backtracking to it undoes exactly what happened since. */
#ifndef MINIPY_SRE_H
#define MINIPY_SRE_H
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SRE_MAGIC 20220615
#define SRE_MAXREPEAT 0xFFFFFFFFu
#define SRE_MAXGROUPS 0x3FFFFFFF

enum {
    SRE_OP_FAILURE, SRE_OP_SUCCESS, SRE_OP_ANY, SRE_OP_ANY_ALL, SRE_OP_ASSERT, SRE_OP_ASSERT_NOT,
    SRE_OP_AT, SRE_OP_BRANCH, SRE_OP_CATEGORY, SRE_OP_CHARSET, SRE_OP_BIGCHARSET, SRE_OP_GROUPREF,
    SRE_OP_GROUPREF_EXISTS, SRE_OP_IN, SRE_OP_INFO, SRE_OP_JUMP, SRE_OP_LITERAL, SRE_OP_MARK,
    SRE_OP_MAX_UNTIL, SRE_OP_MIN_UNTIL, SRE_OP_NOT_LITERAL, SRE_OP_NEGATE, SRE_OP_RANGE,
    SRE_OP_REPEAT, SRE_OP_REPEAT_ONE, SRE_OP_SUBPATTERN, SRE_OP_MIN_REPEAT_ONE, SRE_OP_ATOMIC_GROUP,
    SRE_OP_POSSESSIVE_REPEAT, SRE_OP_POSSESSIVE_REPEAT_ONE, SRE_OP_GROUPREF_IGNORE,
    SRE_OP_IN_IGNORE, SRE_OP_LITERAL_IGNORE, SRE_OP_NOT_LITERAL_IGNORE, SRE_OP_GROUPREF_LOC_IGNORE,
    SRE_OP_IN_LOC_IGNORE, SRE_OP_LITERAL_LOC_IGNORE, SRE_OP_NOT_LITERAL_LOC_IGNORE,
    SRE_OP_GROUPREF_UNI_IGNORE, SRE_OP_IN_UNI_IGNORE, SRE_OP_LITERAL_UNI_IGNORE,
    SRE_OP_NOT_LITERAL_UNI_IGNORE, SRE_OP_RANGE_UNI_IGNORE,
    SRE_OP__COUNT
};

enum {
    SRE_AT_BEGINNING, SRE_AT_BEGINNING_LINE, SRE_AT_BEGINNING_STRING, SRE_AT_BOUNDARY,
    SRE_AT_NON_BOUNDARY, SRE_AT_END, SRE_AT_END_LINE, SRE_AT_END_STRING, SRE_AT_LOC_BOUNDARY,
    SRE_AT_LOC_NON_BOUNDARY, SRE_AT_UNI_BOUNDARY, SRE_AT_UNI_NON_BOUNDARY
};

enum {
    SRE_CAT_DIGIT, SRE_CAT_NOT_DIGIT, SRE_CAT_SPACE, SRE_CAT_NOT_SPACE, SRE_CAT_WORD,
    SRE_CAT_NOT_WORD, SRE_CAT_LINEBREAK, SRE_CAT_NOT_LINEBREAK, SRE_CAT_LOC_WORD,
    SRE_CAT_LOC_NOT_WORD, SRE_CAT_UNI_DIGIT, SRE_CAT_UNI_NOT_DIGIT, SRE_CAT_UNI_SPACE,
    SRE_CAT_UNI_NOT_SPACE, SRE_CAT_UNI_WORD, SRE_CAT_UNI_NOT_WORD, SRE_CAT_UNI_LINEBREAK,
    SRE_CAT_UNI_NOT_LINEBREAK
};

/* INFO block flags. */
enum { SRE_INFO_PREFIX = 1, SRE_INFO_LITERAL = 2, SRE_INFO_CHARSET = 4 };

/* Pattern flags (re.I ...), for the repr. */
enum {
    SRE_FLAG_TEMPLATE = 1, SRE_FLAG_IGNORECASE = 2, SRE_FLAG_LOCALE = 4, SRE_FLAG_MULTILINE = 8,
    SRE_FLAG_DOTALL = 16, SRE_FLAG_UNICODE = 32, SRE_FLAG_VERBOSE = 64, SRE_FLAG_DEBUG = 128,
    SRE_FLAG_ASCII = 256
};

/* The fixed words at the start of mem; the marks follow. */
enum { SRE_MEM_LASTINDEX, SRE_MEM_REPEAT, SRE_MEM_CTX, SRE_MEM_MARKS };

/* A compiled pattern's code, checked and annotated by sre_prepare(). */
typedef struct SreCode {
    uint32_t *code;      /* size words, then one FAILURE word */
    size_t size;
    uint32_t groups;
    uint32_t *aux;       /* per code word: for a single-character op, its map */
    uint64_t (*maps)[2]; /* maps[i]: the ASCII characters op i matches */
    size_t nmaps, capmaps;
    bool oom;            /* sre_prepare ran out of memory */
    int first;           /* SRE_FIRST_*: what a match must start with */
    uint64_t first_map[2];
} SreCode;

enum {
    SRE_FIRST_ANY,   /* nothing known */
    SRE_FIRST_MAP,   /* a character: one of first_map if ASCII */
    SRE_FIRST_LINE,  /* the start of a line */
};

/* Validate c->code (CPython's _validate) and fill the rest: 1 valid,
 * 0 invalid, -1 out of memory. */
int sre_prepare(SreCode *c);
void sre_code_free(SreCode *c);

typedef struct SreChoice {
    uint32_t kind, pc;    /* what to do on backtracking, and where in the code */
    int64_t pos;
    size_t trail_h, mem_h;
    int64_t a, b;         /* per kind: a count, a repeat record... */
} SreChoice;

typedef struct SreTrail {
    size_t slot;
    int64_t old;
} SreTrail;

typedef struct SreState {
    const void *str;         /* the characters: uint8_t or uint32_t (charsize) */
    int charsize;
    int64_t length;          /* characters in the subject */
    int64_t pos, endpos;     /* the slice searched, clamped to [0, length] */
    int64_t start, ptr;      /* where the attempt starts; after a match, its end */
    bool match_all, must_advance;
    int ngroups;             /* capturing groups of the pattern */
    const uint32_t *code;
    const SreCode *prog;
    SreChoice *cp;
    size_t ncp, cpcap;
    SreTrail *trail;
    size_t ntrail, trailcap;
    int64_t *mem;
    size_t nmem, memcap;
    volatile sig_atomic_t *interrupted; /* the VM's SIGINT flag, polled while backtracking */
    uint32_t steps;
} SreState;

/* Results of a matched state: mark 2g/2g+1 of group g+1 (-1 unset). */
static inline int64_t sre_mark(const SreState *st, int i) { return st->mem[SRE_MEM_MARKS + i]; }
static inline int64_t sre_lastindex(const SreState *st) { return st->mem[SRE_MEM_LASTINDEX]; }

/* Engine errors (negative results). */
enum { SRE_ERROR_MEMORY = -9, SRE_ERROR_INTERRUPTED = -10, SRE_ERROR_ILLEGAL = -1 };

void sre_state_free(SreState *st);
/* Match at st->start (st->ptr set to the end): 1 match, 0 none, <0 error. */
int sre_match(SreState *st);
/* Search from st->start to st->endpos; on a match st->start/st->ptr span it. */
int sre_search(SreState *st);

uint32_t sre_lower_unicode(uint32_t ch);
uint32_t sre_upper_unicode(uint32_t ch);
bool sre_unicode_iscased(uint32_t ch);

#endif
