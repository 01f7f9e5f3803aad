/* vm/dis.c — disassembler.  The listing follows CPython 3.11's dis layout
 * (line column, ">>" on jump targets, index, opname padded to 20, operand
 * right-aligned in 5, "(argrepr)"), with instruction indexes instead of
 * byte offsets, then the exception table and the nested code objects.
 * Names and operand kinds come from the one opcode table. */
#include <stdio.h>
#include <string.h>
#include "vm/dis.h"
#include "runtime/state.h"

enum {
#define OP(name, operand, pops, pushes, jpops, jpushes) DIS_##name,
#include "vm/opcodes.def"
#undef OP
    DIS__COUNT
};

enum { K_NONE, K_CONST, K_NAME, K_LOCAL, K_DEREF, K_JUMP, K_COUNT, K_OPER };

static const char *const opnames[] = {
#define OP(name, operand, pops, pushes, jpops, jpushes) #name,
#include "vm/opcodes.def"
#undef OP
};

static const unsigned char opkinds[] = {
#define OP(name, operand, pops, pushes, jpops, jpushes) K_##operand,
#include "vm/opcodes.def"
#undef OP
};

const char *vm_dis_opname(int op)
{
    if (op < 0 || op >= DIS__COUNT)
        return NULL;
    return opnames[op];
}

static const char *binop_symbol(int op)
{
    static const char *const syms[] = {
#define X(name, sym, d, r, i) sym,
        RT_BINOPS(X)
#undef X
    };
    if (op < 0 || op >= BIN__COUNT)
        return "?";
    return syms[op];
}

bool vm_dis_code_repr(VM *vm, Code *code, StrBuf *out)
{
    const char *file = (code->filename != VNULL && v_is_str(code->filename)) ? v_cstr(code->filename)
                                                                              : "<unknown>";
    const char *name = (code->name != VNULL && v_is_str(code->name)) ? v_cstr(code->name) : "?";
    return sb_printf(vm, out, "<code object %s, file \"%s\", line %u>", name, file,
                     code->firstlineno);
}

static const char *tuple_str(Value t, uint32_t i)
{
    if (t == VNULL || !v_is(t, &rt_tuple_type) || i >= v_tuple(t)->len)
        return "?";
    Value v = v_tuple(t)->items[i];
    return v_is_str(v) ? v_cstr(v) : "?";
}

static bool argrepr(VM *vm, Code *code, int op, uint32_t arg, StrBuf *out)
{
    switch (opkinds[op]) {
    case K_CONST: {
        Tuple *t = v_tuple(code->consts);
        if (arg >= t->len)
            return sb_adds(vm, out, "?");
        Value v = t->items[arg];
        if (v_is(v, &rt_code_type))
            return vm_dis_code_repr(vm, (Code *)v_obj(v), out);
        Value r = rt_repr(vm, v);
        if (r == VNULL)
            return false;
        return sb_add_value_str(vm, out, r);
    }
    case K_NAME:
        return sb_adds(vm, out, tuple_str(code->names, arg));
    case K_LOCAL:
        return sb_adds(vm, out, tuple_str(code->varnames, arg));
    case K_DEREF:
        if (arg < code->ncells)
            return sb_adds(vm, out, tuple_str(code->cellvars, arg));
        return sb_adds(vm, out, tuple_str(code->freevars, arg - code->ncells));
    case K_JUMP:
        return sb_printf(vm, out, "to %u", arg);
    case K_OPER:
        switch (op) {
        case DIS_BINARY_OP:
            return sb_printf(vm, out, "%s%s", binop_symbol((int)(arg & ~(uint32_t)BIN_INPLACE)),
                             (arg & BIN_INPLACE) ? "=" : "");
        case DIS_COMPARE_OP: {
            static const char *const cmp[] = {"<", "<=", "==", "!=", ">", ">="};
            return sb_adds(vm, out, arg < 6 ? cmp[arg] : "?");
        }
        case DIS_UNARY_OP: {
            static const char *const un[] = {"-", "+", "~", "not"};
            return sb_adds(vm, out, arg < 4 ? un[arg] : "?");
        }
        case DIS_FORMAT_VALUE: {
            static const char *const conv[] = {"", "str", "repr", "ascii"};
            const char *cv = conv[arg & 3];
            if (arg & 4)
                return sb_printf(vm, out, "%s%swith format", cv, *cv ? ", " : "");
            return sb_adds(vm, out, cv);
        }
        case DIS_MAKE_FUNCTION: {
            static const char *const fl[] = {"defaults", "kwdefaults", "closure", "annotations"};
            bool first = true;
            for (int i = 0; i < 4; i++) {
                if (arg & (1u << i)) {
                    if (!sb_printf(vm, out, "%s%s", first ? "" : ", ", fl[i]))
                        return false;
                    first = false;
                }
            }
            return true;
        }
        default:
            return true;
        }
    default:
        return true;
    }
}

