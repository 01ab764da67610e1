#!/bin/sh
# The Results sheet sorted (by module, descending, then estimate) and optionally filtered to one module in
# LibreOffice headless, every formula recalculated, saved as .xlsx (a Basic macro, tests/workbook/lo-macro/, in a
# throwaway profile).   usage: sh tests/workbook/sort.sh BOOK.xlsx OUT.xlsx [MODULE]     exit 1 on failure.
book=$1
out=$2
[ -s "$book" ] && [ -n "$out" ] || { echo "usage: sort.sh BOOK.xlsx OUT.xlsx [MODULE]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
case "$book" in /*) ;; *) book="$(pwd)/$book" ;; esac
case "$out" in /*) ;; *) out="$(pwd)/$out" ;; esac
prof=$(mktemp -d "${TMPDIR:-/tmp}/ipseval-lo-sort.XXXXXX")
# a fresh profile is made first (it creates the Standard library), then the macro module goes into it
timeout 120 soffice -env:UserInstallation=file://"$prof" --headless --terminate_after_init > "$prof.log" 2>&1
[ -d "$prof/user/basic/Standard" ] || { cat "$prof.log" >&2; echo "LibreOffice made no profile" >&2; rm -rf "$prof" "$prof.log"; exit 1; }
cp "$here/lo-macro/Module1.xba" "$prof/user/basic/Standard/Module1.xba"
rm -f "$out"
IPS_BOOK="$book" IPS_OUT="$out" IPS_FILTER="${3:-}" timeout 300 soffice -env:UserInstallation=file://"$prof" --headless \
    "vnd.sun.star.script:Standard.Module1.SortResults?language=Basic&location=application" > "$prof.log" 2>&1
rc=$?
[ -s "$out" ] || { cat "$prof.log" >&2; echo "LibreOffice wrote no sorted workbook (exit $rc)" >&2; rm -rf "$prof" "$prof.log"; exit 1; }
rm -rf "$prof" "$prof.log"
