#!/usr/bin/env bash
# Lays out (all pages) and renders (the first pages of) one bad input, each within a time limit, and
# checks how it ends:
#   run_one.sh INKSET FILE EXPECTED_EXIT SECONDS OUT_DIR
# INKSET_EMULATOR, when set, is the command that runs a cross-built INKSET (qemu-arm -L SYSROOT).
# The exit code must be the expected one, never a crash or a timeout; a failure must be one line
# "inkset: FILE: problem" on stderr (warnings, "inkset: warning: ...", may precede it).
set -uo pipefail
file=$2 expected=$3 seconds=$4 out=$5
# The emulator command is split into words on purpose: it is a program and its options.
# shellcheck disable=SC2206
inkset=(${INKSET_EMULATOR:-} "$1")
rm -rf "$out"
mkdir -p "$out"
start=$(date +%s%N)
timeout -k 2 "$seconds" "${inkset[@]}" layout "$file" --count --page 300x400 --dpi 96 >"$out/stdout" 2>"$out/stderr"
code=$?
if [ "$code" -eq 0 ]; then
  timeout -k 2 "$seconds" "${inkset[@]}" render "$file" --pages 1-3 --out "$out" --page 300x400 --dpi 96 >>"$out/stdout" 2>"$out/stderr"
  code=$?
fi
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))ms
if [ "$code" -eq 124 ] || [ "$code" -eq 137 ]; then
  echo "FAIL $file: not finished within $seconds s"
  exit 1
fi
if [ "$code" -ne "$expected" ]; then
  echo "FAIL $file: exit code $code, expected $expected (${elapsed})"
  head -c 2000 "$out/stderr"
  exit 1
fi
errors=$(grep -v '^inkset: warning: ' "$out/stderr" || true)
if [ "$code" -eq 0 ]; then
  if [ -n "$errors" ]; then
    echo "FAIL $file: succeeded but printed a non-warning line on stderr:"
    echo "$errors" | head -5
    exit 1
  fi
  if ! ls "$out"/page-0001.png >/dev/null 2>&1; then
    echo "FAIL $file: succeeded without writing page 1"
    exit 1
  fi
else
  lines=$(printf '%s\n' "$errors" | grep -c .)
  if [ "$lines" -ne 1 ] || ! printf '%s' "$errors" | grep -qF "inkset: $file: "; then
    echo "FAIL $file: exit $code must come with one line 'inkset: $file: problem' on stderr, got:"
    echo "$errors" | head -5
    exit 1
  fi
fi
echo "ok $file: exit $code in ${elapsed}; $(grep -c '^inkset: warning: ' "$out/stderr") warnings"
head -3 "$out/stderr"
