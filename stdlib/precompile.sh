#!/bin/sh
# Run by `meson install`: precompile the installed stdlib with the installed
# minipy, so its modules are loaded from __pycache__ from the first import.
set -eu
prefix=${MESON_INSTALL_DESTDIR_PREFIX:-$MESON_INSTALL_PREFIX}
exec "$prefix/$1" -E -m compileall -q "$prefix/$2"
