#!/usr/bin/env bash
# The committed output/ is the shipped edition as `make` builds it: a build of input/ with the
# binary under test is byte-identical to it, file for file (manifest.json included).
# Usage: Tests/cli/output-current.sh PATH/TO/factsheet
set -u
BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0 failed=0
"$BIN" build --input "$ROOT/input" --templates "$ROOT/Templates" --output "$WORK/out" 2>/dev/null || { echo "FAIL: the shipped edition does not build"; exit 1; }
if diff -r "$ROOT/output" "$WORK/out" >"$WORK/diff.txt"; then passed=1
else failed=1; echo "FAIL: output/ is not what 'make' builds from input/ (run 'make' and commit output/):"; head -5 "$WORK/diff.txt"; fi
# The check can fail: a changed byte in a copy is found.
cp -r "$ROOT/output" "$WORK/copy" && printf ' ' >> "$WORK/copy/en/index.html"
if diff -rq "$WORK/copy" "$WORK/out" >/dev/null; then failed=$((failed + 1)); echo "FAIL: the comparison cannot fail"; else passed=$((passed + 1)); fi
echo "output: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
