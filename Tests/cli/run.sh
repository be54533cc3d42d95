#!/usr/bin/env bash
# End-to-end checks of the factsheet command: broken editions fail with located messages and
# leave output/ as it was; killed and concurrent builds never leave a half-written output/;
# two builds of the same input are byte-identical. Usage: Tests/cli/run.sh PATH/TO/factsheet
set -u
BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0 failed=0
ok()   { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
snapshot() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }

cd "$WORK"
cp -r "$ROOT/input" good
"$BIN" build --input good --templates "$ROOT/Templates" --output out 2>/dev/null || fail "the shipped input does not build"
snapshot out > good.sums

# Two builds of the same input are identical.
"$BIN" build --input good --templates "$ROOT/Templates" --output out2 2>/dev/null
if diff -r out out2 >/dev/null; then ok; else fail "two builds differ"; fi

# Each broken edition: exit 65, the expected located message, output/ untouched.
broken() {  # name, expected message fragment, then a command that breaks edition folder "e"
  local name=$1 expected=$2; shift 2
  rm -rf e && cp -r good e
  (cd e && eval "$@")
  "$BIN" build --input e --templates "$ROOT/Templates" --output out 2>err.txt
  local status=$?
  if [ "$status" -ne 65 ]; then fail "$name: exit $status, expected 65"; cat err.txt; return; fi
  if ! grep -qF -- "$expected" err.txt; then fail "$name: message missing: $expected"; cat err.txt; return; fi
  if ! snapshot out | cmp -s - good.sums; then fail "$name: output/ changed"; return; fi
  ok
}
broken "non-numeric count" "e/monitoring/2016.csv, row 3, column 'women_representatives': expected a whole number ≥ 0, found 'two'" \
  "sed -i '3s/^\([^,]*\),yes,[0-9]*/\1,yes,two/' monitoring/2016.csv"
broken "unknown municipality" "did you mean 'gjilan'?" "sed -i 's/^gjilan,/gjilani,/' monitoring/2017.csv"
broken "missing column" "e/monitoring/2015.csv, row 1: missing column 'compensation'" "sed -i '1s/compensation/compensaton/' monitoring/2015.csv"
broken "security above meetings" "column 'meetings_security': expected at most the value of 'meetings'" \
  "sed -i 's/^\(decan,yes,[^,]*,[^,]*,[^,]*\),\([0-9]*\),[0-9]*,/\1,\2,99,/' monitoring/2016.csv"
broken "missing year" "the configuration names 2015, but there is no monitoring file for it" "rm monitoring/2015.csv"
broken "YAML syntax" "e/factsheet.yaml, line" "printf 'legal: [\n' >> factsheet.yaml"
broken "not UTF-8" "is not UTF-8 text" "printf 'prizren,yes,1,regular,albanian\xeb,,,none\n' >> monitoring/2014.csv"
broken "mcsc no with figures" "expected an empty cell because 'mcsc' is 'no'" "sed -i 's/^zvecan,no,,/zvecan,no,3,/' monitoring/2017.csv"
broken "empty file" "the file is empty" ": > census.csv"

# A template that names an unknown value or chart.
rm -rf t && cp -r "$ROOT/Templates" t && echo '{{no_such_value}}' >> t/en/factsheet.md
"$BIN" build --input good --templates t --output out 2>err.txt; status=$?
if [ $status -eq 65 ] && grep -qF "t/en/factsheet.md, line" err.txt && grep -qF "no_such_value" err.txt && snapshot out | cmp -s - good.sums; then ok; else fail "unknown template value"; cat err.txt; fi

# Usage errors have their own exit code.
"$BIN" build --no-such-option >/dev/null 2>&1; status=$?
if [ $status -eq 64 ]; then ok; else fail "usage error exit $status, expected 64"; fi

# Files in output/ that the build does not make (a web team's .htaccess, say) are kept and named.
mkdir -p keep/extra && cp -r out/. keep/ && printf 'x\n' > keep/extra/notes.txt && printf 'y\n' > keep/.htaccess
"$BIN" build --input good --templates "$ROOT/Templates" --output keep 2>err.txt
if [ "$(cat keep/extra/notes.txt)" = x ] && [ "$(cat keep/.htaccess)" = y ] \
  && grep -qF "keep/extra/notes.txt: not made by this build; kept" err.txt && grep -qF "keep/.htaccess: not made by this build; kept" err.txt \
  && [ "$(grep -c 'not made by this build' err.txt)" -eq 2 ] \
  && [ "$(find keep -type f | wc -l)" -eq "$(( $(wc -l < good.sums) + 2 ))" ] && ! ls -a | grep -q '^\.keep\.staging'; then ok; else fail "files not made by the build"; cat err.txt; fi

# Killed at random moments: output/ is always the complete previous or new build.
for delay in 0.001 0.003 0.005 0.008 0.01 0.015 0.02 0.03 0.05 0.08; do
  "$BIN" build --input good --templates "$ROOT/Templates" --output out 2>/dev/null &
  pid=$!; sleep "$delay"; kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  if snapshot out | cmp -s - good.sums; then ok; else fail "killed after ${delay}s: output/ incomplete"; fi
done

# Builds started at once do not corrupt each other.
for i in 1 2 3 4; do "$BIN" build --input good --templates "$ROOT/Templates" --output out 2>/dev/null & done
wait
if snapshot out | cmp -s - good.sums; then ok; else fail "concurrent builds corrupted output/"; fi
leftovers=$(ls -a | grep -c '^\.out\.staging' || true)
"$BIN" build --input good --templates "$ROOT/Templates" --output out 2>/dev/null
leftovers=$(ls -a | grep -c '^\.out\.staging' || true)
if [ "$leftovers" -eq 0 ]; then ok; else fail "staging folders left behind"; fi

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