static bool dis_one(VM *vm, Code *code, StrBuf *out)
{
    uint32_t n = code->ninsns;
    bool *target = rt_malloc(vm, n + 1);
    if (!target)
        return false;
    memset(target, 0, n + 1);
    uint32_t maxline = 0;
    for (uint32_t i = 0; i < n; i++) {
        int op = (int)INSN_OP(code->insns[i]);
        if (op < DIS__COUNT && opkinds[op] == K_JUMP && INSN_ARG(code->insns[i]) < n)
            target[INSN_ARG(code->insns[i])] = true;
        if (code->lines && code->lines[i] > maxline)
            maxline = code->lines[i];
    }
    for (uint32_t i = 0; i < code->nexc; i++)
        if (code->exctable[i].handler < n)
            target[code->exctable[i].handler] = true;
    int lw = maxline >= 1000 ? snprintf(NULL, 0, "%u", maxline) : 3;
    int ow = n >= 10000 ? snprintf(NULL, 0, "%u", n) : 4;
    bool ok = true;
    uint32_t prevline = 0;
    StrBuf line;
    sb_init(&line);
    for (uint32_t i = 0; ok && i < n; i++) {
        int op = (int)INSN_OP(code->insns[i]);
        uint32_t arg = INSN_ARG(code->insns[i]);
        uint32_t ln = code->lines ? code->lines[i] : 0;
        line.len = 0;
        bool starts = (i == 0 || ln != prevline) && ln != 0;
        if (starts && i > 0)
            ok = ok && sb_addc(vm, out, '\n');
        if (starts)
            ok = ok && sb_printf(vm, &line, "%*u", lw, ln);
        else
            ok = ok && sb_printf(vm, &line, "%*s", lw, "");
        prevline = ln;
        ok = ok && sb_printf(vm, &line, "    %s %*u ", target[i] ? ">>" : "  ", ow, i);
        const char *name = op < DIS__COUNT ? opnames[op] : "<invalid>";
        ok = ok && sb_printf(vm, &line, "%-20s", name);
        if (op < DIS__COUNT && opkinds[op] != K_NONE) {
            ok = ok && sb_printf(vm, &line, " %5u", arg);
            size_t mark = line.len;
            ok = ok && sb_adds(vm, &line, " (");
            size_t before = line.len;
            ok = ok && argrepr(vm, code, op, arg, &line);
            if (ok && line.len == before)
                line.len = mark;
            else
                ok = ok && sb_addc(vm, &line, ')');
        }
        while (line.len && line.data[line.len - 1] == ' ')
            line.len--;
        ok = ok && sb_add(vm, out, line.data ? line.data : "", line.len) && sb_addc(vm, out, '\n');
    }
    sb_free(&line);
    if (ok && code->nexc) {
        ok = sb_adds(vm, out, "ExceptionTable:\n");
        for (uint32_t i = 0; ok && i < code->nexc; i++) {
            const ExcEntry *e = &code->exctable[i];
            ok = sb_printf(vm, out, "  %u to %u -> %u [%u]\n", e->start, e->end ? e->end - 1 : 0,
                           e->handler, e->depth);
        }
    }
    rt_free(vm, target, n + 1);
    return ok;
}

bool vm_dis_code(VM *vm, Code *code, StrBuf *out)
{
    if (!rt_enter_c(vm, " while disassembling"))
        return false;
    bool ok = dis_one(vm, code, out);
    Tuple *t = v_tuple(code->consts);
    for (size_t i = 0; ok && i < t->len; i++) {
        Value v = t->items[i];
        if (!v_is(v, &rt_code_type))
            continue;
        ok = sb_adds(vm, out, "\nDisassembly of ") && vm_dis_code_repr(vm, (Code *)v_obj(v), out) &&
             sb_adds(vm, out, ":\n") && vm_dis_code(vm, (Code *)v_obj(v), out);
    }
    rt_leave_c(vm);
    return ok;
}
