#!/usr/bin/env bash
# The published Table Schemas (output/data/schemas/*.json) against a validator that is not ours,
# frictionless from PyPI (`make schema-validators` installs it): the shipped edition's files pass
# their schemas, and each bad file made from them fails (a count past its bound, a word outside
# its list, an unknown community, a missing or repeated key, a row not filled in, columns out of
# order); each bad file is an error for `factsheet check` too, so the schemas are never looser
# than the build on these faults. Then the data package the build writes (out/data/datapackage.json)
# passes frictionless's validation, and copies of the data changed after the build fail it.
# Usage: Tests/schemas/check.sh PATH/TO/factsheet
set -u
BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/../lib.sh"

command -v frictionless >/dev/null || { echo "Tests/schemas/check.sh: frictionless not installed (make schema-validators)"; exit 69; }
cd "$WORK"
"$BIN" build --input "$ROOT/input" --templates "$ROOT/Templates" --output out 2>build.txt || { fail "the shipped edition does not build"; cat build.txt; exit 1; }
SCHEMAS=out/data/schemas
for name in municipalities census monitoring; do
  [ -s "$SCHEMAS/$name.json" ] && ok || fail "no $SCHEMAS/$name.json"
  cmp -s "$SCHEMAS/$name.json" "$ROOT/output/data/schemas/$name.json" && ok || fail "$name.json differs from the committed output/"
done

valid() {  # description, schema, file
  if frictionless validate --schema "$SCHEMAS/$2.json" "$3" >valid.txt 2>&1; then ok; else fail "$1: frictionless rejects it"; cat valid.txt; fi
}
# description, schema, file, the error frictionless must report (its type, and the cell's field)
invalid() {
  if frictionless validate --schema "$SCHEMAS/$2.json" "$3" >invalid.txt 2>&1; then
    fail "$1: frictionless accepts it"
  elif grep -q -- "$4" invalid.txt; then ok
  else fail "$1: expected '$4' in frictionless's report"; cat invalid.txt; fi
}

