/* stdlib/_sre_match.h — the matcher, included by stdlib/_sre_engine.c once
 * per character width with SRE_CHAR (uint8_t, uint32_t) and SRE(name)
 * defined.  Positions are character indices into st->str; `end` is the
 * clamped endpos.  See stdlib/_sre.h for the backtracking state. */

static bool SRE(at)(const SRE_CHAR *s, int64_t pos, int64_t end, uint32_t at)
{
    bool thisp, thatp;
    switch (at) {
    case SRE_AT_BEGINNING:
    case SRE_AT_BEGINNING_STRING:
        return pos == 0;
    case SRE_AT_BEGINNING_LINE:
        return pos == 0 || s[pos - 1] == '\n';
    case SRE_AT_END:
        return (end - pos == 1 && s[pos] == '\n') || pos == end;
    case SRE_AT_END_LINE:
        return pos == end || s[pos] == '\n';
    case SRE_AT_END_STRING:
        return pos == end;
    case SRE_AT_BOUNDARY:
    case SRE_AT_NON_BOUNDARY:
        if (end == 0)
            return false;
        thatp = pos > 0 && ascii_isword(s[pos - 1]) && s[pos - 1] < 128;
        thisp = pos < end && ascii_isword(s[pos]) && s[pos] < 128;
        return at == SRE_AT_BOUNDARY ? thisp != thatp : thisp == thatp;
    case SRE_AT_LOC_BOUNDARY:
    case SRE_AT_LOC_NON_BOUNDARY:
        if (end == 0)
            return false;
        thatp = pos > 0 && loc_isword(s[pos - 1]);
        thisp = pos < end && loc_isword(s[pos]);
        return at == SRE_AT_LOC_BOUNDARY ? thisp != thatp : thisp == thatp;
    case SRE_AT_UNI_BOUNDARY:
    case SRE_AT_UNI_NON_BOUNDARY:
        if (end == 0)
            return false;
        thatp = pos > 0 && uni_isword(s[pos - 1]);
        thisp = pos < end && uni_isword(s[pos]);
        return at == SRE_AT_UNI_BOUNDARY ? thisp != thatp : thisp == thatp;
    }
    return false;
}

/* How many characters from pos on match the single-character op at ipc,
 * at most maxcount (SRE_MAXREPEAT: no limit). */
static int64_t SRE(count)(const SreCode *prog, const SRE_CHAR *s, uint32_t ipc, int64_t pos, int64_t end,
                          uint32_t maxcount)
{
    int64_t lim = end, p = pos;
    if (maxcount != SRE_MAXREPEAT && (int64_t)maxcount < end - pos)
        lim = pos + maxcount;
    uint32_t c = prog->code[ipc + 1];
    switch (prog->code[ipc]) {
    case SRE_OP_LITERAL:
        while (p < lim && s[p] == c)
            p++;
        break;
    case SRE_OP_NOT_LITERAL:
        if (sizeof(SRE_CHAR) == 1 && c < 256) {
            const void *q = memchr(s + p, (int)c, (size_t)(lim - p));
            p = q ? (const SRE_CHAR *)q - s : lim;
        } else {
            while (p < lim && s[p] != c)
                p++;
        }
        break;
    case SRE_OP_ANY:
        if (sizeof(SRE_CHAR) == 1) {
            const void *q = memchr(s + p, '\n', (size_t)(lim - p));
            p = q ? (const SRE_CHAR *)q - s : lim;
        } else {
            while (p < lim && s[p] != '\n')
                p++;
        }
        break;
    case SRE_OP_ANY_ALL:
        p = lim;
        break;
    default:
        while (p < lim && unit_at(prog, ipc, s[p]))
            p++;
        break;
    }
    return p - pos;
}

/* The first alternative of a BRANCH, from the skip word at alt on, whose
 * first op (when it is a single-character one) does not rule it out at
 * pos; UINT32_MAX if none. */
static uint32_t SRE(viable_alt)(const SreCode *prog, uint32_t alt, const SRE_CHAR *s, int64_t pos, int64_t end)
{
    const uint32_t *code = prog->code;
    for (; code[alt]; alt += code[alt]) {
        if (prog->aux[alt + 1] != UINT32_MAX && (pos >= end || !unit_at(prog, alt + 1, s[pos])))
            continue;
        return alt;
    }
    return UINT32_MAX;
}

