# ast.parse over every top-level module of CPython's own Lib/ (168 in
# 3.11.7) and the json and email packages: a CRC of ast.dump(tree, include_attributes=True) per
# module, so every node and position must equal python3's.
import ast
import binascii
import os

lib = os.path.dirname(ast.__file__)
names = sorted(n for n in os.listdir(lib) if n.endswith('.py'))
for pkg in ('json', 'email'):
    names += sorted(os.path.join(pkg, n) for n in os.listdir(os.path.join(lib, pkg)) if n.endswith('.py'))
for name in names:
    with open(os.path.join(lib, name), 'rb') as f:
        src = f.read()
    tree = ast.parse(src, name)
    dump = ast.dump(tree, include_attributes=True)
    print(name, len(dump), binascii.crc32(dump.encode()))
