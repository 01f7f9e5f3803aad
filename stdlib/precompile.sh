#!/bin/sh
# Run by `meson install`: precompile, with the installed minipy, (1) its own
# installed stdlib and (2) the CPython Lib/ tree it was configured with
# (beside CPython's caches: json/__pycache__/decoder.minipy-NN.pyc), so every
# module is loaded from a cache from its first import, for every user.
# Usage: precompile.sh BINDIR/minipy DATADIR/minipy/stdlib CPYTHON_LIB
set -eu
prefix=${MESON_INSTALL_DESTDIR_PREFIX:-$MESON_INSTALL_PREFIX}
minipy=$prefix/$1
"$minipy" -E -m compileall -q -j 0 "$prefix/$2"
lib=$3
# A staged install (DESTDIR, for packaging) must not write outside its stage,
# and a tree we may not write into is left to the per-user cache.
if [ -n "${DESTDIR:-}" ] || [ ! -w "$lib" ]; then
    echo "minipy: not precompiling $lib (staged install or not writable)"
    exit 0
fi
echo "minipy: precompiling $lib"
# Tests, IDLE and Tk are not imported by programs; the rest is.
for entry in "$lib"/*; do
    case ${entry##*/} in
        test|idlelib|tkinter|turtledemo|lib2to3|site-packages|dist-packages|__pycache__) continue ;;
    esac
    case $entry in
        *.py) set -- "$@" "$entry" ;;
        *) [ -d "$entry" ] && set -- "$@" "$entry" ;;
    esac
done
shift 3
"$minipy" -E -m compileall -q -j 0 "$@" || echo "minipy: some modules of $lib did not compile"
