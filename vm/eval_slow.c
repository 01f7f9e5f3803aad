/* vm/eval_slow.c — the eval loop's out-of-line helpers: name lookups in
 * module and class bodies, unpacking, building containers and strings,
 * raising, imports, `with`, `yield from`, and finding exception handlers.
 * vm/eval.c keeps the hot paths and the inline caches; everything here runs
 * at most once per instruction and may call into the runtime freely (what
 * they hold in C locals is rooted by the collector's stack scan). */
#include <string.h>
#include "vm/frame.h"
#include "vm/import.h"

Value vm_name_error(VM *vm, Value name)
{
    return rt_raise(vm, &rt_exc_NameError, "name '%s' is not defined", v_cstr(name));
}

Value vm_unbound_local(VM *vm, Code *code, uint32_t i)
{
    return rt_raise(vm, &rt_exc_UnboundLocalError,
                    "cannot access local variable '%s' where it is not associated with a value",
                    v_cstr(v_tuple(code->varnames)->items[i]));
}

static Value vm_deref_name(Code *code, uint32_t i)
{
    if (i < code->ncells) return v_tuple(code->cellvars)->items[i];
    return v_tuple(code->freevars)->items[i - code->ncells];
}

Value vm_unbound_deref(VM *vm, Code *code, uint32_t i)
{
    if (i < code->ncells)
        return rt_raise(vm, &rt_exc_UnboundLocalError,
                        "cannot access local variable '%s' where it is not associated with a value",
                        v_cstr(vm_deref_name(code, i)));
    return rt_raise(vm, &rt_exc_NameError,
                    "cannot access free variable '%s' where it is not associated with a value"
                    " in enclosing scope", v_cstr(vm_deref_name(code, i)));
}

/* locals may be a dict (the usual case) or any mapping (exec). */
static Value vm_mapping_get(VM *vm, Value map, Value key, bool *error)
{
    *error = false;
    if (v_is(map, &rt_dict_type)) return rt_dict_get_str(v_dict(map), key);
    Value v = rt_getitem(vm, map, key);
    if (!v) {
        if (rt_exc_clear_if(vm, &rt_exc_KeyError)) return VNULL;
        *error = true;
    }
    return v;
}

Value vm_load_name(VM *vm, Frame *f, Value name)
{
    bool err;
    if (f->locals) {
        Value v = vm_mapping_get(vm, f->locals, name, &err);
        if (v || err) return v;
    }
    Value v = rt_dict_get_str(f->globals, name);
    if (v) return v;
    v = rt_dict_get_str(f->builtins ? f->builtins : vm->builtins, name);
    if (v) return v;
    return vm_name_error(vm, name);
}

bool vm_store_name(VM *vm, Frame *f, Value name, Value v)
{
    Value ns = f->locals ? f->locals : v_from(f->globals);
    if (v_is(ns, &rt_dict_type)) return rt_dict_set_str(vm, v_dict(ns), name, v);
    int r = rt_setitem(vm, ns, name, v);
    return r >= 0;
}

bool vm_setup_annotations(VM *vm, Frame *f)
{
    Value ns = f->locals ? f->locals : v_from(f->globals);
    Value key = vm->names.__annotations__;
    if (v_is(ns, &rt_dict_type)) {
        if (rt_dict_get_str(v_dict(ns), key)) return true;
    } else {
        Value v = rt_getitem(vm, ns, key);
        if (v) return true;
        if (!rt_exc_clear_if(vm, &rt_exc_KeyError)) return false;
    }
    Dict *d = rt_dict_alloc(vm);
    return d && vm_store_name(vm, f, key, v_from(d));
}

