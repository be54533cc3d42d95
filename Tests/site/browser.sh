#!/usr/bin/env bash
# The shipped site in a real browser: no sideways scrolling on phones, no axe-core violations.
# Installs what it needs (chromium, chromium-driver with apt-get; selenium and
# axe-playwright-python, which carries axe-core 4.12, with pip).
# Usage: Tests/site/browser.sh PATH/TO/factsheet
set -eu
BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SUDO=""; [ "$(id -u)" = "0" ] || SUDO=sudo
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! dpkg -s fonts-dejavu-core >/dev/null 2>&1; then
  echo "browser: installing chromium, chromium-driver and the DejaVu fonts"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver fonts-dejavu-core >/dev/null
fi
if ! python3 -c 'import selenium, axe_playwright_python' 2>/dev/null; then
  echo "browser: installing selenium and axe-playwright-python"
  python3 -m pip install -q selenium axe-playwright-python >/dev/null 2>&1
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$BIN" build --input "$ROOT/input" --templates "$ROOT/Templates" --output "$WORK/site" 2>"$WORK/build.log" || { cat "$WORK/build.log"; exit 1; }
python3 "$ROOT/Tests/site/browser.py" "$WORK/site"
