#!/bin/sh
# The configuration reference cannot drift: docs/config.md is `ipseval help config` byte for byte, every
# key it lists is one the parser accepts, every key the code reads by name is listed in it, and the help
# topics and each subcommand's --help work. After adding a key: make docs-config.
BIN=${BIN:-bin/ipseval}
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
. tests/lib.sh
T=$(mktemp -d "${TMPDIR:-/tmp}/ipseval-docs.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT

"$BIN" help config > "$T/config.md"
if cmp -s "$T/config.md" docs/config.md; then
    ok "docs/config.md is ipseval help config byte for byte"
else
    ko "docs/config.md differs from 'ipseval help config': run 'make docs-config' and commit docs/config.md"
    diff docs/config.md "$T/config.md" | head -20
fi

# every key listed is accepted: one config per section holding all its keys; the pre-scan refuses an
# unknown key before anything else is read, so any other complaint means every key was accepted
sections=$(sed -n 's/^## \[\(.*\)\]$/\1/p' docs/config.md)
n_sec=0 n_keys=0
for s in $sections; do
    sec=$(echo "$s" | sed 's/:NAME$/:x/')
    keys=$(awk -v h="## [$s]" '$0 == h {on = 1; next} /^## / {on = 0} on && /^\| `/ {print}' docs/config.md |
        sed 's/^| `\([^`]*\)`.*/\1/')
    { echo "[$sec]"; for k in $keys; do echo "$k = 1"; done; } > "$T/s.ini"
    out=$("$BIN" check "$T/s.ini" 2>&1)
    rc=$?
    [ "$rc" -le 4 ] || ko "[$s]: ipseval check on a config of every key = 1 crashed (exit $rc): $out"
    case "$out" in
    *"unknown key"* | *"unknown section"*) ko "[$s]: a key docs/config.md lists is refused: $out" ;;
    *) ok "[$s]: the parser accepts the $(echo "$keys" | wc -w) keys docs/config.md lists" ;;
    esac
    n_sec=$((n_sec + 1))
    n_keys=$((n_keys + $(echo "$keys" | wc -w)))
done
[ "$n_sec" -ge 18 ] && [ "$n_keys" -ge 200 ] && ok "docs/config.md lists $n_sec sections and $n_keys keys" ||
    ko "docs/config.md lists only $n_sec sections and $n_keys keys"

# every key the code reads by a literal name is listed under its section
grep -rhoE 'core_config_[a-z_]+\((c|cfg), "[a-z]+", "[a-z_.]+"' cli core rct fidelity cba realworld meta reports |
    sed -E 's/.*"([a-z]+)", "([a-z_.]+)"/\1 \2/' | sort -u > "$T/read.txt"
missing=0
while read -r s k; do
    if ! awk -v h="## [$s]" '$0 == h {on = 1; next} /^## / {on = 0} on' docs/config.md | grep -q "^| \`$k\` |"; then
        ko "[$s] $k is read by the code but not listed in docs/config.md"
        missing=$((missing + 1))
    fi
done < "$T/read.txt"
n_read=$(wc -l < "$T/read.txt")
[ "$n_read" -ge 50 ] && [ "$missing" -eq 0 ] && ok "the $n_read keys the code reads by name are all listed" ||
    ko "only $n_read keys found read by name, $missing of them unlisted"

# topics and subcommand help
for topic in project cba "[trial]" outcome outcome:employment scale simulate; do
    expect "help $topic" 0 "| key | type | default | range | meaning |" -- help "$topic"
done
"$BIN" help cba > "$T/cba.md"
awk '$0 == "## [cba]" {on = 1} on && /^## / && $0 != "## [cba]" {on = 0} on' docs/config.md > "$T/cba-doc.md"
[ -s "$T/cba.md" ] && cmp -s "$T/cba.md" "$T/cba-doc.md" && ok "help cba is the [cba] part of docs/config.md" ||
    ko "help cba differs from the [cba] part of docs/config.md"
expect "help with no topic: the usage" 0 "ipseval help [config | SECTION | SUBCOMMAND]" -- help
expect "help on a misspelt topic" 2 "no topic 'registy'" "did you mean 'registry'?" -- help registy
for c in run rct fidelity cba cea did meta compare cohort equity workforce simulate check; do
    expect "$c --help" 0 "usage: ipseval $c CONFIG.ini" "Options:" "ipseval help config" -- "$c" --help
done
expect "cba --help names its sections" 0 "[cba]" "[markov]" "ipseval help markov" -- cba --help
echo "docs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
