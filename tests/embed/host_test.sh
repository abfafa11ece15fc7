#!/usr/bin/env bash
# The embedding promise end to end: install the build into a fresh prefix, build tools/host/host.c
# against it both with find_package(inkset) and with a plain `cc $(pkg-config ...)` line, and check
# that both write the very bytes `inkset render --format pgm` writes for the same page.
# Usage: host_test.sh BUILD_DIR SOURCE_DIR INKSET_CLI
set -euo pipefail
build=$1 source=$2 cli=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
article=$source/content/sample/article.md

cmake --install "$build" --prefix "$prefix" >/dev/null
pc=$(find "$prefix" -name inkset.pc)
[ -n "$pc" ] || { echo "inkset.pc was not installed"; exit 1; }
libdir=$(dirname "$(dirname "$pc")")
for f in "$libdir/libinkset.a" "$libdir/libinkset.so" "$prefix/include/inkset/inkset.h" \
         "$prefix/include/inkset/version.h" "$prefix/include/inkset/document.h" "$prefix/include/inkset/result.h" \
         "$prefix/share/inkset/fonts/CharisSIL-Regular.ttf" "$prefix/share/inkset/themes/ereader.theme"; do
  [ -e "$f" ] || { echo "not installed: ${f#"$prefix"/}"; exit 1; }
done

cmake -S "$source/tools/host" -B "$work/host-cmake" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_FLAGS=-Werror >/dev/null
cmake --build "$work/host-cmake" >/dev/null
# shellcheck disable=SC2046 # pkg-config's output is a list of flags
cc -std=c99 -Wall -Wextra -Wpedantic -Werror "$source/tools/host/host.c" -o "$work/host-cc" \
  $(PKG_CONFIG_PATH="$(dirname "$pc")" pkg-config --cflags --libs inkset)

"$cli" render "$article" --page 600x800 --pages 3 --format pgm --out "$work/cli" >/dev/null
for host in "$work/host-cmake/host" "$work/host-cc"; do
  LD_LIBRARY_PATH=$libdir "$host" "$article" "$work/host.pgm" "$prefix/share/inkset/fonts"
  # The program must run on the installed library, not on one from the build tree.
  # grep without -q reads all of ldd's output: an early exit would give ldd SIGPIPE, which pipefail
  # turns into a failure now and then.
  LD_LIBRARY_PATH=$libdir ldd "$host" | grep "$libdir/libinkset.so" >/dev/null || { echo "$host: not linked to $libdir"; exit 1; }
  cmp "$work/cli/page-0003.pgm" "$work/host.pgm"
  rm "$work/host.pgm"
done
echo "host program: CMake and pkg-config builds both equal inkset render"
