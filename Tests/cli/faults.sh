#!/usr/bin/env bash
# Faults a user meets without meaning to, and hostile files, one class at a time: each ends in
# its documented exit code with a sentence naming the file, in bounded time, with the previous
# output byte-identical and nothing left behind. Every message any of these runs prints is
# collected and checked for Swift values (`FileError(message: …)`, `Optional(…)`, enum cases).
# Usage: Tests/cli/faults.sh PATH/TO/factsheet   (as root: it mounts small tmpfs file systems)
set -u
REAL=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
MOUNTS=()
cleanup() {
  for m in "${MOUNTS[@]}"; do umount "$m" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT
. "$(dirname "$0")/../lib.sh"
snapshot() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum) 2>/dev/null; }
litter() { ls -A "${1:-.}" | grep -E '^\..*(staging|swap)' ; }

cd "$WORK"
# What every run prints on stderr is kept in messages.log.
MESSAGES="$WORK/messages.log"
BIN="$REAL"
cp -r "$ROOT/input" good
"$BIN" build --input good --templates "$ROOT/Templates" --output out 2>/dev/null || fail "the shipped input does not build"
snapshot out > good.sums

# A run that must end with `status` and print `expected`, within `seconds`; output/ untouched.
# Usage: expect NAME STATUS EXPECTED SECONDS COMMAND…
expect() {
  local name=$1 status=$2 expected=$3 seconds=$4; shift 4
  local start=$SECONDS
  timeout -k 5 "$seconds" "$@" >/dev/null 2>err.txt
  local got=$?
  cat err.txt >> "$MESSAGES"
  if [ "$got" -eq 124 ] || [ "$got" -eq 137 ]; then fail "$name: still running after ${seconds}s"; return 1; fi
  if [ "$got" -ne "$status" ]; then fail "$name: exit $got, expected $status"; head -5 err.txt; return 1; fi
  if ! grep -qF -- "$expected" err.txt; then fail "$name: message missing: $expected"; head -5 err.txt; return 1; fi
  if ! snapshot out | cmp -s - good.sums; then fail "$name: output/ changed"; return 1; fi
  if [ -n "$(litter)" ]; then fail "$name: left $(litter)"; return 1; fi
  ok
}
# An edition copied from the shipped one and changed by a command, then built: exit 65.
broken() {  # name, expected message, seconds, command run in the edition folder e
  local name=$1 expected=$2 seconds=$3; shift 3
  rm -rf e && cp -r good e
  (cd e && eval "$@")
  expect "$name" 65 "$expected" "$seconds" "$BIN" build --input e --templates "$ROOT/Templates" --output out
}

# 1. Writing fails: exit 74, the path and the system's reason, the previous output as it was.
small() {  # a tmpfs of $1 at $WORK/$2; echoes nothing; fails the test run if it cannot be made
  mkdir -p "$2" && mount -t tmpfs -o "size=$1" tmpfs "$2" && MOUNTS+=("$WORK/$2")
}
# A disk with room for one build and a little more: the size of a build on disk, plus a tenth
# (a second build links the files that stay the same, so more room would hold its new pages).
"$BIN" build --input good --templates "$ROOT/Templates" --output sized 2>/dev/null || fail "the shipped edition does not build"
room=$(( $(du -sk sized | cut -f1) * 11 / 10 ))k
rm -rf sized
if small "$room" disk; then
  "$BIN" build --input good --templates "$ROOT/Templates" --output disk/out 2>/dev/null || fail "build into a $room disk"
  snapshot disk/out > disk.sums
  # Every page of the new edition differs (the publication date on it), so the staging folder needs a second output's room.
  rm -rf e && cp -r good e && sed -i 's/^published: 2017-12-15/published: 2017-12-16/' e/factsheet.yaml
  grep -q '^published: 2017-12-16' e/factsheet.yaml || fail "the publication date was not changed"
  expect "disk full" 74 "could not be written: no space left on device; disk/out/ was left as it was" 60 \
    "$BIN" build --input e --templates "$ROOT/Templates" --output disk/out
  if grep -qE "^error: disk/out/[a-z]+/" err.txt && snapshot disk/out | cmp -s - disk.sums && [ -z "$(litter disk)" ]; then ok
  else fail "disk full: the message names no file of disk/out, or disk/out changed or staging left"; cat err.txt; fi
  # new-edition into the full disk: nothing left behind.
  fallocate -l "$(( $(df --output=avail -B1 disk | tail -1) - 4096 ))" disk/filler 2>/dev/null || dd if=/dev/zero of=disk/filler bs=64k 2>/dev/null
  expect "new-edition on a full disk" 74 "no space left on device (nothing was left behind)" 30 \
    "$BIN" new-edition --from good --to disk/next
  [ ! -e disk/next ] && ok || fail "new-edition on a full disk left disk/next"
