#!/bin/bash
# A tree this user cannot write into (CPython's Lib/ installed by root): the
# cache goes under the per-user prefix ($XDG_CACHE_HOME/minipy/pycache, else
# ~/.cache/minipy/pycache) mirroring the source folder, is loaded from there
# next time, and replaced there when stale.  An in-tree cache that matches
# (one precompiled at install time) is still used first.
set -eu
. "$(dirname "$0")/common.inc"
chmod 755 "$T"
mkdir lib home
echo 'X = 5' > lib/m.py
echo 'import m; print(m.X, m.__cached__)' > lib/main.py
# Root writes everywhere: make lib/ read-only with a bind mount in a private
# mount namespace (else run as nobody); others just lose the write bit.
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
    as_user() { unshare -m sh -c 'mount --bind -o ro "$0" "$0" && exec "$@"' "$T/lib" "$@"; }
elif [ "$(id -u)" = 0 ]; then
    chown 65534:65534 home
    as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
    chmod 555 lib
    as_user() { "$@"; }
fi
run() { as_user env -u XDG_CACHE_HOME HOME="$T/home" "$MP" "$@"; }
want="$T/home/.cache/minipy/pycache$T/lib/m.$TAG.pyc"
[ "$(run lib/main.py)" = "5 $want" ] || fail "first run: $(run lib/main.py)"
[ ! -e lib/__pycache__ ] || fail "wrote into the read-only tree"
[ -f "$want" ] || fail "no cache under the user prefix"
valid_cache "$want" || fail "the prefix cache does not verify"
run -v lib/main.py 2>&1 | grep -q "matches" || fail "second run did not load the prefix cache"
# Stale: the source changes (size differs), the prefix cache is rewritten.
chmod u+w lib; echo 'X = 66' > lib/m.py; [ "$(id -u)" = 0 ] || chmod 555 lib
[ "$(run lib/main.py)" = "66 $want" ] || fail "stale run"
run -v lib/main.py 2>&1 | grep -q "matches" || fail "rewritten prefix cache not loaded"
# XDG_CACHE_HOME wins over HOME.
[ "$(as_user env HOME="$T/home" XDG_CACHE_HOME="$T/home/xdg" "$MP" lib/main.py)" = \
  "66 $T/home/xdg/minipy/pycache$T/lib/m.$TAG.pyc" ] || fail "XDG_CACHE_HOME"
# -B writes nowhere.
rm -rf home/.cache home/xdg
run -B lib/main.py >/dev/null
[ ! -e home/.cache ] || fail "-B wrote a prefix cache"
# A matching in-tree cache (precompiled by the installer) is used as it is.
chmod u+w lib; "$MP" -c 'import sys; sys.path.insert(0, "lib"); import m'; [ "$(id -u)" = 0 ] || chmod 555 lib
[ -f "lib/__pycache__/m.$TAG.pyc" ] || fail "precompile as owner"
[ "$(run lib/main.py)" = "66 $T/lib/__pycache__/m.$TAG.pyc" ] || fail "in-tree cache not preferred"
[ ! -e home/.cache ] || fail "wrote a prefix cache although the tree's matched"
chmod -R u+w lib
exit 0
