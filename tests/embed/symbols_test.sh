#!/usr/bin/env bash
# libinkset.so exports the C API of inkset.h and nothing else: no C++ of ours, none of the static
# dependencies' symbols. Usage: symbols_test.sh NM LIBINKSET_SO INKSET_H
set -euo pipefail
nm=$1 lib=$2 header=$3
# The linker's own markers are not ours to hide.
exported=$("$nm" -D --defined-only "$lib" | awk '{print $NF}' |
           grep -Ev '^(_init|_fini|_edata|_end|__bss_start|__bss_end__|__end__|_bss_end__)$' | sort)
stray=$(grep -v '^inkset_' <<<"$exported" || true)
if [ -n "$stray" ]; then
  echo "exported symbols that are not inkset_*:"; echo "$stray" | head -20; exit 1
fi
declared=$(grep -o 'INKSET_API [^(]*(' "$header" | grep -o 'inkset_[a-z_0-9]*($' | tr -d '(' | sort)
if [ "$exported" != "$declared" ]; then
  echo "exported and declared C API differ:"; diff <(echo "$declared") <(echo "$exported") || true; exit 1
fi
echo "$(wc -l <<<"$exported") symbols, all inkset_* and all declared in inkset.h"