else
  fail "cannot mount a tmpfs (the write-failure tests need root)"
fi
if small 8m readonly && mount -o remount,ro "$WORK/readonly"; then
  expect "read-only file system" 74 "read-only file system" 30 "$BIN" build --input good --templates "$ROOT/Templates" --output readonly/out
  expect "new-edition on a read-only file system" 74 "read-only file system" 30 "$BIN" new-edition --from good --to readonly/next
else
  fail "cannot mount a read-only tmpfs"
fi
# A file larger than the process may write (ulimit -f, in 1 KiB blocks): "file too large".
expect "file size limit" 74 "could not be written: file too large" 60 \
  bash -c "ulimit -f 16; trap '' XFSZ; exec '$BIN' build --input good --templates '$ROOT/Templates' --output big"
[ ! -e big ] && ok || fail "the file size limit left big/"
long=$(printf 'x%.0s' $(seq 300))
expect "a name too long" 74 "file name too long" 30 "$BIN" build --input good --templates "$ROOT/Templates" --output "$long"

# 2. Sizes: refused before reading, each file by name, in bounded time.
broken "a 200 MB CSV" "e/monitoring/2016.csv: the file is 200 MiB, larger than the 16 MiB a file of this kind may be" 20 \
  "truncate -s 200M monitoring/2016.csv"
broken "a 20 MB factsheet.yaml" "e/factsheet.yaml: the file is 20 MiB, larger than the 1 MiB" 20 "truncate -s 20M factsheet.yaml"
broken "one cell of 50 MB" "e/census.csv: the file is 50 MiB" 20 \
  "python3 -c 'import sys; sys.stdout.write(open(\"census.csv\").read() + \"decan,\" + \"9\" * (50 << 20) + \"\\n\")' > c && mv c census.csv"
broken "one cell of 3,000 characters" "column 'community': the cell holds 3,000 characters; expected at most 2,000" 20 \
  "python3 -c 'import sys; sys.stdout.write(open(\"census.csv\").read() + \"decan,\" + \"9\" * 3000 + \"\\n\")' > c && mv c census.csv"
broken "10,000 columns" "e/monitoring/2016.csv, row 1: the header has 10,008 columns; expected at most 200" 20 \
  "python3 -c 'import sys; l = open(\"monitoring/2016.csv\").read().split(\"\\n\"); l[0] += \"\".join(\",x%d\" % i for i in range(10000)); sys.stdout.write(\"\\n\".join(l))' > c && mv c monitoring/2016.csv"
broken "YAML nested 100,000 deep" "e/factsheet.yaml, line" 20 "python3 -c 'print(\"deep: \" + \"[\" * 100000 + \"]\" * 100000)' >> factsheet.yaml"
grep -qF "settings are nested more than 200 levels deep here" err.txt && ok || { fail "deep YAML: no nesting message"; head -3 err.txt; }
broken "YAML nested 100,000 deep in block style" "e/factsheet.yaml, line" 20 "python3 -c 'print(\"deep:\\n  \" + \"- \" * 100000 + \"x\")' >> factsheet.yaml"
# 300,000 bad rows (12 MB): the first 50 errors of the file, then one line counting the rest.
broken "300,000 bad rows" "e/monitoring/2016.csv: and " 60 \
  "python3 -c 'import sys; sys.stdout.write(open(\"monitoring/2016.csv\").read() + \"nowhere,yes,1,regular,albanian,1,1,yes\\n\" * 300000)' > c && mv c monitoring/2016.csv"
