/* vm/call.c — calling Python functions: CPython's argument binding (with
 * its error messages), calls from C (a nested run of the eval loop), and
 * the slow call forms (f(*args, **kwargs)). */
#include <stdio.h>
#include <string.h>
#include "vm/frame.h"

void vm_fill_closure(Function *fn, Value *slots)
{
    Code *c = fn->code;
    if (!c->nfrees || !fn->closure || !v_is(fn->closure, &rt_tuple_type)) return;
    Tuple *cl = v_tuple(fn->closure);
    Value *free = slots + c->nlocals + c->ncells;
    for (uint32_t i = 0; i < c->nfrees && i < cl->len; i++) free[i] = cl->items[i];
}

static const char *qualname_of(Function *fn)
{
    if (fn->qualname && v_is_str(fn->qualname)) return v_cstr(fn->qualname);
    if (fn->name && v_is_str(fn->name)) return v_cstr(fn->name);
    return v_cstr(fn->code->qualname);
}

static Value varname(Code *c, uint32_t i) { return v_tuple(c->varnames)->items[i]; }

static bool same_name(Value a, Value b) { return a == b || rt_str_equal(a, b); }

/* "'x'", "'x' and 'y'", "'x', 'y', and 'z'" (CPython's format_missing). */
static bool missing_args(VM *vm, Function *fn, Value *slots, uint32_t from, uint32_t to,
                         const char *kind)
{
    Code *c = fn->code;
    uint32_t n = 0;
    for (uint32_t i = from; i < to; i++) n += slots[i] == VNULL;
    StrBuf b;
    sb_init(&b);
    uint32_t k = 0;
    for (uint32_t i = from; i < to; i++) {
        if (slots[i] != VNULL) continue;
        k++;
        if (k > 1) {
            if (n == 2) sb_adds(vm, &b, " and ");
            else if (k == n) sb_adds(vm, &b, ", and ");
            else sb_adds(vm, &b, ", ");
        }
        sb_printf(vm, &b, "'%s'", v_cstr(varname(c, i)));
    }
    sb_addc(vm, &b, '\0');
    rt_raise(vm, &rt_exc_TypeError, "%s() missing %u required %s argument%s: %s", qualname_of(fn),
             n, kind, n == 1 ? "" : "s", b.data ? b.data : "");
    sb_free(&b);
    return false;
}

static bool too_many_positional(VM *vm, Function *fn, Value *slots, int given)
{
    Code *c = fn->code;
    uint32_t kwonly_given = 0;
    for (uint32_t i = c->argcount; i < c->argcount + c->kwonlyargcount; i++)
        kwonly_given += slots[i] != VNULL;
    size_t ndef = fn->defaults && v_is(fn->defaults, &rt_tuple_type) ? v_tuple(fn->defaults)->len : 0;
    char sig[64], kwsig[96] = "";
    bool plural = c->argcount != 1;
    if (ndef) {
        snprintf(sig, sizeof sig, "from %u to %u", c->argcount - (uint32_t)ndef, c->argcount);
        plural = true;
    } else {
        snprintf(sig, sizeof sig, "%u", c->argcount);
    }
    if (kwonly_given)
        snprintf(kwsig, sizeof kwsig, " positional argument%s (and %u keyword-only argument%s)",
                 given != 1 ? "s" : "", kwonly_given, kwonly_given != 1 ? "s" : "");
    rt_raise(vm, &rt_exc_TypeError, "%s() takes %s positional argument%s but %d%s %s given",
             qualname_of(fn), sig, plural ? "s" : "", given, kwsig,
             given == 1 && !kwonly_given ? "was" : "were");
    return false;
}

