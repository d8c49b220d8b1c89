#!/bin/sh
# Rewrite libmultipath/libmultipath.version to export exactly what the
# programs import (make exports, after a program starts using a library
# function). Links a throw-away build with everything exported, reads
# the programs' undefined symbols, keeps those the library defines.
set -eu
cd "$(dirname "$0")/.."
B=build/exports
MAKE=${MAKE:-make}
ver=libmultipath/libmultipath.version
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'LIBMULTIPATH_1 {\n\tglobal: *;\n};\n' > "$tmp/all.version"
$MAKE --no-print-directory -s B=$B LIB_VERSION_SCRIPT="$tmp/all.version" all >/dev/null
nm -D --defined-only $B/lib/libmultipath.so.1 | awk '{ sub(/@.*/, "", $NF); print $NF }' |
	sort -u > "$tmp/defined"
for p in $B/sbin/*; do nm -D --undefined-only "$p"; done |
	awk '{ sub(/@.*/, "", $NF); print $NF }' | sort -u > "$tmp/used"
{
	echo '/* What libmultipath.so exports: the API that the programs use,'
	echo ' * nothing else (tests link the static library). Written by'
	echo ' * "make exports" (libmultipath/update-exports.sh); the list is'
	echo ' * checked by tests/cli/test_exports.sh. */'
	echo 'LIBMULTIPATH_1 {'
	echo '	global:'
	comm -12 "$tmp/defined" "$tmp/used" | sed 's/^/		/; s/$/;/'
	echo '	local: *;'
	echo '};'
} > "$ver"
rm -rf $B
echo "$ver: $(comm -12 "$tmp/defined" "$tmp/used" | wc -l) symbols"