count=$(grep -c "^error: e/monitoring/2016.csv, row" err.txt)
if [ "$count" -eq 50 ] && grep -qE "^error: e/monitoring/2016.csv: and [0-9,]+ more in this file, not listed" err.txt && [ "$(wc -l < err.txt)" -lt 80 ]; then ok
else fail "300,000 bad rows: $count located lines, $(wc -l < err.txt) lines in all"; tail -3 err.txt; fi

# 3. XML and ZIP read defensively: nothing outside the input folder is ever read.
printf 'SECRET-7f3a9\n' > secret.txt
"$BIN" new-edition --from good --to wb --format xlsx 2>/dev/null || fail "new-edition --format xlsx"
hostile_workbook() {  # name, expected message, python that rewrites the ZIP entries dict z (name → bytes)
  local name=$1 expected=$2 code=$3
  rm -rf e && cp -r good e && rm e/monitoring/2017.csv
  python3 - "wb/monitoring/2018.xlsx" "e/monitoring/2017.xlsx" "$WORK/secret.txt" <<PY
import sys, zipfile
src, dst, secret = sys.argv[1:4]
z = {i.filename: zipfile.ZipFile(src).read(i.filename) for i in zipfile.ZipFile(src).infolist()}
sheet = "xl/worksheets/sheet1.xml"
$code
if isinstance(z, dict):
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for k, v in z.items(): out.writestr(k, v)
PY
  expect "$name" 65 "$expected" 20 "$BIN" build --input e --templates "$ROOT/Templates" --output out
  if grep -q "SECRET-7f3a9" err.txt; then fail "$name: the secret file was read"; fi
}
[ -f wb/monitoring/2018.xlsx ] || fail "no workbook to start from"
hostile_workbook "external entity" "holds a document type declaration" \
  'z[sheet] = z[sheet].replace(b"?>", b"?><!DOCTYPE w [<!ENTITY s SYSTEM \"file://" + secret.encode() + b"\">]>", 1).replace(b"<sheetData>", b"<sheetData>&s;", 1)'
hostile_workbook "parameter entity" "holds a document type declaration" \
  'z["xl/workbook.xml"] = z["xl/workbook.xml"].replace(b"?>", b"?><!DOCTYPE w [<!ENTITY % p SYSTEM \"" + secret.encode() + b"\"> %p;]>", 1)'
hostile_workbook "UTF-16 document type" "holds a document type declaration" \
  'z[sheet] = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE w SYSTEM \"../../secret.txt\"><worksheet/>".encode("utf-16")'
hostile_workbook "XInclude" "e/monitoring/2017.xlsx" \
  'z[sheet] = z[sheet].replace(b"<sheetData>", b"<sheetData><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" + secret.encode() + b"\" parse=\"text\"/>", 1)'
hostile_workbook "stylesheet instruction" "holds a processing instruction" \
  'z[sheet] = z[sheet].replace(b"?>", b"?><?xml-stylesheet href=\"file://" + secret.encode() + b"\"?>", 1)'
hostile_workbook "relationship out of the package" "e/monitoring/2017.xlsx" \
  'import re; z["xl/_rels/workbook.xml.rels"] = re.sub(rb"Target=\"[^\"]*sheet1.xml\"", b"Target=\"../../../" + secret.encode().lstrip(b"/") + b"\"", z["xl/_rels/workbook.xml.rels"])'
