#!/usr/bin/env bash
# End-to-end checks of `factsheet preview` on a copy of the shipped edition: pages served from
# memory with the reload script, a template edit shown, a broken CSV shown as a located and
# escaped error page and then fixed, traversal paths refused, 127.0.0.1 only, and nothing written
# to disk. Every wait is bounded; the preview is stopped by the trap.
# Usage: Tests/cli/preview.sh PATH/TO/factsheet
set -u
BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
PID=""
stop() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; PID=""; fi; }
trap 'stop; rm -rf "$WORK"' EXIT
. "$(dirname "$0")/../lib.sh"
check() { local name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }

cd "$WORK"
cp -r "$ROOT/input" in
cp -r "$ROOT/Templates" tpl
mkdir run
# Symbolic links in the input folder that point outside it: never served.
ln -s /etc/passwd in/passwd
ln -s /etc in/etc
ln -s /etc/passwd in/monitoring/notes.txt
listing() { (cd "$1" && find . -printf '%p %y %s\n' | sort); }
sums() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
listing in > in.list; sums in > in.sums; listing tpl > tpl.list

# Without factsheet-preview beside it, `factsheet preview` says so and exits 69.
mkdir alone && cp "$BIN" alone/factsheet
(cd run && ../alone/factsheet preview --input ../in --templates ../tpl --port 0 >/dev/null 2>../alone.txt)
status=$?
check "no helper: exit 69" [ "$status" -eq 69 ]
check "no helper: says so" grep -qF "alone/factsheet-preview not found" alone.txt
rm -rf alone

# What `factsheet build` writes for the same edition, to compare with what the preview serves.
(cd run && "$BIN" build --input ../in --templates ../tpl --output ../built 2>/dev/null) || fail "the edition does not build"

(cd run && exec "$BIN" preview --input ../in --templates ../tpl --port 0 >../out.txt 2>../err.txt) &
PID=$!
URL=""
for _ in $(seq 1 300); do  # up to 30 s for the first build of a debug binary
  URL=$(head -n 1 out.txt 2>/dev/null)
  [ -n "$URL" ] && break
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$URL" ]; then fail "the preview printed no address"; cat err.txt; echo "$passed passed, $failed failed"; exit 1; fi
case $URL in http://127.0.0.1:*/) ok ;; *) fail "address not on 127.0.0.1: $URL" ;; esac

# get PATH: status and content type on one line, the body in body.txt.
get() { curl -s --path-as-is --max-time 5 -o body.txt -w '%{http_code} %{content_type}' "${URL%/}$1"; }
# wait_for PATH STATUS TEXT: until PATH answers STATUS with TEXT in its body (10 s at most).
wait_for() {
  for _ in $(seq 1 100); do
    if [ "$(get "$1" | cut -d' ' -f1)" = "$2" ] && grep -qF -- "$3" body.txt; then return 0; fi
    sleep 0.1
  done
  return 1
}
# The served page with the preview's script taken out.
unscripted() { awk '/^<script>\/\* factsheet preview/{skip=1} !skip{print} /^<\/script>$/{skip=0}' body.txt; }

# Pages and data of the site, with their content types; HTML as built, plus the reload script.
check "GET /" [ "$(get /)" = "200 text/html; charset=utf-8" ]
check "reload script in /" grep -qF 'new EventSource("/__factsheet/events")' body.txt
check "/ as built" cmp -s <(unscripted) built/index.html
for page in sq/index.html en/index.html sq/sheets.html en/municipalities/gjilan.html; do
  check "GET /$page" [ "$(get /$page)" = "200 text/html; charset=utf-8" ]
  check "/$page as built" cmp -s <(unscripted) "built/$page"
