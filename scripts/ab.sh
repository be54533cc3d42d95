#!/usr/bin/env bash
# Compares two builds of `factsheet` on one edition, alternating runs so that the shared
# machine's drift hits both alike; prints median and best wall and CPU time of each.
#   scripts/ab.sh OLD-BINARY NEW-BINARY EDITION-FOLDER [RUNS]
# An edition of 10,000 municipalities: .build/release/factsheet-bench --child 10000 --work DIR
# writes one into DIR/edition (and builds it once). A_TEMPLATES and B_TEMPLATES give each binary
# its own templates folder (an older binary may not read today's); both default to Templates/.
set -eu
a=$1 b=$2 edition=$3 runs=${4:-5}
templates=$(cd "$(dirname "$0")/.." && pwd)/Templates
a_templates=${A_TEMPLATES:-$templates} b_templates=${B_TEMPLATES:-$templates}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for _ in $(seq "$runs"); do
  for side in A B; do
    bin=$a tpl=$a_templates; [ "$side" = B ] && bin=$b tpl=$b_templates
    rm -rf "$out/$side"
    /usr/bin/time -f "$side %e %U %S %M" "$bin" build --input "$edition" --templates "$tpl" --output "$out/$side" 2>&1 >/dev/null | tail -1
    echo "$side pages $(find "$out/$side" -name '*.html' | wc -l)"
  done
done | python3 -c '
import sys, statistics as s
runs = {}
pages = {}
for line in sys.stdin:
    parts = line.split()
    if len(parts) == 3 and parts[1] == "pages": pages[parts[0]] = int(parts[2])
    elif len(parts) == 5: runs.setdefault(parts[0], []).append([float(x) for x in parts[1:]])
for side, r in sorted(runs.items()):
    wall = [x[0] for x in r]; cpu = [x[1] + x[2] for x in r]
    rate = f", {pages[side] / s.median(wall):,.0f} pages/s ({pages[side]} pages)" if side in pages else ""
    print(f"{side}: wall median {s.median(wall):.2f} s (best {min(wall):.2f}), CPU median {s.median(cpu):.2f} s (best {min(cpu):.2f}), peak {max(x[3] for x in r) / 1024:.0f} MB{rate}")'
