/* runtime/frameobject.h — frame objects for sys._getframe and tracebacks.
 * (runtime/frameobject.c) */
#ifndef MINIPY_FRAMEOBJECT_H
#define MINIPY_FRAMEOBJECT_H
#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/code.h"

/* What a traceback entry standing for its frame keeps (after the
 * Traceback, when hdr.aux & 1). */
typedef struct TbFrameState {
    Frame *live;          /* the running frame this entry stands for, or NULL */
    Frame *caller;        /* saved: the caller then (only compared, never read) */
    struct Code *caller_code;
    Value back_tb;        /* saved: the caller's entry (its frame is f_back), or VNULL */
    Dict *globals, *builtins;
    Value locals;         /* saved: a module/class body's namespace, or VNULL */
    uint32_t nslots;      /* room in slots[] */
    bool saved;           /* the frame ended: its state is kept here */
    Value slots[];        /* saved: the frame's locals, cells and free variables */
} TbFrameState;

static inline TbFrameState *rt_tb_state(Traceback *t)
{
    return (t->hdr.aux & 1) ? (TbFrameState *)(t + 1) : NULL;
}
/* The GC trace of a traceback entry's frame state. */
void rt_tb_state_trace(VM *vm, Traceback *t);

extern Type rt_frame_type;
/* f's frame object, made on first use (VNULL + exception on failure). */
Value rt_frame_object(VM *vm, Frame *f);
/* f ends: its frame object keeps a snapshot (call only if f->frame_obj). */
void rt_frame_detach(VM *vm, Frame *f);
/* f's locals as locals() shows them: the namespace of a module or class
 * body, else a new dict of the bound locals, cells and free variables. */
Value rt_frame_locals(VM *vm, Frame *f);
/* tb.tb_frame (made on first use). */
Value rt_traceback_frame(VM *vm, Value tb);
bool rt_frame_init(VM *vm);

#endif
