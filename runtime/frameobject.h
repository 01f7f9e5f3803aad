/* runtime/frameobject.h — frame objects for sys._getframe and tracebacks.
 * (runtime/frameobject.c) */
#ifndef MINIPY_FRAMEOBJECT_H
#define MINIPY_FRAMEOBJECT_H
#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/code.h"

extern Type rt_frame_type;
/* f's frame object, made on first use (VNULL + exception on failure). */
Value rt_frame_object(VM *vm, Frame *f);
/* f ends: its frame object keeps a snapshot (call only if f->frame_obj). */
void rt_frame_detach(VM *vm, Frame *f);
/* f's locals as locals() shows them: the namespace of a module or class
 * body, else a new dict of the bound locals, cells and free variables. */
Value rt_frame_locals(VM *vm, Frame *f);
/* A new traceback entry for code at lineno in front of `next`; f is the
 * running frame of that code, or NULL. */
Value rt_frame_traceback_new(VM *vm, Frame *f, struct Code *code, uint32_t lineno, Value next);
/* tb.tb_frame (made on first use). */
Value rt_traceback_frame(VM *vm, Value tb);
bool rt_frame_init(VM *vm);

#endif
