/* runtime/weakref.h — weak references (runtime/weakref.c), the objects
 * behind the _weakref module: ref (weakref.ReferenceType), proxy
 * (ProxyType, CallableProxyType).
 *
 * A weak reference does not keep its referent alive: its trace marks only
 * its callback.  Every live weak reference is linked, per referent, in a
 * table keyed by the referent's address (objects never move).  After the
 * collector has marked from the roots and before finalizable objects are
 * resurrected (runtime/gc.h), rt_weakref_process clears the references
 * whose referent was not marked and queues their callbacks, which run with
 * the finalizers at the next safe point; references that are garbage
 * themselves are dropped without a callback, as in CPython. */
#ifndef MINIPY_WEAKREF_H
#define MINIPY_WEAKREF_H
#include "runtime/object.h"

typedef struct WeakRef {
    Obj hdr;
    Obj *referent;           /* NULL once cleared */
    Value callback;          /* or VNULL */
    int64_t hash;            /* hash of the referent, -1 until computed */
    struct WeakRef *next;    /* the next reference to the same referent */
} WeakRef;

extern Type rt_weakref_type, rt_weakproxy_type, rt_weakcallableproxy_type;

/* ref(obj, callback) / proxy(obj, callback) for type t (ref subclasses too):
 * a new reference, or the shared plain one when there is no callback. */
Value rt_weakref_new(VM *vm, Type *t, Value obj, Value callback);
Value rt_weakproxy_new(VM *vm, Value obj, Value callback);
/* The referent, or VNULL once it is gone. */
static inline Value rt_weakref_get(WeakRef *r) { return r->referent ? v_from(r->referent) : VNULL; }
/* How many weak references (or proxies) point to o, and the list of them. */
size_t rt_weakref_count(VM *vm, Obj *o);
Value rt_weakref_list(VM *vm, Obj *o);
/* o.__weakref__: its first weak reference, or None. */
Value rt_weakref_first(VM *vm, Obj *o);

/* The collector's side (runtime/gc.c). */
void rt_weakref_process(VM *vm);
void rt_weakref_run_callbacks(VM *vm);
void rt_weakref_mark_queue(VM *vm);
void rt_weakref_free_all(VM *vm);
bool rt_weakref_init(VM *vm);

#endif