bool vm_bind_args(VM *vm, Function *fn, Value *slots, int argc, Value *argv, Value kwnames)
{
    Code *c = fn->code;
    uint32_t npos = c->argcount, nkwonly = c->kwonlyargcount;
    uint32_t total = npos + nkwonly;
    uint32_t n = (uint32_t)argc < npos ? (uint32_t)argc : npos;
    for (uint32_t i = 0; i < n; i++) slots[i] = argv[i];
    uint32_t extra_slot = total;
    if (c->flags & CO_VARARGS) {
        Value t = (uint32_t)argc > n ? rt_tuple_from(vm, (size_t)argc - n, argv + n) : rt_empty_tuple;
        if (!t) return false;
        slots[extra_slot++] = t;
    }
    Dict *kwdict = NULL;
    if (c->flags & CO_VARKEYWORDS) {
        kwdict = rt_dict_alloc(vm);
        if (!kwdict) return false;
        slots[extra_slot] = v_from(kwdict);
    }
    if (kwnames) {
        Tuple *kn = v_tuple(kwnames);
        Value *kv = argv + argc;
        StrBuf posonly;
        bool have_posonly = false;
        for (size_t k = 0; k < kn->len; k++) {
            Value name = kn->items[k];
            uint32_t i;
            /* Names are interned on both sides in practice: identity first. */
            for (i = c->posonlyargcount; i < total; i++)
                if (varname(c, i) == name) break;
            if (i == total)
                for (i = c->posonlyargcount; i < total; i++)
                    if (same_name(varname(c, i), name)) break;
            if (i < total) {
                if (slots[i] != VNULL) {
                    if (have_posonly) sb_free(&posonly);
                    rt_raise(vm, &rt_exc_TypeError, "%s() got multiple values for argument '%s'",
                             qualname_of(fn), v_cstr(name));
                    return false;
                }
                slots[i] = kv[k];
                continue;
            }
            if (kwdict) {
                if (!rt_dict_set(vm, kwdict, name, kv[k])) return false;
                continue;
            }
            for (i = 0; i < c->posonlyargcount; i++)
                if (same_name(varname(c, i), name)) break;
            if (i < c->posonlyargcount) {
                if (!have_posonly) {
                    sb_init(&posonly);
                    have_posonly = true;
                } else {
                    sb_adds(vm, &posonly, ", ");
                }
                sb_adds(vm, &posonly, v_cstr(name));
                continue;
            }
            if (have_posonly) sb_free(&posonly);
            rt_raise(vm, &rt_exc_TypeError, "%s() got an unexpected keyword argument '%s'",
                     qualname_of(fn), v_cstr(name));
            return false;
        }
        if (have_posonly) {
            sb_addc(vm, &posonly, '\0');
            rt_raise(vm, &rt_exc_TypeError,
                     "%s() got some positional-only arguments passed as keyword arguments: '%s'",
                     qualname_of(fn), posonly.data ? posonly.data : "");
            sb_free(&posonly);
            return false;
        }
    }
    if ((uint32_t)argc > npos && !(c->flags & CO_VARARGS))
        return too_many_positional(vm, fn, slots, argc);
    if ((uint32_t)argc < npos) {
        Tuple *d = fn->defaults && v_is(fn->defaults, &rt_tuple_type) ? v_tuple(fn->defaults) : NULL;
        uint32_t ndef = d ? (uint32_t)d->len : 0;
        uint32_t first_def = npos - ndef;
        bool missing = false;
        for (uint32_t i = (uint32_t)argc; i < npos; i++) {
            if (slots[i] != VNULL) continue;
            if (i >= first_def) slots[i] = d->items[i - first_def];
            else missing = true;
        }
        if (missing) return missing_args(vm, fn, slots, (uint32_t)argc, first_def, "positional");
    }
    if (nkwonly) {
        bool missing = false;
        for (uint32_t i = npos; i < total; i++) {
            if (slots[i] != VNULL) continue;
            Value dv = VNULL;
            if (fn->kwdefaults && v_is(fn->kwdefaults, &rt_dict_type))
                dv = rt_dict_get_str(v_dict(fn->kwdefaults), varname(c, i));
            if (dv) slots[i] = dv;
            else missing = true;
        }
        if (missing) return missing_args(vm, fn, slots, npos, total, "keyword-only");
    }
    vm_fill_closure(fn, slots);
    return true;
}

/* The function type's call slot (calls from C): a nested eval loop run. */
Value vm_call_function(VM *vm, Value func, int argc, Value *argv, Value kwnames)
{
    Function *fn = (Function *)v_obj(func);
    Code *c = fn->code;
    if (c->flags & CO_GENLIKE) return vm_gen_new(vm, fn, argc, argv, kwnames);
    Frame *f = vm_push_frame(vm, c, vm->stack_top, 0);
    if (!f) return VNULL;
    vm_frame_set_func(f, fn);
    if (!vm_bind_args(vm, fn, f->slots, argc, argv, kwnames)) {
        vm_pop_frame(vm, f);
        return VNULL;
    }
    f->is_entry = true;
    Value r = vm_eval(vm, f, false);
    vm_pop_frame(vm, f);
    return r;
}

