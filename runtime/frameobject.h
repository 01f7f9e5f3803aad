/* runtime/frameobject.h — frame objects for sys._getframe and tracebacks.
 * (runtime/frameobject.c) */
#ifndef MINIPY_FRAMEOBJECT_H
#define MINIPY_FRAMEOBJECT_H
#include "runtime/object.h"
#include "runtime/state.h"

extern Type rt_frame_type;
/* f's frame object, made on first use (VNULL + exception on failure). */
Value rt_frame_object(VM *vm, Frame *f);
/* f ends: its frame object keeps a snapshot (call only if f->frame_obj). */
void rt_frame_detach(VM *vm, Frame *f);
/* f's locals as locals() shows them: the namespace of a module or class
 * body, else a new dict of the bound locals, cells and free variables. */
Value rt_frame_locals(VM *vm, Frame *f);
bool rt_frame_init(VM *vm);

#endif