static bool SRE(groupref)(const SRE_CHAR *s, int64_t *posp, int64_t end, int64_t p, int64_t e, uint32_t op)
{
    int64_t pos = *posp;
    if (e - p > end - pos)
        return false;
    for (; p < e; p++, pos++) {
        uint32_t a = s[pos], b = s[p];
        switch (op) {
        case SRE_OP_GROUPREF: break;
        case SRE_OP_GROUPREF_IGNORE: a = lower_ascii(a); b = lower_ascii(b); break;
        case SRE_OP_GROUPREF_LOC_IGNORE:
            a = a < 256 ? lower_ascii(a) : a;
            b = b < 256 ? lower_ascii(b) : b;
            break;
        default: a = sre_lower_unicode(a); b = sre_lower_unicode(b); break;
        }
        if (a != b)
            return false;
    }
    *posp = pos;
    return true;
}

#define FAIL goto fail
#define MSET(slot, v)                                      \
    do {                                                   \
        if (!mem_set(st, (size_t)(slot), (v)))             \
            return SRE_ERROR_MEMORY;                       \
    } while (0)
#define PUSH(var, kind, pc_, pos_)                         \
    do {                                                   \
        if (!((var) = push_choice(st, (kind), (pc_), (pos_)))) \
            return SRE_ERROR_MEMORY;                       \
    } while (0)

/* Open a sub-match (lookaround, atomic group, possessive iteration) whose
 * barrier choice was just pushed. */
static bool SRE(open_ctx)(SreState *st)
{
    int64_t ctx = mem_alloc(st, 2);
    if (ctx < 0)
        return false;
    st->mem[ctx] = (int64_t)st->ncp - 1;
    st->mem[ctx + 1] = st->mem[SRE_MEM_CTX];
    return mem_set(st, SRE_MEM_CTX, ctx);
}

/* Run the code from pc0 at st->start.  toplevel: the SUCCESS of the whole
 * pattern honours match_all and must_advance (CPython's toplevel flag). */
