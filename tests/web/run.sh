#!/usr/bin/env bash
# Runs the browser test against dist/: installs Debian's Chromium and playwright-core if missing,
# and checks the browser's map against the native build's for the same seed.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/the-way-back/target}"
if [ ! -x /usr/bin/chromium ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
# The download is held to issue 16's budget: 15 MiB of wasm, 4.5 MiB of it gzipped.
raw=$(stat -c %s dist/the-way-back_bg.wasm)
gz=$(stat -c %s dist/the-way-back_bg.wasm.gz)
echo "web: the wasm is $((raw / 1024)) KiB, $((gz / 1024)) KiB gzipped"
if [ "$raw" -gt $((15 * 1024 * 1024)) ] || [ "$gz" -gt $((9 * 512 * 1024)) ]; then
  echo "FAIL: the wasm is over its budget of 15 MiB (15360 KiB) raw and 4.5 MiB (4608 KiB) gzipped"
  exit 1
fi
(cd tests/web && npm install --silent --no-package-lock)
# The web build starts with seed 1; the native headless run with seed 1 must draw the same Camp.
mkdir -p screenshots/web
cargo run --quiet --no-default-features -- --headless --seed 1 --autoplay --report json >screenshots/web/report-seed1.json
hash=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["stages"][0]["map_hash"])' <screenshots/web/report-seed1.json)
# The windowed binary's --headless journey (written by the desktop test, when it ran first) is
# the very journey the headless build plays: both run every schedule on one thread.
window=screenshots/desktop/report-seed1.json
if [ -s "$window" ] && ! cmp -s "$window" screenshots/web/report-seed1.json; then
  echo "FAIL: the windowed binary's headless journey differs from the headless build's for seed 1"
  exit 1
fi
node tests/web/browser_test.mjs dist screenshots/web "$hash"
