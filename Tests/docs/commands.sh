#!/usr/bin/env bash
# Every command of the README and the guide, run as written: each line of every ```sh block of
# README.md and docs/*.md (or of the Markdown files named after the binary) runs in a scratch copy
# of the repository (input/, Templates/, the Makefile, scripts/), one copy per page, the blocks of
# a page in order, as a reader following the page would run them. `.build/release/factsheet` in
# the copy is a link to the binary under test (and factsheet-preview to the one beside it), so
# `make` and `.build/release/factsheet …` both run it; SWIFT=true makes the Makefile's
# `swift build` (which its targets always run, to let SwiftPM decide) do nothing, as it would on an
# up-to-date tree, instead of compiling a release build in the copy.
#
# A command must exit 0, or the code its trailing comment names (`# exit code 65`). HTML comments
# just above a block (invisible on the rendered page) say more:
#   <!-- expect: PATH -->       PATH exists in the copy after the block (one comment per path)
#   <!-- prints: TEXT -->       the block's stdout or stderr contains TEXT
#   <!-- serves: /PATH -->      the block's one command serves until stopped: it is started, PATH is
#                               fetched from the address it prints (HTTP 200), then it gets Ctrl-C
#   <!-- dry run: REASON -->    every line is `make TARGET`, run as `make -n TARGET` (the target
#                               exists and its commands expand), reported with REASON
#   <!-- not run: REASON -->    the block is skipped and reported with REASON
# Blocks fenced as bash, shell or console fail: commands belong in ```sh blocks, where they are run.
# Usage: Tests/docs/commands.sh PATH/TO/factsheet [FILE.md ...]
set -u
BIN=$(realpath "$1"); shift
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
if [ $# -eq 0 ]; then set -- "$ROOT/README.md" "$ROOT"/docs/*.md; fi
WORK=$(mktemp -d)
export SWIFT=true
trap 'rm -rf "$WORK"' EXIT
ran=0 dry=0 skipped=0 failed=0
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

scratch() { # a fresh copy of the repository in $1
  mkdir -p "$1/.build/release" "$1/Sources"
  cp -r "$ROOT/input" "$ROOT/Templates" "$ROOT/scripts" "$ROOT/Makefile" "$1/"
  cp "$ROOT/Package.swift" "$1/" && touch -d 2000-01-01 "$1/Package.swift"
  ln -s "$BIN" "$1/.build/release/factsheet"
  [ -x "$(dirname "$BIN")/factsheet-preview" ] && ln -s "$(dirname "$BIN")/factsheet-preview" "$1/.build/release/factsheet-preview"
  return 0
}

serve() { # $1 dir, $2 command, $3 path to fetch, $4 where: start, fetch, stop with Ctrl-C
  local dir=$1 command=$2 path=$3 where=$4 out="$WORK/serve.out" address="" status
  (cd "$dir" && exec setsid bash -c "$command" >"$out" 2>"$out.err") &
  local pid=$!
  for _ in $(seq 1 600); do
    address=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$out" 2>/dev/null | head -1)
    [ -n "$address" ] || ! kill -0 $pid 2>/dev/null && break
    sleep 0.1
  done
  if [ -z "$address" ]; then
    fail "$where: \`$command\` printed no address"; cat "$out" "$out.err"
  else
    status=$(curl -s -o "$WORK/page" -w '%{http_code}' "${address%/}$path")
    if [ "$status" = 200 ]; then ran=$((ran + 1)); echo "ran: $command (served ${address%/}$path, then Ctrl-C)"
    else fail "$where: \`$command\`: GET $path answered $status"; fi
  fi
  kill -INT -- -$pid 2>/dev/null; wait $pid 2>/dev/null
  cat "$out" "$out.err" >>"$WORK/block.out"
}

run_block() { # $1 file, $2 line of the fence, $3 dir; markers in $markers, commands in $commands
  local file=$1 at=$2 dir=$3 where="$(basename "$1"):$2" line expected status reason
  : >"$WORK/block.out"
  reason=$(sed -n 's/^not run: //p' <<<"$markers" | head -1)
  if [ -n "$reason" ]; then
    while IFS= read -r line; do
      [ -n "$line" ] && { skipped=$((skipped + 1)); echo "skipped: $line ($where: $reason)"; }
    done <<<"$commands"
    return
  fi
  local dry_reason; dry_reason=$(sed -n 's/^dry run: //p' <<<"$markers" | head -1)
  local served; served=$(sed -n 's/^serves: //p' <<<"$markers" | head -1)
  if [ -n "$served" ] && [ "$(grep -c . <<<"$commands")" -ne 1 ]; then
    fail "$where: a block that serves must hold exactly one command"; return
  fi
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    if [ -n "$served" ]; then serve "$dir" "$line" "$served" "$where"; continue; fi
    expected=0
    [[ $line =~ \#.*exit\ code\ ([0-9]+) ]] && expected=${BASH_REMATCH[1]}
    if [ -n "$dry_reason" ]; then
      if [[ ! $line =~ ^make\ [a-z] ]]; then fail "$where: \`$line\` in a dry-run block is not \`make TARGET\`"; continue; fi
      (cd "$dir" && timeout 120 bash -c "make -n ${line#make }") >>"$WORK/block.out" 2>&1; status=$?
      if [ $status -eq 0 ]; then dry=$((dry + 1)); echo "dry run: $line (make -n; $dry_reason)"
      else fail "$where: \`make -n ${line#make }\` exit $status"; tail -5 "$WORK/block.out"; fi
      continue
    fi
    (cd "$dir" && timeout 600 bash -c "$line") >>"$WORK/block.out" 2>&1 </dev/null; status=$?
    if [ $status -eq "$expected" ]; then ran=$((ran + 1)); echo "ran: $line"
    else fail "$where: \`$line\` exit $status, expected $expected"; tail -5 "$WORK/block.out"; fi
  done <<<"$commands"
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    if [ -e "$dir/$line" ]; then ran=$((ran + 1)); echo "found: $line"; else fail "$where: $line was not made"; fi
  done < <(sed -n 's/^expect: //p' <<<"$markers")
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    if grep -qF -- "$line" "$WORK/block.out"; then ran=$((ran + 1)); echo "printed: $line"
    else fail "$where: did not print: $line"; tail -5 "$WORK/block.out"; fi
  done < <(sed -n 's/^prints: //p' <<<"$markers")
}

for file in "$@"; do
  [ -f "$file" ] || { fail "$file: no such file"; continue; }
  dir="$WORK/repo-$(basename "$file" .md)"
  rm -rf "$dir"; scratch "$dir"
  echo "== $file"
  markers="" commands="" infence=0 number=0 start=0
  while IFS= read -r text || [ -n "$text" ]; do
    number=$((number + 1))
    if [ $infence -eq 1 ]; then
      if [[ $text =~ ^\`\`\`[[:space:]]*$ ]]; then
        run_block "$file" "$start" "$dir"; infence=0 markers="" commands=""
      elif [[ ! $text =~ ^[[:space:]]*(#|$) ]]; then
        commands+="$(sed 's/^[[:space:]]*//' <<<"$text")"$'\n'
      fi
    elif [[ $text =~ ^\`\`\`sh[[:space:]]*$ ]]; then
      infence=1 start=$number
    elif [[ $text =~ ^\`\`\`(bash|shell|console|shell-session) ]]; then
      fail "$(basename "$file"):$number: a \`\`\`${BASH_REMATCH[1]} block: commands go in \`\`\`sh blocks, which are run"
    elif marker=$(sed -nE 's/^<!-- (not run|dry run|expect|prints|serves): (.*) -->[[:space:]]*$/\1: \2/p' <<<"$text") && [ -n "$marker" ]; then
      markers+="$marker"$'\n'
    elif [[ -n $text ]]; then
      markers=""
    fi
  done <"$file"
  [ $infence -eq 1 ] && fail "$(basename "$file"):$start: a \`\`\`sh block that never ends"
done

echo "docs commands: $ran ran or checked, $dry dry runs, $skipped skipped, $failed failed"
[ $((ran + dry)) -gt 0 ] || { echo "FAIL: no command found"; exit 1; }
[ $failed -eq 0 ]