bool vm_delete_name(VM *vm, Frame *f, Value name)
{
    Value ns = f->locals ? f->locals : v_from(f->globals);
    int r;
    if (v_is(ns, &rt_dict_type)) r = rt_dict_del(vm, v_dict(ns), name);
    else {
        r = rt_delitem(vm, ns, name);
        if (r < 0 && rt_exc_clear_if(vm, &rt_exc_KeyError)) r = 0;
        else if (r == 0) r = 1;
    }
    if (r < 0) return false;
    if (r == 0) {
        vm_name_error(vm, name);
        return false;
    }
    return true;
}

Value vm_build_string(VM *vm, Value *items, uint32_t n)
{
    size_t len = 0;
    for (uint32_t i = 0; i < n; i++) {
        /* Only an f-string built as ast objects can hold a non-str piece. */
        if (!v_is_str(items[i]))
            return rt_raise(vm, &rt_exc_TypeError, "sequence item %u: expected str instance, %s found", i,
                            rt_type_name(items[i]));
        len += v_str(items[i])->len;
    }
    StrBuf b;
    sb_init(&b);
    for (uint32_t i = 0; i < n; i++) {
        if (!sb_add(vm, &b, v_str(items[i])->data, v_str(items[i])->len)) {
            sb_free(&b);
            return VNULL;
        }
    }
    (void)len;
    return sb_finish(vm, &b);
}

Value vm_format_value(VM *vm, Value v, uint32_t arg, Value spec)
{
    Value r = VNULL;
    switch (arg & 3) {
    case 1: v = rt_str(vm, v); break;
    case 2: v = rt_repr(vm, v); break;
    case 3: v = rt_ascii(vm, v); break;
    default: break;
    }
    if (v) {
        if (spec == VNULL && v_is_str_exact(v)) r = v;
        else if (spec == VNULL && v_is_small(v)) r = rt_int_repr(vm, v);
        else r = rt_format(vm, v, spec ? spec : rt_str_new(vm, "", 0));
    }
    return r;
}

/* Unpack `seq` into exactly n values written to out[0..n) in order. */
static bool vm_unpack_iterable(VM *vm, Value seq, Value *out, uint32_t n, int64_t *got,
                            Value rest)
{
    Type *t = v_type(seq);
    bool ok = false;
    if (!t->iter && !rt_lookup_type_attr(t, vm->names.__getitem__)) {
        rt_raise(vm, &rt_exc_TypeError, "cannot unpack non-iterable %s object", t->name);
        goto done;
    }
    Value it = rt_iter(vm, seq);
    if (!it) goto done;
    uint32_t i = 0;
    for (; i < n; i++) {
        Value v = rt_next(vm, it);
        if (!v) {
            if (vm->exc) goto done;
            *got = i;
            goto done_short;
        }
        out[i] = v;
    }
    if (rest) {
        if (!rt_list_extend(vm, rest, it)) goto done;
    } else {
        Value v = rt_next(vm, it);
        if (v) {
            rt_raise(vm, &rt_exc_ValueError, "too many values to unpack (expected %u)", n);
            goto done;
        }
        if (vm->exc) goto done;
    }
    *got = n;
    ok = true;
    goto done;
done_short:
    ok = true;
done:
    return ok;
}

