/* vm/vm.c — start-up and shut-down of the VM, running module code, and the
 * exit status of an uncaught exception. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include "config.h"
#include "compiler/compiler.h"
#include "vm/frame.h"
#include "vm/import.h"

static size_t frames_bytes(void)
{
    return (size_t)(VM_MAX_RECURSION_LIMIT + VM_FRAMES_MARGIN) * sizeof(Frame);
}

/* How much C stack the interpreter may use: the soft limit minus a margin
 * for the C code that runs below the last check. */
static size_t c_stack_allowance(void)
{
    struct rlimit rl;
    size_t lim = 8u << 20;
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) lim = (size_t)rl.rlim_cur;
    if (lim > (size_t)1 << 30) lim = (size_t)1 << 30;
    size_t margin = lim / 8 > (512u << 10) ? lim / 8 : (512u << 10);
    return lim > 2 * margin ? lim - margin : lim / 2;
}

bool vm_check_c_stack(VM *vm)
{
    char here;
    if (vm->c_stack_base && (size_t)(vm->c_stack_base - &here) > vm->c_stack_max) {
        rt_raise(vm, &rt_exc_RecursionError, "maximum recursion depth exceeded");
        return false;
    }
    return true;
}

bool vm_init(VM *vm, const VMConfig *cfg, int argc, char **argv)
{
    char here;
    memset(vm, 0, sizeof *vm);
    if (cfg) vm->config = *cfg;
    vm->gc_stress = MINIPY_GC_STRESS;
    rt_function_type.call = vm_call_function;
    vm->caret_anchors = cg_caret_anchors;
    rt_gc_init_stack(vm, &here);
    vm->c_stack_base = &here;
    vm->c_stack_max = c_stack_allowance();
    void *stack = mmap(NULL, VM_STACK_BYTES, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (stack == MAP_FAILED) {
        fprintf(stderr, "minipy: cannot reserve the value stack\n");
        return false;
    }
    void *frames = mmap(NULL, frames_bytes(), PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (frames == MAP_FAILED) {
        munmap(stack, VM_STACK_BYTES);
        fprintf(stderr, "minipy: cannot reserve the frame stack\n");
        return false;
    }
    vm->stack = stack;
    vm->stack_end = vm->stack + VM_STACK_BYTES / sizeof(Value);
    vm->stack_top = vm->stack;
    vm->frames = frames;
    vm->frames_end = vm->frames + VM_MAX_RECURSION_LIMIT + VM_FRAMES_MARGIN;
    vm->frames_top = vm->frames;
    vm->frame = NULL;
    vm->depth = 0;
    vm->recursion_limit = 1000;
    vm->exc = VNULL;
    vm->handled = rt_None;
    if (!rt_init(vm)) return false;
    if (!vm_types_init(vm)) return false;
    if (!mp_builtins_init(vm)) return false;
    if (!mp_sys_init(vm, argc, argv)) return false;
    if (!vm_import_init(vm)) return false;
    return true;
}

void vm_free(VM *vm)
{
    rt_gc_free_all(vm);
    if (vm->stack) munmap(vm->stack, VM_STACK_BYTES);
    if (vm->frames) munmap(vm->frames, frames_bytes());
    vm->stack = vm->stack_end = vm->stack_top = NULL;
    vm->frames = vm->frames_end = vm->frames_top = NULL;
}

Value vm_run_code(VM *vm, Code *code, Dict *globals, Value locals)
{
    return vm_run_code_closure(vm, code, globals, locals, VNULL);
}

Value vm_run_code_closure(VM *vm, Code *code, Dict *globals, Value locals, Value closure)
{
    if (!rt_dict_get_str(globals, vm->names.__builtins__) && vm->builtins_module
        && !rt_dict_set_str(vm, globals, vm->names.__builtins__, vm->builtins_module))
        return VNULL;
    Dict *builtins = vm->builtins;
    Value b = rt_dict_get_str(globals, vm->names.__builtins__);
    if (b && v_is(b, &rt_module_type) && ((Module *)v_obj(b))->dict) builtins = ((Module *)v_obj(b))->dict;
    else if (b && v_is(b, &rt_dict_type)) builtins = v_dict(b);
    Frame *f = vm_push_frame(vm, code, vm->stack_top, 0);
    if (!f) return VNULL;
    f->func = NULL;
    f->globals = globals;
    f->builtins = builtins;
    f->locals = locals ? locals : v_from(globals);
    f->is_entry = true;
    if (closure) {
        Tuple *cl = v_tuple(closure);
        for (uint32_t i = 0; i < code->nfrees && i < cl->len; i++)
            f->slots[code->nlocals + code->ncells + i] = cl->items[i];
    }
    Value r = vm_eval(vm, f, false);
    vm_pop_frame(vm, f);
    return r;
}

static void flush_std(VM *vm, Value file)
{
    if (!file || file == rt_None) return;
    Value saved = vm->exc;
    vm->exc = VNULL;
    if (!rt_call_method(vm, file, "flush", 0, NULL)) vm->exc = VNULL;
    vm->exc = saved;
}

int vm_handle_uncaught(VM *vm)
{
    Value exc = vm->exc;
    if (!exc) return 0;
    vm->exc = VNULL;
    /* CPython prints the traceback (through sys.stderr) first and flushes
     * sys.stdout only at finalization: with both on one pipe, the
     * traceback comes before buffered output. */
    if (rt_isinstance_type(exc, &rt_exc_SystemExit)) {
        Value args = ((Exception *)v_obj(exc))->args;
        Value code = rt_None;
        if (args && v_is(args, &rt_tuple_type)) {
            Tuple *t = v_tuple(args);
            if (t->len == 1) code = t->items[0];
            else if (t->len > 1) code = args;
        }
        if (code == rt_None) return 0;
        int64_t n;
        if (rt_is_int(code) && rt_as_i64(vm, code, &n)) return (int)n;
        vm->exc = VNULL;
        Value s = rt_str(vm, code);
        flush_std(vm, vm->stderr_file);
        if (s) fprintf(stderr, "%s\n", v_cstr(s));
        vm->exc = VNULL;
        fflush(stderr);
        return 1;
    }
    flush_std(vm, vm->stderr_file);
    rt_print_exception(vm, exc, stderr);
    fflush(stderr);
    vm->exc = VNULL;
    if (rt_isinstance_type(exc, &rt_exc_KeyboardInterrupt)) return 130;
    return 1;
}