# 1. The shipped files pass (establishment-only years leave the meeting columns empty). A copy:
# frictionless reads only paths below the current folder unless told to trust any.
cp -r "$ROOT/input" shipped
valid "register" municipalities shipped/municipalities.csv
valid "census" census shipped/census.csv
for file in shipped/monitoring/*.csv; do valid "$file" monitoring "$file"; done

# 2. Bad files fail, each with the error frictionless names. Each is a copy of a shipped file
# with one cell or line changed: row 2 of 2017.csv is decan,yes,0,none,...
M=shipped/monitoring/2017.csv
row2() { { head -1 "$M"; echo "$1"; tail -n +3 "$M"; } > "$2"; }
row2 "decan,yes,1001,none,albanian,4,0,none" women.csv
invalid "women past 1000" monitoring women.csv "constraint-error"
row2 "decan,yes,0,sometimes,albanian,4,0,none" compensation.csv
invalid "compensation outside its list" monitoring compensation.csv "constraint-error"
row2 "decan,maybe,0,none,albanian,4,0,none" mcsc.csv
invalid "mcsc neither yes nor no" monitoring mcsc.csv "type-error"
row2 "decan,yes,0,none,albanian;croatt,4,0,none" communities.csv
invalid "an unknown community" monitoring communities.csv "constraint-error"
row2 "decan,yes,0,none,albanian,367,0,none" meetings.csv
invalid "meetings past 366" monitoring meetings.csv "constraint-error"
row2 "decan,yes,0,none,albanian,four,0,none" four.csv
invalid "meetings not a number" monitoring four.csv "type-error"
row2 "decan,,,,,,," blank.csv
invalid "a row not filled in (as new-edition writes them)" monitoring blank.csv "constraint-error"
{ head -2 "$M"; sed -n 2p "$M"; tail -n +3 "$M"; } > twice.csv
invalid "a municipality twice" monitoring twice.csv "primary-key"
{ head -1 "$M" | awk -F, -v OFS=, '{ t = $3; $3 = $4; $4 = t; print }'; tail -n +2 "$M"; } > order.csv
invalid "columns out of the documented order" monitoring order.csv "incorrect-label"
R=shipped/municipalities.csv
{ head -1 "$R"; sed -n 2p "$R" | sed 's/^decan,/Decan,/'; tail -n +3 "$R"; } > code.csv
invalid "a code in upper case" municipalities code.csv "constraint-error"
{ head -1 "$R"; sed -n 2p "$R" | sed 's/^decan,[^,]*,/decan,,/'; tail -n +3 "$R"; } > name.csv
invalid "a name missing" municipalities name.csv "constraint-error"
C=shipped/census.csv
{ head -1 "$C"; sed -n 2p "$C" | sed 's/,[0-9]*$/,-1/'; tail -n +3 "$C"; } > population.csv
invalid "a negative population" census population.csv "constraint-error"
{ head -1 "$C"; sed -n 2p "$C" | sed 's/,[a-z]*,\([0-9]*\)$/,serbs,\1/'; tail -n +3 "$C"; } > community.csv
invalid "an unknown community" census community.csv "constraint-error"

# 3. The build rejects every bad file too (the schemas are no looser than `factsheet check`).
check() {  # description, file in input/, bad file
  rm -rf edition && cp -r "$ROOT/input" edition && cp "$3" "edition/$2"
  if "$BIN" check --input edition --templates "$ROOT/Templates" >check.txt 2>&1; then fail "$1: factsheet check accepts it"; else ok; fi
}
for bad in women compensation mcsc communities meetings four blank twice; do check "monitoring $bad" monitoring/2017.csv "$bad.csv"; done
for bad in code name; do check "register $bad" municipalities.csv "$bad.csv"; done
for bad in population community; do check "census $bad" census.csv "$bad.csv"; done

# 4. The data package (out/data/datapackage.json) describes every data file of the build: the
# fresh build passes frictionless's validation (each CSV against the schema made from the chart
# catalogue, each file's size and SHA-256) and is the committed one. A copy of out/data changed
# after the build fails: a value changed (the hash no longer matches), and, with the sizes and
# hashes taken out of the descriptor so that only the schemas speak, a count that is not a
# number, a negative count, a row twice, a month past 12, a required cell left empty; and a
# descriptor edited to declare a wrong type (the counts of meetings_held as yes/no).
PACKAGE=out/data/datapackage.json
cmp -s "$PACKAGE" "$ROOT/output/data/datapackage.json" && ok || fail "datapackage.json differs from the committed output/"
if (cd out/data && frictionless validate datapackage.json >../../package.txt 2>&1); then ok; else fail "the shipped data package is invalid"; cat package.txt; fi
package_invalid() {  # description, folder (a changed copy of out/data), the error frictionless must report
  if (cd "$2" && frictionless validate datapackage.json >../package.txt 2>&1); then
    fail "$1: frictionless accepts the data package"
  elif grep -q -- "$3" package.txt; then ok
  else fail "$1: expected '$3' in frictionless's report"; cat package.txt; fi
}
copy() { rm -rf "$1" && cp -r out/data "$1"; }
unhashed() {  # the descriptor without sizes and hashes, so that a changed file meets only its schema
  python3 -c 'import json, sys
p = json.load(open(sys.argv[1]))
for r in p["resources"]: r.pop("bytes"); r.pop("hash")
json.dump(p, open(sys.argv[1], "w"), indent=2)' "$1/datapackage.json"
}
# meetings_held.csv: header, then decan,2016,6 (the shipped edition).
[ "$(sed -n 2p out/data/charts/meetings_held.csv)" = "decan,2016,6" ] && ok || fail "meetings_held.csv no longer starts with decan,2016,6"
copy changed && sed -i '2s/^decan,2016,6$/decan,2016,7/' changed/charts/meetings_held.csv
package_invalid "a count changed after the build" changed "hash-count"
copy word && unhashed word && sed -i '2s/^decan,2016,6$/decan,2016,six/' word/charts/meetings_held.csv
package_invalid "a count that is not a number" word "type-error"
copy negative && unhashed negative && sed -i '2s/^decan,2016,6$/decan,2016,-6/' negative/charts/meetings_held.csv
package_invalid "a negative count" negative "constraint-error"
copy twice && unhashed twice && sed -i '2p' twice/charts/meetings_held.csv
package_invalid "a row twice" twice "primary-key"
copy month && unhashed month && sed -i '2s/^\([0-9]*\),1,/\1,13,/' month/charts/work_plan_minorities.csv
package_invalid "a month past 12" month "constraint-error"
copy empty && unhashed empty && sed -i '2s/^decan,2016,6$/decan,,6/' empty/charts/meetings_held.csv
package_invalid "a period left empty" empty "constraint-error"
copy retyped && python3 -c 'import json, sys
p = json.load(open(sys.argv[1]))
r = next(r for r in p["resources"] if r["name"] == "meetings_held")
r["schema"]["fields"][2] = {"name": "meetings_held", "type": "boolean"}
json.dump(p, open(sys.argv[1], "w"), indent=2)' retyped/datapackage.json
package_invalid "a descriptor that calls counts yes/no" retyped "type-error"

finish schemas
