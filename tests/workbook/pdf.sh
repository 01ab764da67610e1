#!/bin/sh
# A workbook as a visual record: LibreOffice (headless, throwaway profile) converts it to PDF, then
# pdftoppm (poppler-utils) renders every page to PNG.   usage: sh tests/workbook/pdf.sh BOOK.xlsx OUTDIR [DPI]
# Writes OUTDIR/<book>.pdf and OUTDIR/<book>-pages/page-NN.png; prints the page count; exit 1 on failure.
book=$1
out=$2
dpi=${3:-60}
[ -s "$book" ] && [ -n "$out" ] || { echo "usage: pdf.sh BOOK.xlsx OUTDIR [DPI]" >&2; exit 2; }
command -v soffice >/dev/null 2>&1 || { echo "soffice not found: make deps installs libreoffice-calc-nogui" >&2; exit 1; }
command -v pdftoppm >/dev/null 2>&1 || { echo "pdftoppm not found: make deps installs poppler-utils" >&2; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
name=$(basename "$book" .xlsx)
prof="$out/.lo-profile-pdf"
rm -rf "$out/$name-pages" "$out/$name.pdf"
timeout 300 soffice -env:UserInstallation=file://"$prof" --headless --convert-to pdf --outdir "$out" "$book" \
    > "$out/.soffice-pdf.log" 2>&1
rm -rf "$prof"
[ -s "$out/$name.pdf" ] || { cat "$out/.soffice-pdf.log" >&2; echo "LibreOffice wrote no PDF" >&2; exit 1; }
mkdir -p "$out/$name-pages"
pdftoppm -r "$dpi" -png "$out/$name.pdf" "$out/$name-pages/page" || exit 1
n=$(ls "$out/$name-pages" | grep -c '\.png$')
[ "$n" -gt 0 ] || exit 1
echo "$n"
