#!/bin/bash
# The pipeline's stages depend only on earlier ones (DESIGN.md §2-3): runtime/
# is the object model and includes nothing from lang/, compiler/, vm/ or
# stdlib/; lang/ uses only the Unicode database from runtime/; compiler/ never
# reaches into stdlib/.  Usage: layering.sh SOURCE_ROOT
cd "$1" || exit 2
status=0
check() { # folder, grep -E pattern of forbidden includes
    local hits
    hits=$(grep -nE "#include \"($2)" "$1"/*.[ch] "$1"/*.re "$1"/*.y 2>/dev/null)
    if [ -n "$hits" ]; then
        echo "FAIL: $1/ includes what its stage must not:"; echo "$hits"; status=1
    else
        echo "ok: $1/"
    fi
}
check runtime 'lang/|compiler/|vm/|stdlib/'
check lang 'compiler/|vm/|stdlib/|runtime/[a-tv-z]'
check compiler 'stdlib/'
exit $status
