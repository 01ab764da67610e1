#!/bin/sh
# Rebuild the committed text seed corpora of the fuzz targets from the project's own files:
#   fuzz_csv:    examples/*.csv, tests/reference/kits/*/data.csv, tests/data/readers/* (large files cut
#                to their first 60 lines), each prefixed with the option byte fuzz_csv.c reads
#                (0x00 = auto delimiter, '.' decimal; 0x0A = ';' and ',' decimal for the Excel export).
#   fuzz_config: configs/*.ini, examples/*.ini, tests/reference/*.ini, tests/fuzz/seeds/*.ini.
#   fuzz_trial:  trial data files (examples/trial.csv cut, tests/fuzz/seeds/trial-*.csv).
#   fuzz_spells: tests/fuzz/seeds/spells-*.csv.
#   fuzz_fidelity: tests/fuzz/seeds/fidelity-*.csv (first byte: 0 single, 1 raters, 2 respondents).
# .dta/.sav seeds come from tests/fuzz/mkseeds.c (make -f tests/fuzz/fuzz.mk seeds). Run from the repo root.
set -e
C=tests/fuzz/corpus
mkdir -p "$C/fuzz_csv" "$C/fuzz_config" "$C/fuzz_trial" "$C/fuzz_spells" "$C/fuzz_fidelity"
seed_csv() { # SRC NAME PREFIX-OCTAL
    { printf "\\$3"; head -n 60 "$1"; } > "$C/fuzz_csv/$2"
}
for f in examples/*.csv; do seed_csv "$f" "examples-$(basename "$f")" 000; done
for d in tests/reference/kits/*/; do
    [ -f "$d/data.csv" ] && seed_csv "$d/data.csv" "ref-$(basename "$d").csv" 000
done
for f in tests/data/readers/*; do
    case "$f" in *semicolon*) p=012 ;; *) p=000 ;; esac
    seed_csv "$f" "readers-$(basename "$f")" "$p"
done
for f in configs/*.ini examples/*.ini tests/reference/*.ini tests/fuzz/seeds/*.ini; do
    [ -f "$f" ] && cp "$f" "$C/fuzz_config/$(echo "$f" | tr / -)"
done
head -n 40 examples/trial.csv > "$C/fuzz_trial/examples-trial.csv"
for f in tests/fuzz/seeds/trial-*.csv; do [ -f "$f" ] && cp "$f" "$C/fuzz_trial/"; done
for f in tests/fuzz/seeds/spells-*.csv; do [ -f "$f" ] && cp "$f" "$C/fuzz_spells/"; done
for f in tests/fuzz/seeds/fidelity-*.csv; do [ -f "$f" ] && cp "$f" "$C/fuzz_fidelity/"; done
du -sh "$C"
