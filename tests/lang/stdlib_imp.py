# _imp: the import machinery's low-level hooks (minipy's own module).
import _imp

print(_imp.is_builtin('sys'), _imp.is_builtin('builtins'), _imp.is_builtin('_imp'),
      _imp.is_builtin('json'), _imp.is_frozen('json'), _imp.find_frozen('no_such'))
print(type(_imp.extension_suffixes()).__name__, _imp.check_hash_based_pycs)
print(_imp.lock_held())
_imp.acquire_lock()
_imp.acquire_lock()
print(_imp.lock_held())
_imp.release_lock()
_imp.release_lock()
print(_imp.lock_held())
try:
    _imp.release_lock()
except RuntimeError as e:
    print('RuntimeError', e)
h = _imp.source_hash(3, b'print(1)\n')
print(type(h).__name__, len(h), h == _imp.source_hash(3, b'print(1)\n'),
      h != _imp.source_hash(3, b'print(2)\n'))
for name in ['no_such_frozen']:
    try:
        _imp.get_frozen_object(name)
    except ImportError as e:
        print('ImportError', e, e.name)
    try:
        _imp.is_frozen_package(name)
    except ImportError as e:
        print('ImportError', e, e.name)
try:
    _imp.is_builtin(3)
except TypeError as e:
    print('TypeError', e)


class Spec:
    name = 'sys'


print(_imp.create_builtin(Spec) is __import__('sys'), _imp.exec_builtin(__import__('sys')))
code = compile('x = 1', 'old.py', 'exec')
_imp._fix_co_filename(code, 'new.py')
print(code.co_filename)