bool vm_unpack_sequence(VM *vm, Value seq, Value *sp, uint32_t n)
{
    Value *items;
    size_t len;
    if (v_is(seq, &rt_tuple_type)) {
        items = v_tuple(seq)->items;
        len = v_tuple(seq)->len;
    } else if (v_is(seq, &rt_list_type)) {
        items = v_list(seq)->items;
        len = v_list(seq)->len;
    } else {
        Value tmp[16];
        Value *buf = n <= 16 ? tmp : rt_malloc(vm, n * sizeof(Value));
        if (!buf) return false;
        /* The iterator's fresh values live only here until they reach sp. */
        GcRoot root;
        size_t nroot = buf == tmp ? 0 : n;
        rt_gc_push_values(vm, &root, &buf, &nroot);
        int64_t got = 0;
        bool ok = vm_unpack_iterable(vm, seq, buf, n, &got, VNULL);
        rt_gc_pop_root(vm, &root);
        if (ok && got < n) {
            rt_raise(vm, &rt_exc_ValueError,
                     "not enough values to unpack (expected %u, got %lld)", n, (long long)got);
            ok = false;
        }
        if (ok)
            for (uint32_t i = 0; i < n; i++) sp[i] = buf[n - 1 - i];
        if (buf != tmp) rt_free(vm, buf, n * sizeof(Value));
        return ok;
    }
    if (len != n) {
        if (len > n) rt_raise(vm, &rt_exc_ValueError, "too many values to unpack (expected %u)", n);
        else
            rt_raise(vm, &rt_exc_ValueError, "not enough values to unpack (expected %u, got %zu)",
                     n, len);
        return false;
    }
    for (uint32_t i = 0; i < n; i++) sp[i] = items[n - 1 - i];
    return true;
}

/* a, *b, c = seq.  Writes before + 1 + after values to sp (first on top). */
bool vm_unpack_ex(VM *vm, Value seq, Value *sp, uint32_t before, uint32_t after)
{
    Value list;
    Type *t = v_type(seq);
    if (!t->iter && !rt_lookup_type_attr(t, vm->names.__getitem__)) {
        rt_raise(vm, &rt_exc_TypeError, "cannot unpack non-iterable %s object", t->name);
        return false;
    }
    list = rt_list_from_iter(vm, seq);
    if (!list) return false;
    List *l = v_list(list);
    size_t n = l->len;
    if (n < (size_t)before + after) {
        rt_raise(vm, &rt_exc_ValueError,
                 "not enough values to unpack (expected at least %u, got %zu)", before + after, n);
        return false;
    }
    Value *out = sp;
    for (uint32_t i = 0; i < after; i++) *out++ = l->items[n - 1 - i];
    Value mid = rt_list_from(vm, n - before - after, l->items + before);
    if (!mid) return false;
    *out++ = mid;
    for (uint32_t i = 0; i < before; i++) *out++ = l->items[before - 1 - i];
    return true;
}

bool vm_check_exc_class(VM *vm, Value t)
{
    if (v_is(t, &rt_tuple_type)) {
        Tuple *tu = v_tuple(t);
        for (size_t i = 0; i < tu->len; i++)
            if (!vm_check_exc_class(vm, tu->items[i])) return false;
        return true;
    }
    if (v_is_obj(t) && v_obj(t)->type == &rt_type_type
        && (((Type *)v_obj(t))->flags & TF_EXCEPTION))
        return true;
    if (v_is_obj(t) && rt_isinstance_type(t, &rt_type_type)
        && rt_is_subtype((Type *)v_obj(t), &rt_exc_BaseException))
        return true;
    rt_raise(vm, &rt_exc_TypeError,
             "catching classes that do not inherit from BaseException is not allowed");
    return false;
}

static bool vm_is_exc_class(Value v)
{
    return v_is_obj(v) && rt_isinstance_type(v, &rt_type_type)
           && rt_is_subtype((Type *)v_obj(v), &rt_exc_BaseException);
}

/* RAISE 1/2: instantiate classes, attach the cause, raise. */
void vm_do_raise(VM *vm, Value exc, Value cause)
{
    if (vm_is_exc_class(exc)) {
        exc = rt_call0(vm, exc);
        if (!exc) goto out;
        if (!rt_isinstance_type(exc, &rt_exc_BaseException)) {
            rt_raise(vm, &rt_exc_TypeError,
                     "calling %s should have returned an instance of BaseException, not %s",
                     rt_type_name(exc), rt_type_name(exc));
            goto out;
        }
    } else if (!rt_isinstance_type(exc, &rt_exc_BaseException)) {
        rt_raise(vm, &rt_exc_TypeError, "exceptions must derive from BaseException");
        goto out;
    }
    if (cause) {
        if (vm_is_exc_class(cause)) {
            cause = rt_call0(vm, cause);
            if (!cause) goto out;
        } else if (cause != rt_None && !rt_isinstance_type(cause, &rt_exc_BaseException)) {
            rt_raise(vm, &rt_exc_TypeError, "exception causes must derive from BaseException");
            goto out;
        }
        Exception *e = (Exception *)v_obj(exc);
        e->cause = cause;
        e->suppress_context = true;
    }
    rt_raise_value(vm, exc);
out:
}