static int SRE(run)(SreState *st, uint32_t pc0, bool toplevel)
{
    const SRE_CHAR *s = st->str;
    const uint32_t *code = st->code;
    const SreCode *prog = st->prog;
    int64_t end = st->endpos, pos = st->start;
    uint32_t pc = pc0;
    SreChoice *c;
    if (!reset(st))
        return SRE_ERROR_MEMORY;
    if (code[pc] == SRE_OP_INFO) {
        if (code[pc + 3] && (uint64_t)(end - pos) < code[pc + 3])
            return 0;
        pc += code[pc + 1] + 1;
    }
    for (;;) {
    dispatch:
        switch (code[pc]) {
        case SRE_OP_MARK: {
            uint32_t i = code[pc + 1];
            if (i & 1)
                MSET(SRE_MEM_LASTINDEX, i / 2 + 1);
            MSET(SRE_MEM_MARKS + i, pos);
            pc += 2;
            continue;
        }
        case SRE_OP_LITERAL:
            if (pos >= end || s[pos] != code[pc + 1])
                FAIL;
            pos++;
            pc += 2;
            continue;
        case SRE_OP_NOT_LITERAL:
            if (pos >= end || s[pos] == code[pc + 1])
                FAIL;
            pos++;
            pc += 2;
            continue;
        case SRE_OP_ANY:
            if (pos >= end || s[pos] == '\n')
                FAIL;
            pos++;
            pc++;
            continue;
        case SRE_OP_ANY_ALL:
            if (pos >= end)
                FAIL;
            pos++;
            pc++;
            continue;
        case SRE_OP_CATEGORY:
        case SRE_OP_LITERAL_IGNORE:
        case SRE_OP_NOT_LITERAL_IGNORE:
        case SRE_OP_LITERAL_UNI_IGNORE:
        case SRE_OP_NOT_LITERAL_UNI_IGNORE:
        case SRE_OP_LITERAL_LOC_IGNORE:
        case SRE_OP_NOT_LITERAL_LOC_IGNORE:
            if (pos >= end || !unit_at(prog, pc, s[pos]))
                FAIL;
            pos++;
            pc += 2;
            continue;
        case SRE_OP_IN:
        case SRE_OP_IN_IGNORE:
        case SRE_OP_IN_UNI_IGNORE:
        case SRE_OP_IN_LOC_IGNORE:
            if (pos >= end || !unit_at(prog, pc, s[pos]))
                FAIL;
            pos++;
            pc += 1 + code[pc + 1];
            continue;
        case SRE_OP_AT:
            if (!SRE(at)(s, pos, end, code[pc + 1]))
                FAIL;
            pc += 2;
            continue;
        case SRE_OP_JUMP:
        case SRE_OP_INFO:
            pc += 1 + code[pc + 1];
            continue;
        case SRE_OP_FAILURE:
            FAIL;
        case SRE_OP_BRANCH: {
            uint32_t alt = SRE(viable_alt)(prog, pc + 1, s, pos, end);
            if (alt == UINT32_MAX)
                FAIL;
            uint32_t next = SRE(viable_alt)(prog, alt + code[alt], s, pos, end);
            if (next != UINT32_MAX)
                PUSH(c, CP_BRANCH, next, pos);
            pc = alt + 1;
            continue;
        }
        case SRE_OP_REPEAT_ONE: {
            /* <REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail */
            uint32_t min = code[pc + 2];
            if ((int64_t)min > end - pos)
                FAIL;
            int64_t count = SRE(count)(prog, s, pc + 4, pos, end, code[pc + 3]);
            if (count < min)
                FAIL;
            pos += count;
            uint32_t tail = pc + 1 + code[pc + 1];
            if (code[tail] == SRE_OP_LITERAL) {
                /* back off to where the tail's first literal can match */
                uint32_t chr = code[tail + 1];
                while (count >= min && (pos >= end || s[pos] != chr)) {
                    pos--;
                    count--;
                }
                if (count < min)
                    FAIL;
            } else if (code[tail] == SRE_OP_SUCCESS && pos == end) {
                pc = tail;
                continue;
            }
            if (count > min) {
                PUSH(c, CP_REPEAT_ONE, pc, pos);
                c->a = count;
            }
            pc = tail;
            continue;
        }
        case SRE_OP_MIN_REPEAT_ONE: {
            uint32_t min = code[pc + 2], max = code[pc + 3];
            if ((int64_t)min > end - pos)
                FAIL;
            int64_t count = 0;
            if (min) {
                count = SRE(count)(prog, s, pc + 4, pos, end, min);
                if (count < min)
                    FAIL;
                pos += count;
            }
            if (max == SRE_MAXREPEAT || count < max) {
                PUSH(c, CP_MIN_REPEAT_ONE, pc, pos);
                c->a = count;
            }
            pc += 1 + code[pc + 1];
            continue;
        }
        case SRE_OP_POSSESSIVE_REPEAT_ONE: {
            uint32_t min = code[pc + 2];
            if ((int64_t)min > end - pos)
                FAIL;
            int64_t count = SRE(count)(prog, s, pc + 4, pos, end, code[pc + 3]);
            if (count < min)
                FAIL;
            pos += count;
            pc += 1 + code[pc + 1];
            continue;
        }
        case SRE_OP_REPEAT: {
            /* <REPEAT> <skip> <min> <max> item <MAX_UNTIL|MIN_UNTIL> tail;
             * the record: count, last position, the REPEAT op, the outer record */
            int64_t rec = mem_alloc(st, 4);
            if (rec < 0)
                return SRE_ERROR_MEMORY;
            st->mem[rec] = -1;
            st->mem[rec + 1] = -1;
            st->mem[rec + 2] = pc;
            st->mem[rec + 3] = st->mem[SRE_MEM_REPEAT];
            MSET(SRE_MEM_REPEAT, rec);
            pc += 1 + code[pc + 1];
            continue;
        }
        case SRE_OP_MAX_UNTIL: {
            int64_t rec = st->mem[SRE_MEM_REPEAT];
            if (rec < 0)
                return SRE_ERROR_ILLEGAL;
            uint32_t rpc = (uint32_t)st->mem[rec + 2];
            uint32_t min = code[rpc + 2], max = code[rpc + 3];
            int64_t count = st->mem[rec] + 1;
            if (count < min) {
                MSET(rec, count);
                pc = rpc + 4;
                continue;
            }
            if ((count < max || max == SRE_MAXREPEAT) && pos != st->mem[rec + 1]) {
                PUSH(c, CP_MAX_UNTIL_TAIL, pc + 1, pos);
                c->a = rec;
                MSET(rec, count);
                MSET(rec + 1, pos);
                pc = rpc + 4;
                continue;
            }
            MSET(SRE_MEM_REPEAT, st->mem[rec + 3]);
            pc++;
            continue;
        }
        case SRE_OP_MIN_UNTIL: {
            int64_t rec = st->mem[SRE_MEM_REPEAT];
            if (rec < 0)
                return SRE_ERROR_ILLEGAL;
            uint32_t rpc = (uint32_t)st->mem[rec + 2];
            int64_t count = st->mem[rec] + 1;
            if (count < code[rpc + 2]) {
                MSET(rec, count);
                pc = rpc + 4;
                continue;
            }
            PUSH(c, CP_MIN_UNTIL_MORE, pc, pos);
            c->a = rec;
            c->b = count;
            MSET(SRE_MEM_REPEAT, st->mem[rec + 3]);
            pc++;
            continue;
        }
        case SRE_OP_GROUPREF:
        case SRE_OP_GROUPREF_IGNORE:
        case SRE_OP_GROUPREF_UNI_IGNORE:
        case SRE_OP_GROUPREF_LOC_IGNORE: {
            uint32_t g = code[pc + 1];
            if (g >= (uint32_t)st->ngroups)
                FAIL;
            int64_t p = st->mem[SRE_MEM_MARKS + 2 * g], e = st->mem[SRE_MEM_MARKS + 2 * g + 1];
            if (p < 0 || e < 0 || e < p || !SRE(groupref)(s, &pos, end, p, e, code[pc]))
                FAIL;
            pc += 2;
            continue;
        }
        case SRE_OP_GROUPREF_EXISTS: {
            /* <GROUPREF_EXISTS> <group> <skip> codeyes <JUMP> codeno */
            uint32_t g = code[pc + 1];
            int64_t p = -1, e = -1;
            if (g < (uint32_t)st->ngroups) {
                p = st->mem[SRE_MEM_MARKS + 2 * g];
                e = st->mem[SRE_MEM_MARKS + 2 * g + 1];
            }
            if (p < 0 || e < 0 || e < p)
                pc += 1 + code[pc + 2];
            else
                pc += 3;
            continue;
        }
        case SRE_OP_ASSERT: {
            /* <ASSERT> <skip> <back> pattern <SUCCESS> */
            uint32_t back = code[pc + 2];
            if (pos < (int64_t)back)
                FAIL;
            PUSH(c, CP_ASSERT, pc, pos);
            if (!SRE(open_ctx)(st))
                return SRE_ERROR_MEMORY;
            pos -= back;
            pc += 3;
            continue;
        }
        case SRE_OP_ASSERT_NOT: {
            uint32_t back = code[pc + 2];
            if (pos < (int64_t)back) {
                pc += 1 + code[pc + 1];
                continue;
            }
            PUSH(c, CP_ASSERT_NOT, pc, pos);
            if (!SRE(open_ctx)(st))
                return SRE_ERROR_MEMORY;
            pos -= back;
            pc += 3;
            continue;
        }
        case SRE_OP_ATOMIC_GROUP:
            /* <ATOMIC_GROUP> <skip> pattern <SUCCESS> tail */
            PUSH(c, CP_ATOMIC, pc, pos);
            if (!SRE(open_ctx)(st))
                return SRE_ERROR_MEMORY;
            pc += 2;
            continue;
        case SRE_OP_POSSESSIVE_REPEAT: {
            /* <POSSESSIVE_REPEAT> <skip> <min> <max> pattern <SUCCESS> tail */
            int64_t count = 0;
            bool optional = false;
            int64_t started = -1;
        poss_next:
            if (count < code[pc + 2] ||
                ((count < code[pc + 3] || code[pc + 3] == SRE_MAXREPEAT) && !(optional && pos == started))) {
                optional = count >= code[pc + 2];
                PUSH(c, CP_POSS, pc, pos);
                c->a = count;
                c->b = optional;
                if (!SRE(open_ctx)(st))
                    return SRE_ERROR_MEMORY;
                pc += 4;
                continue;
            }
            pc += 1 + code[pc + 1] + 1;
            continue;
        case SRE_OP_SUCCESS: {
            int64_t ctx = st->mem[SRE_MEM_CTX];
            if (ctx < 0) {
                if (toplevel && ((st->match_all && pos != end) || (st->must_advance && pos == st->start)))
                    FAIL;
                st->ptr = pos;
                return 1;
            }
            size_t b = (size_t)st->mem[ctx];
            int64_t prev = st->mem[ctx + 1];
            c = &st->cp[b];
            uint32_t op = c->pc;
            switch (c->kind) {
            case CP_ASSERT:
                pos = c->pos;
                /* fall through */
            case CP_ATOMIC:
                st->ncp = b;
                MSET(SRE_MEM_CTX, prev);
                pc = op + 1 + code[op + 1];
                continue;
            case CP_ASSERT_NOT:
                c->kind = CP_DEAD;
                st->ncp = b + 1;
                FAIL;
            case CP_POSS:
                count = c->a + 1;
                optional = c->b;
                started = c->pos;
                st->ncp = b;
                MSET(SRE_MEM_CTX, prev);
                pc = op;
                goto poss_next;
            }
            return SRE_ERROR_ILLEGAL;
        }
        }
        default:
            return SRE_ERROR_ILLEGAL;
        }

    fail:
        if ((++st->steps & 0xFFF) == 0 && st->interrupted && *st->interrupted)
            return SRE_ERROR_INTERRUPTED;
        for (;;) {
            if (st->ncp == 0)
                return 0;
            c = &st->cp[st->ncp - 1];
            undo_to(st, c);
            switch (c->kind) {
            case CP_BRANCH: {
                uint32_t alt = c->pc;
                uint32_t next = SRE(viable_alt)(prog, alt + code[alt], s, c->pos, end);
                pos = c->pos;
                if (next == UINT32_MAX)
                    st->ncp--;
                else
                    c->pc = next;
                pc = alt + 1;
                goto dispatch;
            }
            case CP_REPEAT_ONE: {
                uint32_t op = c->pc, min = code[op + 2];
                uint32_t tail = op + 1 + code[op + 1];
                int64_t count = c->a - 1;
                pos = c->pos - 1;
                if (code[tail] == SRE_OP_LITERAL) {
                    uint32_t chr = code[tail + 1];
                    while (count >= min && (pos >= end || s[pos] != chr)) {
                        pos--;
                        count--;
                    }
                }
                if (count < min) {
                    st->ncp--;
                    continue;
                }
                if (count == min)
                    st->ncp--;
                else {
                    c->a = count;
                    c->pos = pos;
                }
                pc = tail;
                goto dispatch;
            }
            case CP_MIN_REPEAT_ONE: {
                uint32_t op = c->pc, max = code[op + 3];
                if ((max != SRE_MAXREPEAT && c->a >= max) || c->pos >= end ||
                    !unit_at(prog, op + 4, s[c->pos])) {
                    st->ncp--;
                    continue;
                }
                pos = ++c->pos;
                c->a++;
                pc = op + 1 + code[op + 1];
                goto dispatch;
            }
            case CP_MAX_UNTIL_TAIL: {
                int64_t rec = c->a;
                pos = c->pos;
                pc = c->pc;
                st->ncp--;
                MSET(SRE_MEM_REPEAT, st->mem[rec + 3]);
                goto dispatch;
            }
            case CP_MIN_UNTIL_MORE: {
                int64_t rec = c->a, count = c->b;
                uint32_t rpc = (uint32_t)st->mem[rec + 2], max = code[rpc + 3];
                pos = c->pos;
                st->ncp--;
                if ((count >= max && max != SRE_MAXREPEAT) || pos == st->mem[rec + 1])
                    continue;
                MSET(rec, count);
                MSET(rec + 1, pos);
                pc = rpc + 4;
                goto dispatch;
            }
            case CP_ASSERT_NOT: {
                uint32_t op = c->pc;
                pos = c->pos;
                st->ncp--;
                pc = op + 1 + code[op + 1];
                goto dispatch;
            }
            case CP_POSS:
                if (c->b) {
                    uint32_t op = c->pc;
                    pos = c->pos;
                    st->ncp--;
                    pc = op + 1 + code[op + 1] + 1;
                    goto dispatch;
                }
                st->ncp--;
                continue;
            default: /* CP_ASSERT, CP_ATOMIC, CP_DEAD: the failure goes on */
                st->ncp--;
                continue;
            }
        }
    }
}