hostile_workbook "an entry named ../" "it holds an entry named '../../secret.txt'" 'z["../../secret.txt"] = b"x"'
hostile_workbook "an absolute entry name" "it holds an entry named '/etc/passwd'" 'z["/etc/passwd"] = b"x"'
hostile_workbook "a million declared rows" "the first worksheet has more than 4000000 cells" \
  'import re; z[sheet] = re.sub(rb"<dimension ref=\"[^\"]*\"", b"<dimension ref=\"A1:Z1000000\"", z[sheet]) if b"<dimension" in z[sheet] else z[sheet].replace(b"<sheetData>", b"<dimension ref=\"A1:Z1000000\"/><sheetData>", 1)'
hostile_workbook "a deflate bomb" "would unpack to" 'z["xl/worksheets/sheet2.xml"] = b" " * (60 << 20)'
hostile_workbook "encrypted (an OLE file)" "it is not an .xlsx file" \
  'open(dst, "wb").write(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 4096); z = None'
hostile_workbook "truncated" "e/monitoring/2017.xlsx: could not be read as an Excel workbook" \
  'import io; b = io.BytesIO(); zf = zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED); [zf.writestr(k, v) for k, v in z.items()]; zf.close(); open(dst, "wb").write(b.getvalue()[: len(b.getvalue()) // 2]); z = None'
# The logo: every way SVG can point at another file.
for logo in \
  "<!DOCTYPE svg [<!ENTITY s SYSTEM \"file://$WORK/secret.txt\">]><svg viewBox=\"0 0 9 9\"><text>&s;</text></svg>" \
  "<svg viewBox=\"0 0 9 9\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><image xlink:href=\"../secret.txt\"/></svg>" \
  "<svg viewBox=\"0 0 9 9\"><use href=\"../secret.txt#x\"/></svg>" \
  "<svg viewBox=\"0 0 9 9\"><rect style=\"fill: url(file://$WORK/secret.txt)\"/></svg>" \
  "<?xml-stylesheet href=\"../secret.txt\"?><svg viewBox=\"0 0 9 9\"/>" \
  "<svg viewBox=\"0 0 9 9\"><style>@import url(../secret.txt);</style></svg>" \
  "<svg viewBox=\"0 0 9 9\" xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"../secret.txt\" parse=\"text\"/></svg>"; do
  printf '%s\n' "$logo" > hostile.svg
  rm -rf e logo-out && cp -r good e && cp hostile.svg e/logo.svg && echo 'logo: logo.svg' >> e/factsheet.yaml
  timeout 20 "$BIN" build --input e --templates "$ROOT/Templates" --output logo-out >/dev/null 2>err.txt; status=$?
  cat err.txt >> "$MESSAGES"
  # Refused at the logo's own line, or drawn without what it pointed at (XInclude is never processed).
  if { [ $status -eq 65 ] && grep -qF "e/logo.svg, line" err.txt; } || { [ $status -eq 0 ] && ! grep -rq "SECRET-7f3a9" logo-out; }; then ok
  else fail "logo ${logo:0:50}: exit $status"; head -3 err.txt; fi
  grep -q "SECRET-7f3a9" err.txt && fail "logo ${logo:0:40}: the secret file was read"
done

# 4. Only ordinary files are read: each of these is an error naming the file, at once.
broken "a named pipe" "e/census.csv: this is a named pipe, not a file" 10 "rm census.csv && mkfifo census.csv"
broken "a device" "e/census.csv: this is a device (character special file), not a file" 10 "rm census.csv && ln -s /dev/zero census.csv"
broken "a folder" "e/monitoring/2016.csv: this is a folder, not a file" 10 "rm monitoring/2016.csv && mkdir monitoring/2016.csv"
broken "a link loop" "e/census.csv: this is a symbolic link that leads back to itself" 10 "rm census.csv && ln -s census.csv census.csv"
broken "a link to nothing" "e/factsheet.yaml: this is a symbolic link to nothing" 10 "rm factsheet.yaml && ln -s gone.yaml factsheet.yaml"
rm -rf t && cp -r "$ROOT/Templates" t && rm t/sr/strings.yaml && mkfifo t/sr/strings.yaml
expect "a strings file that is a pipe" 65 "t/sr/strings.yaml: this is a named pipe, not a file" 10 "$BIN" build --input good --templates t --output out
if id nobody >/dev/null 2>&1; then
  rm -rf locked && cp -r good locked && chmod -R a+rX locked && chmod 600 locked/census.csv && chmod a+rx "$WORK"
  expect "a file the user may not read" 65 "locked/census.csv: the file could not be read: permission denied" 10 \
    setpriv --reuid=nobody --regid=nogroup --clear-groups "$BIN" check --input locked --templates "$ROOT/Templates"
