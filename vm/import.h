/* vm/import.h — the import system (DESIGN.md §6–§7). (vm/import.c, vm/pyc.c) */
#ifndef MINIPY_IMPORT_H
#define MINIPY_IMPORT_H
#include "runtime/object.h"

/* __import__(name, globals, None, fromlist, level): returns the top-level
 * package for `import a.b` (fromlist None/empty), else the module itself. */
Value vm_import(VM *vm, Value name, Dict *globals, Value fromlist, int level);
/* `minipy -m name`: find the module (or pkg/__main__.py) and run it as __main__. */
bool vm_run_module_as_main(VM *vm, const char *name);
/* Called by vm_init after sys exists: sys.path, caches. */
bool vm_import_init(VM *vm);
void vm_import_finish(VM *vm);
/* Set sys.path[0] (inserted the first time, replaced afterwards): the
 * script's folder, or "" / NULL for '' (the current folder, for -c and the
 * REPL).  vm_import_init already sets it from sys.argv[0] (CPython's rule);
 * main calls this only to override.  dir is made absolute, symlinks resolved. */
bool vm_import_set_path0(VM *vm, const char *dir);
/* importlib.reload's loader part: run module's current code again in its
 * own namespace (path: the parent's __path__, or None for sys.path).
 * Returns module, VNULL with the exception set. */
Value vm_import_reload(VM *vm, Value module, Value path);
/* importlib.invalidate_caches(): drop the finder's folder listings. */
void vm_import_invalidate_caches(VM *vm);

#endif