Value vm_import_from(VM *vm, Value module, Value name)
{
    Value v = rt_getattr_opt(vm, module, name);
    if (v || vm->exc) goto out;
    Value pkg = rt_getattr_opt(vm, module, vm->names.__name__);
    if (!pkg && vm->exc) goto out;
    if (pkg && v_is_str(pkg)) {
        Value full = rt_str_printf(vm, "%s.%s", v_cstr(pkg), v_cstr(name));
        if (!full) goto out;
        v = rt_dict_get_str(vm->modules, full);
        if (v) goto out;
    }
    Value file = rt_getattr_opt(vm, module, vm->names.__file__);
    if (!file && vm->exc) vm->exc = VNULL;
    const char *mname = pkg && v_is_str(pkg) ? v_cstr(pkg) : "<unknown module name>";
    if (file && v_is_str(file))
        rt_raise(vm, &rt_exc_ImportError, "cannot import name '%s' from '%s' (%s)", v_cstr(name),
                 mname, v_cstr(file));
    else
        rt_raise(vm, &rt_exc_ImportError, "cannot import name '%s' from '%s' (unknown location)",
                 v_cstr(name), mname);
out:
    return v;
}

bool vm_import_star(VM *vm, Frame *f, Value module)
{
    bool ok = false;
    Value all = rt_getattr_opt(vm, module, vm->names.__all__);
    if (!all && vm->exc) goto out;
    if (all) {
        Value it = rt_iter(vm, all);
        if (!it) goto out;
        for (Value name; (name = rt_next(vm, it));) {
            if (!v_is_str(name)) {
                rt_raise(vm, &rt_exc_TypeError, "Item in %s.__all__ must be str, not %s",
                         "module", rt_type_name(name));
                goto out;
            }
            Value v = rt_getattr(vm, module, name);
            if (!v || !vm_store_name(vm, f, name, v)) goto out;
        }
        if (vm->exc) goto out;
    } else {
        Dict *d = v_is(module, &rt_module_type) ? ((Module *)v_obj(module))->dict : NULL;
        if (!d) {
            Value dv = rt_getattr(vm, module, vm->names.__dict__);
            if (!dv) goto out;
            if (!v_is(dv, &rt_dict_type)) {
                rt_raise(vm, &rt_exc_ImportError, "from-import-* object has no __dict__ and no __all__");
                goto out;
            }
            d = v_dict(dv);
        }
        Value k, v;
        for (size_t pos = 0; rt_dict_next(d, &pos, &k, &v);) {
            if (v_is_str(k) && v_cstr(k)[0] == '_') continue;
            if (!vm_store_name(vm, f, k, v)) goto out;
        }
    }
    ok = true;
out:
    return ok;
}

/* BEFORE_WITH: [mgr] → [exit, enter()] */
bool vm_before_with(VM *vm, Value mgr, Value *out_exit, Value *out_res)
{
    bool ok = false;
    Value enter = rt_lookup_special(vm, mgr, vm->names.__enter__);
    if (!enter) {
        if (!vm->exc)
            rt_raise(vm, &rt_exc_TypeError,
                     "'%s' object does not support the context manager protocol",
                     rt_type_name(mgr));
        goto out;
    }
    Value exit = rt_lookup_special(vm, mgr, vm->names.__exit__);
    if (!exit) {
        if (!vm->exc)
            rt_raise(vm, &rt_exc_TypeError,
                     "'%s' object does not support the context manager protocol (missed __exit__ method)",
                     rt_type_name(mgr));
        goto out;
    }
    *out_exit = exit;
    Value r = rt_call0(vm, enter);
    if (!r) goto out;
    *out_res = r;
    ok = true;
out:
    return ok;
}