void vm_func_desc(Value callable, char *buf, size_t n)
{
    if (v_is(callable, &rt_method_type)) callable = ((BoundMethod *)v_obj(callable))->func;
    if (v_is(callable, &rt_function_type)) {
        Function *fn = (Function *)v_obj(callable);
        const char *q = qualname_of(fn);
        if (fn->module && v_is_str(fn->module) && strcmp(v_cstr(fn->module), "builtins") != 0)
            snprintf(buf, n, "%s.%s()", v_cstr(fn->module), q);
        else
            snprintf(buf, n, "%s()", q);
        return;
    }
    if (v_is(callable, &rt_native_type)) {
        NativeFunction *nf = (NativeFunction *)v_obj(callable);
        if (nf->module && v_is_str(nf->module) && strcmp(v_cstr(nf->module), "builtins") != 0)
            snprintf(buf, n, "%s.%s()", v_cstr(nf->module), nf->name);
        else
            snprintf(buf, n, "%s()", nf->name);
        return;
    }
    if (v_is_obj(callable) && rt_isinstance_type(callable, &rt_type_type)) {
        snprintf(buf, n, "%s()", ((Type *)v_obj(callable))->name);
        return;
    }
    snprintf(buf, n, "%s object", rt_type_name(callable));
}

Value vm_call_slow(VM *vm, Value callable, int argc, Value *argv, Value kwnames)
{
    Value r = rt_call(vm, callable, argc, argv, kwnames);
    return r;
}

static bool is_mapping(VM *vm, Value v)
{
    return v_is(v, &rt_dict_type) || rt_lookup_type_attr(v_type(v), vm->names.keys) != VNULL;
}

bool vm_dict_merge(VM *vm, Value callable, Dict *d, Value v)
{
    char desc[200];
    if (!is_mapping(vm, v)) {
        vm_func_desc(callable, desc, sizeof desc);
        rt_raise(vm, &rt_exc_TypeError, "%s argument after ** must be a mapping, not %s", desc,
                 rt_type_name(v));
        return false;
    }
    Dict *src;
    if (v_is(v, &rt_dict_type)) {
        src = v_dict(v);
    } else {
        src = rt_dict_alloc(vm);
        if (!src || !rt_dict_update(vm, src, v)) return false;
    }
    Value k, val;
    for (size_t pos = 0; rt_dict_next(src, &pos, &k, &val);) {
        if (!v_is_str(k)) {
            vm_func_desc(callable, desc, sizeof desc);
            rt_raise(vm, &rt_exc_TypeError, "keywords must be strings");
            return false;
        }
        bool err = false;
        if (rt_dict_get(vm, d, k, &err)) {
            vm_func_desc(callable, desc, sizeof desc);
            rt_raise(vm, &rt_exc_TypeError, "%s got multiple values for keyword argument '%s'",
                     desc, v_cstr(k));
            return false;
        }
        if (err || !rt_dict_set(vm, d, k, val)) return false;
    }
    return true;
}

Value vm_call_ex(VM *vm, Value callable, Value args, Value kwargs)
{
    Value r = VNULL;
    char desc[200];
    if (!v_is(args, &rt_tuple_type)) {
        Type *t = v_type(args);
        if (!t->iter && !rt_lookup_type_attr(t, vm->names.__getitem__)) {
            vm_func_desc(callable, desc, sizeof desc);
            rt_raise(vm, &rt_exc_TypeError, "%s argument after * must be an iterable, not %s", desc,
                     t->name);
            goto out;
        }
        args = rt_tuple_from_iter(vm, args);
        if (!args) goto out;
    }
    Tuple *a = v_tuple(args);
    if (!kwargs || (v_is(kwargs, &rt_dict_type) && v_dict(kwargs)->used == 0)) {
        r = rt_call(vm, callable, (int)a->len, a->items, VNULL);
        goto out;
    }
    Dict *kw;
    if (v_is(kwargs, &rt_dict_type)) {
        kw = v_dict(kwargs);
    } else {
        kw = rt_dict_alloc(vm);
        if (!kw || !vm_dict_merge(vm, callable, kw, kwargs)) goto out;
    }
    size_t nkw = kw->used;
    Value all = rt_tuple_new(vm, a->len + nkw);
    Value names = rt_tuple_new(vm, nkw);
    if (!all || !names) goto out;
    memcpy(v_tuple(all)->items, a->items, a->len * sizeof(Value));
    Value k, v;
    size_t i = 0;
    for (size_t pos = 0; rt_dict_next(kw, &pos, &k, &v) && i < nkw; i++) {
        if (!v_is_str(k)) {
            vm_func_desc(callable, desc, sizeof desc);
            rt_raise(vm, &rt_exc_TypeError, "keywords must be strings");
            goto out;
        }
        v_tuple(names)->items[i] = k;
        v_tuple(all)->items[a->len + i] = v;
    }
    r = rt_call(vm, callable, (int)a->len, v_tuple(all)->items, names);
out:
    return r;
}
