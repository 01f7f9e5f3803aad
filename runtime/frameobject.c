/* runtime/frameobject.c — frame objects: what sys._getframe() and
 * traceback.tb_frame hand to Python code.
 *
 * The VM's frames (runtime/state.h) are not heap objects: they live in
 * vm->frames or inside a generator.  A FrameObj is made on demand for one
 * and linked both ways (Frame.frame_obj).  While the frame runs, the object
 * reads it live; when the frame ends (rt_frame_detach, called as the VM pops
 * it), the object keeps what CPython's keeps: code, globals, the last line,
 * a snapshot of the locals and its f_back. */
#include <string.h>

#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/callable.h"
#include "runtime/code.h"
#include "runtime/frameobject.h"

typedef struct FrameObj {
    Obj hdr;
    Frame *frame;       /* the live frame, NULL once detached */
    Code *code;
    Dict *globals, *builtins;
    Value locals;       /* detached: the snapshot (or the frame's namespace) */
    Value back;         /* detached: f_back (a FrameObj or rt_None) */
    Value gen;          /* a generator's frame: the generator, kept alive */
    Value trace;        /* f_trace (stored, never called) */
    uint32_t lineno;    /* detached: the last line */
    uint32_t lasti;     /* detached: the last instruction */
    uint32_t nslots;    /* locals + cells + frees of the code */
    bool saved;         /* detached with its slots copied below */
    bool no_trace_lines, trace_opcodes; /* f_trace_lines (default True), f_trace_opcodes */
    Value slots[];      /* detached: the frame's slots (f_locals is built on demand) */
} FrameObj;

static FrameObj *FO(Value v) { return (FrameObj *)v_obj(v); }

static void frame_trace(VM *vm, Obj *o)
{
    FrameObj *f = (FrameObj *)o;
    rt_gc_mark_obj(vm, (Obj *)f->code);
    rt_gc_mark_obj(vm, (Obj *)f->globals);
    rt_gc_mark_obj(vm, (Obj *)f->builtins);
    rt_gc_mark(vm, f->locals);
    rt_gc_mark(vm, f->back);
    rt_gc_mark(vm, f->gen);
    rt_gc_mark(vm, f->trace);
    if (f->saved)
        for (uint32_t i = 0; i < f->nslots; i++)
            rt_gc_mark(vm, f->slots[i]);
}

static uint32_t insn_index(const Frame *f)
{
    ptrdiff_t i = f->ip ? f->ip - f->code->insns - 1 : 0;
    return i < 0 ? 0 : (uint32_t)i;
}

static uint32_t frame_line(FrameObj *fo)
{
    if (!fo->frame)
        return fo->lineno;
    /* A generator not started yet is at its definition line, as in CPython. */
    if (fo->frame->gen && fo->frame->ip == fo->code->insns)
        return fo->code->firstlineno;
    return rt_code_line(fo->code, insn_index(fo->frame));
}

/* d[name] = v, or del d[name] for an unbound v. */
static bool sync_name(VM *vm, Dict *d, Value name, Value v)
{
    if (v)
        return rt_dict_set(vm, d, name, v);
    return rt_dict_del(vm, d, name) >= 0;
}

/* Refresh d from a function frame's slots: bound names set, unbound ones
 * removed. */
static bool sync_locals(VM *vm, Dict *d, Code *co, const Value *slots)
{
    Tuple *vars = v_tuple(co->varnames);
    Tuple *cells = v_tuple(co->cellvars), *frees = v_tuple(co->freevars);
    for (uint32_t i = 0; i < co->nlocals && i < vars->len; i++) {
        bool is_cell = false;
        for (uint32_t j = 0; j < co->ncells && !is_cell; j++)
            is_cell = !strcmp(v_cstr(cells->items[j]), v_cstr(vars->items[i]));
        if (!is_cell && !sync_name(vm, d, vars->items[i], slots[i]))
            return false;
    }
    /* cells then free variables: their current contents */
    for (uint32_t i = 0; i < co->ncells + co->nfrees; i++) {
        Value c = slots[co->nlocals + i];
        Value name = i < co->ncells ? cells->items[i] : frees->items[i - co->ncells];
        Value v = c && v_is(c, &rt_cell_type) ? ((Cell *)v_obj(c))->v : VNULL;
        if (!sync_name(vm, d, name, v))
            return false;
    }
    return true;
}