Value vm_with_except_start(VM *vm, Value exit, Value exc)
{
    Value args[3];
    args[0] = v_from(v_type(exc));
    args[1] = exc;
    args[2] = rt_isinstance_type(exc, &rt_exc_BaseException) ? ((Exception *)v_obj(exc))->traceback
                                                              : rt_None;
    if (!args[2]) args[2] = rt_None;
    Value r = rt_call(vm, exit, 3, args, VNULL);
    return r;
}

/* An interactive statement's value goes to sys.displayhook (doctest and
 * code.InteractiveConsole replace it). */
bool vm_print_expr(VM *vm, Value v)
{
    Value hook = rt_dict_get_cstr(vm, ((Module *)v_obj(vm->sys_module))->dict, "displayhook");
    if (!hook) {
        rt_raise(vm, &rt_exc_RuntimeError, "lost sys.displayhook");
        return false;
    }
    return rt_call1(vm, hook, v) != VNULL;
}

Value vm_make_function(VM *vm, Frame *f, uint32_t arg, Value *sp)
{
    Code *c = (Code *)v_obj(sp[-1]);
    Value *p = sp - 1 - __builtin_popcount(arg & 15);
    Value defaults = (arg & 1) ? *p++ : VNULL;
    Value kwdefaults = (arg & 2) ? *p++ : VNULL;
    Value annotations = (arg & 8) ? *p++ : VNULL;
    Value closure = (arg & 4) ? *p++ : VNULL;
    if (annotations) {
        /* (name, value, name, value ...) → {name: value ...}, as CPython 3.11. */
        Tuple *t = v_tuple(annotations);
        Dict *d = rt_dict_alloc(vm);
        if (!d) return VNULL;
        annotations = v_from(d);
        for (size_t i = 0; i + 1 < t->len; i += 2)
            if (!rt_dict_set(vm, d, t->items[i], t->items[i + 1])) return VNULL;
    }
    Value fv = rt_function_new(vm, c, f->globals, c->qualname);
    if (!fv) return VNULL;
    Function *fn = (Function *)v_obj(fv);
    fn->defaults = defaults;
    fn->kwdefaults = kwdefaults;
    fn->closure = closure;
    fn->annotations = annotations;
    if ((c->flags & CO_HAS_DOCSTRING) && v_tuple(c->consts)->len > 0) fn->doc = v_tuple(c->consts)->items[0];
    if (!fn->builtins) fn->builtins = f->builtins ? f->builtins : vm->builtins;
    return fv;
}

/* SEND: returns 1 when `it` yielded (*out = y), 0 when it returned
 * (*out = its value), -1 on error. */
int vm_do_send(VM *vm, Value it, Value v, Value *out)
{
    if (v_is(it, &vm_generator_type) || v_is(it, &vm_coroutine_type)) {
        Value ret = VNULL;
        Value y = vm_gen_send(vm, it, v, &ret);
        if (y) {
            *out = y;
            return 1;
        }
        if (vm->exc) return -1;
        *out = ret ? ret : rt_None;
        vm_gen_release_result(it);
        return 0;
    }
    Value y;
    if (v == rt_None) {
        Type *t = v_type(it);
        if (!t->next) {
            rt_raise(vm, &rt_exc_TypeError, "'%s' object is not an iterator", t->name);
            y = VNULL;
        } else if (t->flags & TF_CLASS) {
            /* Not rt_next: the StopIteration's value is the result. */
            y = rt_call_method(vm, it, "__next__", 0, NULL);
        } else {
            y = rt_next(vm, it);
        }
    } else {
        y = rt_call_method(vm, it, "send", 1, &v);
    }
    if (y) {
        *out = y;
        return 1;
    }
    if (!vm->exc) {
        *out = rt_None;
        return 0;
    }
    if (rt_exc_matches(vm, vm->exc, &rt_exc_StopIteration)) {
        *out = vm_stopiteration_value(vm, vm->exc);
        vm->exc = VNULL;
        return 0;
    }
    return -1;
}