done
check "/sq/ is sq/index.html" [ "$(get /sq/)" = "200 text/html; charset=utf-8" ]
check "/sq/ as built" cmp -s <(unscripted) built/sq/index.html
check "/sq redirects to /sq/" [ "$(curl -s --max-time 5 -o /dev/null -w '%{http_code} %{redirect_url}' "${URL}sq")" = "301 ${URL}sq/" ]
check "json" [ "$(get /data/indicators.json)" = "200 application/json" ]
check "json as built, no script" cmp -s body.txt built/data/indicators.json
chart=$(cd built/data/charts && ls | head -n 1)
check "csv" [ "$(get /data/charts/$chart)" = "200 text/csv; charset=utf-8" ]
check "csv as built" cmp -s body.txt "built/data/charts/$chart"
check "manifest" [ "$(get /manifest.json)" = "200 application/json" ]
check "unknown page is 404" [ "$(get /sq/nothing.html | cut -d' ' -f1)" = 404 ]
check "other host names refused (DNS rebinding)" [ "$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' -H 'Host: evil.example' "$URL")" = 403 ]
check "localhost answered" [ "$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' -H "Host: localhost:1" "$URL")" = 200 ]
check "POST refused" [ "$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' -X POST "$URL")" = 405 ]

# A second preview on the same port stops at once and says why.
start=$(date +%s)
(cd run && timeout 20 "$BIN" preview --input ../in --templates ../tpl --port "$(echo "$URL" | sed 's/.*:\([0-9]*\)\/$/\1/')" >/dev/null 2>../taken.txt)
status=$?
check "port taken: exit 74" [ "$status" -eq 74 ]
check "port taken: says so" grep -qF "error: cannot serve on 127.0.0.1:" taken.txt
check "port taken: at once" [ $(( $(date +%s) - start )) -lt 8 ]

# Listening on 127.0.0.1 only: the port appears in /proc/net/tcp bound to 0100007F, nowhere else.
port=$(printf '%04X' "$(echo "$URL" | sed 's/.*:\([0-9]*\)\/$/\1/')")
check "bound to 127.0.0.1" grep -qE "^ *[0-9]+: 0100007F:$port 00000000:0000 0A" /proc/net/tcp
check "not bound elsewhere" bash -c "! grep -vE '^ *[0-9]+: 0100007F:' /proc/net/tcp /proc/net/tcp6 | grep -qE ':$port [0-9A-F]+:0000 0A'"

# Traversal: nothing outside the built site is ever served.
for path in /../etc/passwd /../../../../etc/passwd /%2e%2e/%2e%2e/%2e%2e/etc/passwd /sq/%2e%2e/%2e%2e/%2e%2e/etc/passwd \
  //etc/passwd /..%2f..%2f..%2fetc%2fpasswd /passwd /etc/passwd /in/passwd /monitoring/notes.txt /monitoring/2016.csv \
  /factsheet.yaml /%252e%252e/etc/passwd "/sq/..\\..\\etc\\passwd"; do
  status=$(get "$path" | cut -d' ' -f1)
  if [ "$status" = 404 ] && ! grep -q 'root:' body.txt; then ok; else fail "traversal $path: $status"; fi
done

# The event stream names the site's version; a later build sends another.
curl -sN --max-time 8 "${URL%/}/__factsheet/events" > events.txt &
EVENTS=$!
sleep 0.5

# A template edited as an editor saves (write a copy, rename it over): the page shows it.
builds_before=$(grep -c 'factsheet: built' err.txt)
cp tpl/en/factsheet.md tpl/en/.factsheet.md.tmp
printf '\nPreview check 4711.\n' >> tpl/en/.factsheet.md.tmp
mv tpl/en/.factsheet.md.tmp tpl/en/factsheet.md
check "edited template shown" wait_for /en/index.html 200 "Preview check 4711."
sleep 0.3
check "one save, one rebuild" [ "$(grep -c 'factsheet: built' err.txt)" -eq $((builds_before + 1)) ]
wait "$EVENTS" 2>/dev/null
check "event stream sent two versions" [ "$(grep -c '^data: ' events.txt)" -ge 2 ]
check "event versions differ" [ "$(grep '^data: ' events.txt | sort -u | wc -l)" -ge 2 ]