/* A function frame's locals live in slots; like CPython 3.11, each frame
 * has one dict (kept by its frame object) that locals()/f_locals refresh
 * from them, so names exec() adds to it stay visible. */
Value rt_frame_locals(VM *vm, Frame *f)
{
    if (f->locals)
        return f->locals;
    Value fov = rt_frame_object(vm, f);
    if (!fov)
        return VNULL;
    FrameObj *fo = FO(fov);
    if (!fo->locals && !(fo->locals = rt_dict_new(vm)))
        return VNULL;
    return sync_locals(vm, v_dict(fo->locals), f->code, f->slots) ? fo->locals : VNULL;
}

static bool is_marker(Value v) { return v_is(v, &rt_traceback_type); }

Value rt_frame_object(VM *vm, Frame *f)
{
    if (f->frame_obj && !is_marker(f->frame_obj))
        return f->frame_obj;
    Code *c = f->code;
    uint32_t n = f->locals ? 0 : c->nlocals + c->ncells + c->nfrees;
    FrameObj *fo = rt_alloc(vm, &rt_frame_type, sizeof(FrameObj) + n * sizeof(Value));
    if (!fo)
        return VNULL;
    fo->nslots = n;
    fo->saved = false;
    fo->frame = f;
    fo->code = f->code;
    fo->globals = f->globals;
    fo->builtins = f->builtins;
    fo->locals = VNULL;
    fo->back = VNULL;
    fo->gen = f->gen ? v_from(f->gen) : VNULL;
    fo->trace = rt_None;
    if (f->frame_obj) {
        /* A traceback entry stood for the frame until now. */
        Traceback *t = (Traceback *)v_obj(f->frame_obj);
        t->frame = v_from(fo);
        rt_tb_state(t)->live = NULL;
    }
    f->frame_obj = v_from(fo);
    return f->frame_obj;
}

/* ---- traceback entries ------------------------------------------------------------------ */

static uint32_t frame_nslots(const Frame *f)
{
    return f->locals ? 0 : f->code->nlocals + f->code->ncells + f->code->nfrees;
}

/* Making a frame object for every traceback entry would cost an allocation
 * per frame an exception passes through; instead the first entry of a
 * frame with no frame object stands for it (f->frame_obj points to the
 * entry).  If the frame then ends by unwinding, the entry keeps its slots
 * (saved); tb_frame builds the frame object from them when asked. */
static Value traceback_new(VM *vm, Frame *f, Code *code, uint32_t lineno, Value next)
{
    bool stand_in = false;
    Value fo = VNULL;
    if (f) {
        fo = f->frame_obj;
        stand_in = !fo && !f->gen; /* a generator may die before its entries */
        if (!stand_in && !(fo && v_obj(fo)->type == &rt_frame_type) &&
            !(fo = rt_frame_object(vm, f)))
            return VNULL;
    }
    uint32_t n = stand_in ? frame_nslots(f) : 0;
    size_t size = sizeof(Traceback) + (stand_in ? sizeof(TbFrameState) + n * sizeof(Value) : 0);
    Traceback *t = rt_alloc(vm, &rt_traceback_type, size);
    if (!t)
        return VNULL;
    t->next = next;
    t->code = code;
    t->lineno = lineno;
    if (f) {
        t->lasti = 2 * insn_index(f);
        t->frame = fo;
        if (stand_in) {
            t->hdr.aux |= 1;
            TbFrameState *st = rt_tb_state(t);
            st->nslots = n;
            st->live = f;
            f->frame_obj = v_from(t);
        }
        /* The entry just below is the callee's, saved as it unwound out of
         * this frame: this frame is its f_back. */
        if (v_is(next, &rt_traceback_type)) {
            TbFrameState *n2 = rt_tb_state((Traceback *)v_obj(next));
            if (n2 && n2->saved && !n2->back_tb && n2->caller == f && n2->caller_code == f->code)
                n2->back_tb = v_from(t);
        }
    }
    return v_from(t);
}

bool rt_traceback_add(VM *vm, Value exc, Code *code, uint32_t lineno)
{
    if (!rt_is_exception(exc))
        return true;
    Exception *e = (Exception *)v_obj(exc);
    /* The frame being unwound is the innermost one (vm/eval.c calls this
     * before popping it). */
    Frame *f = vm->frame && vm->frame->code == code ? vm->frame : NULL;
    Value t = traceback_new(vm, f, code, lineno, e->traceback ? e->traceback : rt_None);
    if (!t)
        return false;
    e->traceback = t;
    return true;
}