Value vm_stopiteration_value(VM *vm, Value exc)
{
    if (!rt_isinstance_type(exc, &rt_exc_StopIteration)) return rt_None;
    Value args = ((Exception *)v_obj(exc))->args;
    if (args && v_is(args, &rt_tuple_type) && v_tuple(args)->len > 0) return v_tuple(args)->items[0];
    return rt_None;
}

Value vm_load_classderef(VM *vm, Frame *f, uint32_t arg)
{
    Code *code = f->code;
    Value name = vm_deref_name(code, arg);
    if (f->locals) {
        bool err;
        Value v = vm_mapping_get(vm, f->locals, name, &err);
        if (v || err) return v;
    }
    Value cell = f->slots[code->nlocals + arg];
    Value v = cell ? ((Cell *)v_obj(cell))->v : VNULL;
    if (!v) return vm_unbound_deref(vm, code, arg);
    return v;
}

bool vm_build_set(VM *vm, Value *items, uint32_t n, Value *out)
{
    Value s = rt_set_new(vm, &rt_set_type);
    bool ok = s != VNULL;
    for (uint32_t i = 0; ok && i < n; i++) ok = rt_set_add(vm, s, items[i]);
    *out = s;
    return ok;
}

bool vm_build_map(VM *vm, Value *items, uint32_t n, Value *out)
{
    Dict *d = rt_dict_alloc(vm);
    bool ok = d != NULL;
    for (uint32_t i = 0; ok && i < n; i++) ok = rt_dict_set(vm, d, items[2 * i], items[2 * i + 1]);
    *out = v_from(d);
    return ok;
}

bool vm_set_update(VM *vm, Value set, Value iterable)
{
    bool ok = false;
    Value it = rt_iter(vm, iterable);
    if (it) {
        Value v;
        while ((v = rt_next(vm, it)))
            if (!rt_set_add(vm, set, v)) goto out;
        ok = !vm->exc;
    }
out:
    return ok;
}

bool vm_list_extend(VM *vm, Value list, Value iterable)
{
    Type *t = v_type(iterable);
    if (!t->iter && !rt_lookup_type_attr(t, vm->names.__getitem__)) {
        rt_raise(vm, &rt_exc_TypeError, "Value after * must be an iterable, not %s", t->name);
        return false;
    }
    bool ok = rt_list_extend(vm, list, iterable);
    return ok;
}

bool vm_dict_update(VM *vm, Value d, Value other)
{
    bool ok;
    if (!v_is(other, &rt_dict_type) && !rt_lookup_type_attr(v_type(other), vm->names.keys)) {
        rt_raise(vm, &rt_exc_TypeError, "'%s' object is not a mapping", rt_type_name(other));
        ok = false;
    } else {
        ok = rt_dict_update(vm, v_dict(d), other);
    }
    return ok;
}

/* The error path's traceback line of the instruction before ip. */
uint32_t vm_current_line(Code *code, const uint32_t *ip)
{
    ptrdiff_t i = ip - code->insns - 1;
    if (i < 0) i = 0;
    return rt_code_line(code, (uint32_t)i);
}

const ExcEntry *vm_find_handler(Code *code, const uint32_t *ip)
{
    uint32_t i = (uint32_t)(ip - code->insns - 1);
    for (uint32_t k = 0; k < code->nexc; k++) {
        const ExcEntry *e = &code->exctable[k];
        if (i >= e->start && i < e->end) return e;
    }
    return NULL;
}

