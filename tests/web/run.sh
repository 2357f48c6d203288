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
(cd tests/web && npm install --silent --no-package-lock)
# The web build starts with seed 1; the native headless run with seed 1 must draw the same Camp.
hash=$(cargo run --quiet --no-default-features -- --headless --seed 1 --autoplay --max-days 0 --report json |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["stages"][0]["map_hash"])')
node tests/web/browser_test.mjs dist screenshots/web "$hash"
