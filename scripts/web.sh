#!/usr/bin/env bash
# Builds the browser version into dist/: the wasm (size-optimised profile), its JS glue from
# wasm-bindgen, wasm-opt where it can be had, the page and the assets. `web.sh serve` then serves
# it on 127.0.0.1 and prints the address.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/the-way-back/target}"
tools="${THE_WAY_BACK_TOOLS:-$HOME/.cache/the-way-back/tools}"
mkdir -p "$tools"
export PATH="$tools/bin:$tools/node/node_modules/.bin:$PATH"

rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || rustup target add wasm32-unknown-unknown

# wasm-bindgen's CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "web: installing wasm-bindgen-cli $want"
  cargo install wasm-bindgen-cli --version "=$want" --root "$tools" --quiet
fi
# wasm-opt from the npm package (Debian's binaryen is too old for Rust's wasm).
if ! command -v wasm-opt >/dev/null 2>&1 || ! wasm-opt --version >/dev/null 2>&1; then
  echo "web: installing binaryen (wasm-opt) from npm"
  npm install --silent --prefix "$tools/node" binaryen@132.0.0 >/dev/null 2>&1 || echo "web: no wasm-opt; the wasm stays unoptimised"
fi

echo "web: building the wasm (profile web-release)"
cargo build --profile web-release --target wasm32-unknown-unknown --bin the-way-back
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/web-release/the-way-back.wasm"

rm -rf dist && mkdir -p dist
wasm-bindgen --target web --no-typescript --out-dir dist --out-name the-way-back "$wasm"
if command -v wasm-opt >/dev/null 2>&1; then
  echo "web: wasm-opt -Oz"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    dist/the-way-back_bg.wasm -o dist/the-way-back_bg.opt.wasm
  mv dist/the-way-back_bg.opt.wasm dist/the-way-back_bg.wasm
fi
cp web/index.html dist/
cp -r assets dist/
# Precompressed beside each file, for hosts that serve `.br` or `.gz` when the browser accepts
# them; each is checked to unpack to the very bytes it stands for. The `.gz` comes from GNU gzip,
# not Node: Node's zlib (Chromium's fork) packs this wasm 1 % worse at the same level.
for file in dist/the-way-back_bg.wasm dist/the-way-back.js; do
  gzip -9 --no-name --stdout "$file" >"$file.gz"
done
node - dist/the-way-back_bg.wasm dist/the-way-back.js <<'JS'
const fs = require("fs"), zlib = require("zlib");
for (const file of process.argv.slice(2)) {
  const body = fs.readFileSync(file);
  const br = zlib.brotliCompressSync(body, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  if (!zlib.brotliDecompressSync(br).equals(body) || !zlib.gunzipSync(fs.readFileSync(`${file}.gz`)).equals(body)) {
    console.error(`web: ${file} does not unpack to itself`);
    process.exit(1);
  }
  fs.writeFileSync(`${file}.br`, br);
}
JS
raw=$(stat -c %s dist/the-way-back_bg.wasm)
gz=$(stat -c %s dist/the-way-back_bg.wasm.gz)
br=$(stat -c %s dist/the-way-back_bg.wasm.br)
echo "web: wasm $((raw / 1024)) KiB raw, $((gz / 1024)) KiB gzipped, $((br / 1024)) KiB brotli"

if [ "${1:-}" = "serve" ]; then
  port="${PORT:-8080}"
  echo "web: serving on http://127.0.0.1:$port/ (Ctrl-C to stop)"
  exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
fi