/* The frame ends while an exception unwinds it: keep its state in the
 * entry standing for it. */
static void save_into_traceback(Frame *f, Traceback *tb)
{
    TbFrameState *t = rt_tb_state(tb);
    t->saved = true;
    t->live = NULL;
    t->globals = f->globals;
    t->builtins = f->builtins;
    t->locals = f->locals;
    t->caller = f->gen ? NULL : f->prev;
    t->caller_code = t->caller ? t->caller->code : NULL;
    /* A handful of slots as a rule: a loop beats memcpy's call. */
    for (uint32_t i = 0; i < t->nslots; i++)
        t->slots[i] = f->slots[i];
    f->frame_obj = VNULL;
}

Value rt_traceback_frame(VM *vm, Value tbv)
{
    Traceback *tb = (Traceback *)v_obj(tbv);
    if (tb->frame)
        return tb->frame;
    TbFrameState *t = rt_tb_state(tb);
    if (!t)
        return rt_None;
    if (t->live)
        return rt_frame_object(vm, t->live);
    if (!t->saved)
        return rt_None;
    FrameObj *fo = rt_alloc(vm, &rt_frame_type, sizeof(FrameObj) + t->nslots * sizeof(Value));
    if (!fo)
        return VNULL;
    fo->code = tb->code;
    fo->globals = t->globals;
    fo->builtins = t->builtins;
    fo->locals = t->locals;
    fo->gen = VNULL;
    fo->trace = rt_None;
    fo->back = rt_None;
    fo->lineno = tb->lineno;
    fo->lasti = tb->lasti / 2;
    fo->nslots = t->nslots;
    memcpy(fo->slots, t->slots, t->nslots * sizeof(Value));
    fo->saved = true;
    tb->frame = v_from(fo);
    if (t->back_tb) {
        Value b = rt_traceback_frame(vm, t->back_tb);
        if (!b)
            return VNULL;
        fo->back = b;
    }
    return tb->frame;
}

void rt_tb_state_trace(VM *vm, Traceback *tb)
{
    TbFrameState *t = rt_tb_state(tb);
    rt_gc_mark(vm, t->back_tb);
    rt_gc_mark_obj(vm, (Obj *)t->caller_code);
    rt_gc_mark_obj(vm, (Obj *)t->globals);
    rt_gc_mark_obj(vm, (Obj *)t->builtins);
    rt_gc_mark(vm, t->locals);
    if (t->saved)
        for (uint32_t i = 0; i < t->nslots; i++)
            rt_gc_mark(vm, t->slots[i]);
}

static void detach_frame_object(VM *vm, Frame *f);

void rt_frame_detach(VM *vm, Frame *f)
{
    /* Unwinding (an exception pending) out of a frame a traceback entry
     * stands for: the entry keeps the frame (the path exceptions take). */
    if (is_marker(f->frame_obj) && vm->exc)
        save_into_traceback(f, (Traceback *)v_obj(f->frame_obj));
    else
        detach_frame_object(vm, f);
}

static __attribute__((noinline)) void detach_frame_object(VM *vm, Frame *f)
{
    if (is_marker(f->frame_obj)) {
        /* The frame caught the exception and went on: make the object. */
        Value pending = vm->exc;
        if (!rt_frame_object(vm, f)) {
            vm->exc = pending;
            rt_tb_state((Traceback *)v_obj(f->frame_obj))->live = NULL;
            f->frame_obj = VNULL;
            return;
        }
    }
    FrameObj *fo = FO(f->frame_obj);
    /* Runs while an exception may be propagating: keep it. */
    Value pending = vm->exc;
    vm->exc = VNULL;
    fo->lineno = rt_code_line(f->code, insn_index(f));
    fo->lasti = insn_index(f);
    /* Keep the slots (cheap; f_locals builds its dict from them on demand),
     * or refresh the dict locals() already handed out. */
    if (f->locals)
        fo->locals = f->locals;
    else if (fo->locals)
        sync_locals(vm, v_dict(fo->locals), f->code, f->slots);
    memcpy(fo->slots, f->slots, fo->nslots * sizeof(Value));
    fo->saved = true;
    fo->back = f->prev && !f->gen ? rt_frame_object(vm, f->prev) : rt_None;
    if (!fo->back)
        fo->back = rt_None;
    vm->exc = pending;
    fo->frame = NULL;
    f->frame_obj = VNULL;
}

/* ---- attributes ------------------------------------------------------------------- */

