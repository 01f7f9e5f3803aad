# importlib.machinery and importlib.util's spec functions (minipy's own
# modules, with CPython's interfaces).
import importlib.machinery as machinery
import importlib.util as util
import os
import sys

print(machinery.SOURCE_SUFFIXES, machinery.BYTECODE_SUFFIXES)
print(all(s in machinery.all_suffixes() for s in ['.py', '.pyc']))

spec = util.find_spec('heapq')
print(spec.name, os.path.basename(spec.origin), type(spec.loader).__name__, repr(spec.parent),
      spec.submodule_search_locations, spec.has_location)
spec = util.find_spec('collections')
print(spec.name, os.path.basename(spec.origin), spec.parent,
      [os.path.basename(p) for p in spec.submodule_search_locations])
spec = util.find_spec('collections.abc')
print(spec.name, os.path.basename(spec.origin), spec.parent)
print(util.find_spec('no_such_module_here'), util.find_spec('collections.no_such_sub'))
print(util.find_spec('sys').origin, util.find_spec('sys').loader.__name__)
try:
    util.find_spec('heapq.sub')
except ModuleNotFoundError as e:
    print(type(e).__name__, e)

folder = '/tmp/mp_importlib_%d' % os.getpid()
os.mkdir(folder)
try:
    path = os.path.join(folder, 'plain_mod.py')
    with open(path, 'w') as f:
        f.write('# -*- coding: utf-8 -*-\nX = 6 * 7\r\nNAME = __name__\n')
    spec = util.spec_from_file_location('plain_mod', path)
    print(spec.name, spec.origin == path, type(spec.loader).__name__, spec.has_location)
    mod = util.module_from_spec(spec)
    print(mod.__name__, mod.__file__ == path, mod.__spec__ is spec, mod.__loader__ is spec.loader)
    spec.loader.exec_module(mod)
    print(mod.X, mod.NAME, repr(spec.loader.get_source('plain_mod')))
    print(spec.loader.is_package('plain_mod'), spec.loader.get_filename() == path)
    print(spec == util.spec_from_file_location('plain_mod', path))
    sys.path.insert(0, folder)
    found = machinery.PathFinder.find_spec('plain_mod')
    print(found.name, found.origin == path)
    details = (machinery.SourceFileLoader, machinery.SOURCE_SUFFIXES)
    print(machinery.FileFinder(folder, details).find_spec('plain_mod').origin == path)
    print(machinery.FileFinder(folder).find_spec('plain_mod'))
    print(machinery.BuiltinImporter.find_spec('plain_mod'), machinery.BuiltinImporter.find_spec('sys').origin)
    os.remove(path)
finally:
    os.rmdir(folder)

print(util.resolve_name('.b', 'a'), util.resolve_name('..c', 'a.b'), util.resolve_name('x', None))
for args in [('.b', None), ('...c', 'a.b')]:
    try:
        util.resolve_name(*args)
    except ImportError as e:
        print('ImportError', e)
print(repr(util.decode_source(b'x = 1\r\ny = "\xc3\xa9"\r\n')))