# A template removed and written again slowly (an editor that deletes, creates and then writes):
# the half-written file is waited for, so one rebuild and no error page in between.
builds_before=$(grep -c 'factsheet: built' err.txt); errors_before=$(grep -c 'error' err.txt)
cp tpl/en/factsheet.md factsheet.md.saved
rm tpl/en/factsheet.md
{ sleep 0.3; cat factsheet.md.saved; printf 'Written slowly 4712.\n'; } > tpl/en/factsheet.md
check "slow save shown" wait_for /en/index.html 200 "Written slowly 4712."
sleep 0.3
check "slow save, one rebuild" [ "$(grep -c 'factsheet: built' err.txt)" -eq $((builds_before + 1)) ]
check "slow save, no error build" [ "$(grep -c 'error' err.txt)" -eq "$errors_before" ]

# A template renamed away and another renamed into its place 50 ms later (an editor that keeps a
# backup): the gap is waited for, so one rebuild and no error page in between.
builds_before=$(grep -c 'factsheet: built' err.txt); errors_before=$(grep -c 'error' err.txt)
mv tpl/en/factsheet.md tpl/en/factsheet.md.bak
sleep 0.05
{ cat tpl/en/factsheet.md.bak; printf 'Renamed late 4714.\n'; } > tpl/en/.factsheet.md.new
mv tpl/en/.factsheet.md.new tpl/en/factsheet.md
rm tpl/en/factsheet.md.bak
check "late rename shown" wait_for /en/index.html 200 "Renamed late 4714."
sleep 0.3
check "late rename, one rebuild" [ "$(grep -c 'factsheet: built' err.txt)" -eq $((builds_before + 1)) ]
check "late rename, no error build" [ "$(grep -c 'error' err.txt)" -eq "$errors_before" ]

# A CSV broken with markup in a cell: every page shows the located error, escaped, as `check` words it.
cp in/monitoring/2016.csv 2016.csv.good
sed -i '3s/^\([^,]*\),yes,[0-9]*/\1,yes,<i>two<\/i>/' in/monitoring/2016.csv
expected=$(cd run && "$BIN" check --input ../in --templates ../tpl 2>&1 | grep "^error: ../in/monitoring/2016.csv, row 3")
check "check names the error" [ -n "$expected" ]
check "error page shown" wait_for /sq/index.html 500 "1 error"
check "error page located" grep -qF "<strong>../in/monitoring/2016.csv, row 3, column &#39;women_representatives&#39;</strong>: expected a whole number ≥ 0, found &#39;&lt;i&gt;two&lt;/i&gt;&#39;" body.txt
check "error text escaped" bash -c '! grep -qF "<i>two</i>" body.txt'
check "error page words as check" grep -qF -- "$expected" <(sed -e 's/<[^>]*>//g' -e "s/&#39;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' -e 's/&amp;/\&/g' body.txt)
check "error page reloads itself" grep -qF 'new EventSource' body.txt
check "error in the terminal" grep -qF -- "$expected" err.txt
check "other pages show it too" wait_for /en/municipalities/gjilan.html 500 "women_representatives"
check "data files get it as text" [ "$(get /data/indicators.json)" = "500 text/plain; charset=utf-8" ]

# Fixed: the site is back, with the template edit.
cp 2016.csv.good in/monitoring/2016.csv
check "site back after the fix" wait_for /en/index.html 200 "Renamed late 4714."
check "municipal sheet back" wait_for /en/municipalities/gjilan.html 200 "</html>"

check "preview still running" kill -0 "$PID"
stop

# Nothing was written: not in the folder it was started in, the input or the templates
# (besides the test's own edit), and no output folder or lock beside them.
check "start folder empty" [ -z "$(ls -A run)" ]
check "input unchanged" cmp -s <(listing in) in.list
check "input contents unchanged" cmp -s <(sums in) in.sums
check "templates: no new files" cmp -s <(listing tpl | awk '{print $1, $2}') <(awk '{print $1, $2}' tpl.list)
check "no output folder" [ ! -e output ] && [ ! -e run/output ] && [ ! -e .output.lock ]

finish preview