static Value get_back(VM *vm, Value self)
{
    FrameObj *fo = FO(self);
    if (!fo->frame)
        return fo->back ? fo->back : rt_None;
    Frame *prev = fo->frame->prev;
    return prev ? rt_frame_object(vm, prev) : rt_None;
}

static Value get_code(VM *vm, Value self) { return v_from(FO(self)->code); }
static Value get_globals(VM *vm, Value self) { return v_from(FO(self)->globals); }

static Value get_builtins(VM *vm, Value self)
{
    FrameObj *fo = FO(self);
    return fo->builtins ? v_from(fo->builtins) : v_from(vm->builtins);
}

static Value get_locals(VM *vm, Value self)
{
    FrameObj *fo = FO(self);
    if (fo->frame)
        return rt_frame_locals(vm, fo->frame);
    if (!fo->locals) {
        if (!(fo->locals = rt_dict_new(vm)))
            return VNULL;
        if (fo->saved && !sync_locals(vm, v_dict(fo->locals), fo->code, fo->slots))
            return VNULL;
    }
    return fo->locals;
}

static Value get_lineno(VM *vm, Value self) { return v_from_small(frame_line(FO(self))); }

/* CPython counts code units of two bytes. */
static Value get_lasti(VM *vm, Value self)
{
    FrameObj *fo = FO(self);
    return v_from_small(2 * (int64_t)(fo->frame ? insn_index(fo->frame) : fo->lasti));
}

static Value get_trace(VM *vm, Value self) { return FO(self)->trace; }
static int set_trace(VM *vm, Value self, Value v)
{
    FO(self)->trace = v ? v : rt_None;
    return 0;
}

static Value get_trace_lines(VM *vm, Value self) { return rt_bool(!FO(self)->no_trace_lines); }
static int set_trace_lines(VM *vm, Value self, Value v)
{
    int t = v ? rt_truthy(vm, v) : 0;
    if (t < 0)
        return -1;
    FO(self)->no_trace_lines = !t;
    return 0;
}
static Value get_trace_opcodes(VM *vm, Value self) { return rt_bool(FO(self)->trace_opcodes); }
static int set_trace_opcodes(VM *vm, Value self, Value v)
{
    int t = v ? rt_truthy(vm, v) : 0;
    if (t < 0)
        return -1;
    FO(self)->trace_opcodes = t;
    return 0;
}

static const GetSetDef frame_getsets[] = {
    {"f_trace_lines", get_trace_lines, set_trace_lines},
    {"f_trace_opcodes", get_trace_opcodes, set_trace_opcodes},
    {"f_back", get_back, NULL},
    {"f_code", get_code, NULL},
    {"f_globals", get_globals, NULL},
    {"f_builtins", get_builtins, NULL},
    {"f_locals", get_locals, NULL},
    {"f_lineno", get_lineno, NULL},
    {"f_lasti", get_lasti, NULL},
    {"f_trace", get_trace, set_trace},
    {NULL, NULL, NULL},
};

static Value frame_repr(VM *vm, Value self)
{
    FrameObj *fo = FO(self);
    Code *c = fo->code;
    return rt_str_printf(vm, "<frame at %p, file '%s', line %u, code %s>", (void *)fo,
                         v_is_str(c->filename) ? v_cstr(c->filename) : "?", frame_line(fo),
                         v_is_str(c->name) ? v_cstr(c->name) : "?");
}

/* frame.clear(): CPython refuses for a running frame. */
static Value m_clear(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "clear", argc - 1, 0, 0))
        return VNULL;
    FrameObj *fo = FO(argv[0]);
    if (fo->frame)
        return rt_raise(vm, &rt_exc_RuntimeError, "cannot clear an executing frame");
    if (fo->locals && v_is(fo->locals, &rt_dict_type) && fo->code->nlocals)
        fo->locals = VNULL;
    return rt_None;
}

static const NativeDef frame_methods[] = {
    {"clear", m_clear, 0},
    {NULL, NULL, 0},
};

Type rt_frame_type = {
    .name = "frame",
    .instance_size = sizeof(FrameObj),
    .trace = frame_trace,
    .repr = frame_repr,
};

bool rt_frame_init(VM *vm)
{
    return rt_type_ready(vm, &rt_frame_type) && rt_add_getsets(vm, &rt_frame_type, frame_getsets) &&
           rt_add_methods(vm, &rt_frame_type, frame_methods);
}