fi

# 5. Templates that never end: located errors, not a stack overflow.
template_case() {  # name, expected, python that appends to the English sheet template's text t
  rm -rf t && cp -r "$ROOT/Templates" t
  python3 -c "import sys; t = open('t/en/factsheet.md').read(); $3; open('t/en/factsheet.md', 'w').write(t)"
  expect "$1" 65 "$2" 20 "$BIN" build --input good --templates t --output out
}
template_case "a partial including itself" "t/en/factsheet.md, line" 't += "\n{{> factsheet}}\n"'
grep -qF "includes another template, which sheet templates cannot do" err.txt && ok || fail "a partial: no message"
template_case "a parent template" "includes another template" 't += "\n{{< factsheet}}{{/factsheet}}\n"'
template_case "sections nested 20,000 deep" "sections are nested more than 64 levels deep here" 't += "{{#edition}}" * 20000 + "{{/edition}}" * 20000'
template_case "sections nested after a delimiter change" "sections are nested more than 64 levels deep" \
  't += "{{=<% %>=}}" + "<%#edition%>" * 20000'
template_case "a section never closed" "a section is opened but never closed" 't += "{{#edition}}"'
rm -rf t && cp -r "$ROOT/Templates" t && python3 -c 'print("deep: " + "{" * 100000)' >> t/sq/strings.yaml
expect "strings nested 100,000 deep" 65 "t/sq/strings.yaml, line" 20 "$BIN" build --input good --templates t --output out

# 8. new-edition refuses what makes no sense: nothing written.
expect "new-edition --to inside --from" 64 "this is inside the --from folder" 10 "$BIN" new-edition --from good --to good/next
expect "new-edition --to = --from" 64 "this is the --from folder" 10 "$BIN" new-edition --from good --to ./good/
expect "new-edition --year out of range" 64 "expected a year from 2000 to 2099" 10 "$BIN" new-edition --from good --to n --year 12345
expect "new-edition without --from" 64 "Missing expected argument '--from <from>'" 10 "$BIN" new-edition --to n
expect "new-edition --to without its parent" 73 "the folder nowhere/, where the new edition would go, does not exist" 10 \
  "$BIN" new-edition --from good --to nowhere/next
[ ! -e n ] && [ ! -e nowhere ] && [ ! -e good/next ] && ok || fail "a refused new-edition wrote something"
snapshot good | diff -q - <(cd "$ROOT/input" && find . -type f -print0 | sort -z | xargs -0 sha256sum) >/dev/null && ok || fail "the input changed"

# No message of any run shows a Swift value, a type name or an enum case.
if grep -nE 'Error\(|Optional\(|message: "|[A-Za-z]+Error\.[a-z]|NS[A-Z][A-Za-z]+Domain|[A-Z][A-Za-z]+\.[a-z][A-Za-z]+\(|\.[a-z][A-Za-z]+\(|operation could not be completed|Swift\.' "$MESSAGES"; then
  fail "a message shows a Swift value (above)"
else ok; fi
# The check itself can fail: it finds the message this issue began with.
printf "error: output: could not be written: FileError(message: \"x\")\n" | grep -qE 'Error\(' && ok || fail "the pattern check cannot fail"
[ "$(wc -l < "$MESSAGES")" -gt 100 ] && ok || fail "too few messages collected ($(wc -l < "$MESSAGES"))"

finish faults
