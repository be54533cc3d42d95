#!/usr/bin/env bash
# Seeds the fuzz corpus with the shipped files, one per target (first byte = target).
set -eu
out=$1; root=$(cd "$(dirname "$0")/.." && pwd)
{ printf '\x00'; cat "$root/input/monitoring/2017.csv"; } > "$out/seed-monitoring"
{ printf '\x01'; cat "$root/input/factsheet.yaml"; } > "$out/seed-configuration"
{ printf '\x02'; cat "$root/input/census.csv"; } > "$out/seed-census"
{ printf '\x03'; sed -n 2p "$root/input/municipalities.csv"; } > "$out/seed-escaping"
# Whole builds: the bytes only choose among the edition generator's options.
printf '\x04\x05seed-of-a-whole-build' > "$out/seed-build"