#undef FAIL
#undef MSET
#undef PUSH

/* Where the literal prefix (plen code words) occurs first at or after pos,
 * ending by end; -1 if nowhere. */
static int64_t SRE(find_prefix)(const SRE_CHAR *s, int64_t pos, int64_t end, const uint32_t *prefix, uint32_t plen)
{
    if (sizeof(SRE_CHAR) == 1)
        for (uint32_t i = 0; i < plen; i++)
            if (prefix[i] > 255)
                return -1;
    int64_t last = end - (int64_t)plen;
    SRE_CHAR first = (SRE_CHAR)prefix[0];
    while (pos <= last) {
        if (sizeof(SRE_CHAR) == 1) {
            const void *q = memchr(s + pos, first, (size_t)(last - pos + 1));
            if (!q)
                return -1;
            pos = (const SRE_CHAR *)q - s;
        } else if (s[pos] != first) {
            pos++;
            continue;
        }
        uint32_t i = 1;
        while (i < plen && s[pos + i] == prefix[i])
            i++;
        if (i == plen)
            return pos;
        pos++;
    }
    return -1;
}

static int SRE(search)(SreState *st)
{
    const SRE_CHAR *s = st->str;
    const uint32_t *code = st->code;
    int64_t pos = st->start, end = st->endpos;
    uint32_t body = 0, flags = 0, min = 0, plen = 0;
    const uint32_t *prefix = NULL, *charset = NULL;
    int rc;
    if (pos > end)
        return 0;
    if (code[0] == SRE_OP_INFO) {
        flags = code[2];
        min = code[3];
        if (min && end - pos < (int64_t)min)
            return 0;
        if (flags & SRE_INFO_PREFIX) {
            plen = code[5];
            prefix = code + 7;
        } else if (flags & SRE_INFO_CHARSET) {
            charset = code + 5;
        }
        body = 1 + code[1];
    }
    if (prefix && plen) {
        st->must_advance = false;
        for (;; pos++) {
            pos = SRE(find_prefix)(s, pos, end, prefix, plen);
            if (pos < 0)
                return 0;
            st->start = pos;
            if (flags & SRE_INFO_LITERAL) {
                if (!reset(st))
                    return SRE_ERROR_MEMORY;
                st->ptr = pos + plen;
                return 1;
            }
            if ((rc = SRE(run)(st, body, false)) != 0)
                return rc;
        }
    }
    if (charset) {
        st->must_advance = false;
        for (;; pos++) {
            while (pos < end && !in_charset(charset, s[pos]))
                pos++;
            if (pos >= end)
                return 0;
            st->start = pos;
            if ((rc = SRE(run)(st, body, false)) != 0)
                return rc;
        }
    }
    int64_t limit = end - (min > 1 ? (int64_t)min - 1 : 0), first = pos;
    const SreCode *prog = st->prog;
    if (limit < pos)
        limit = pos;
    for (;; pos++) {
        /* skip the positions where no match can start */
        if (prog->first == SRE_FIRST_MAP) {
            while (pos < limit && s[pos] < 128 && !((prog->first_map[s[pos] >> 6] >> (s[pos] & 63)) & 1))
                pos++;
            if (pos >= end)
                return 0;
        } else if (prog->first == SRE_FIRST_LINE && pos > 0) {
            while (pos < limit && s[pos - 1] != '\n')
                pos++;
        }
        st->start = pos;
        rc = SRE(run)(st, body, pos == first);
        if (pos == first) {
            /* only the first attempt may be refused for not advancing */
            st->must_advance = false;
            if (rc == 0 && code[body] == SRE_OP_AT &&
                (code[body + 1] == SRE_AT_BEGINNING || code[body + 1] == SRE_AT_BEGINNING_STRING))
                return 0;
        }
        if (rc != 0 || pos >= limit)
            return rc;
    }
}
