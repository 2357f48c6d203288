# The Way Back: set up, play, test. Each target installs what it is missing first.

CARGO_TARGET_DIR ?= $(HOME)/.cache/the-way-back/target
export CARGO_TARGET_DIR
BIN := $(CARGO_TARGET_DIR)/debug/the-way-back
SEED ?= 7

.PHONY: setup play test lint headless web test-web playthrough

setup:
	@bash scripts/setup.sh

## Build and play the game in a window.
play: setup
	cargo run -- $(ARGS)

## Everything CI checks: formatting and lints of both builds, the headless simulation's tests,
## the windowed game's build and its own unit tests (saves, settings), the stand-in `inventory`'s test, the real game played under Xvfb, and the browser build played in
## headless Chromium.
test: setup lint
	cargo test --no-default-features
	cargo test --manifest-path patches/inventory/Cargo.toml
	cargo build
	cargo test --lib
	bash tests/desktop/smoke.sh $(BIN) screenshots/desktop
	bash scripts/web.sh
	bash tests/web/run.sh

## Formatting, and clippy with warnings as errors, for the headless and the windowed build.
lint: setup
	cargo fmt --check
	cargo clippy --no-default-features --all-targets -- -D warnings
	cargo clippy --all-targets -- -D warnings

## A whole journey with no window, reported as JSON.
headless:
	cargo run --no-default-features -- --headless --seed $(SEED) --autoplay --report json

## Build the browser version and serve it on 127.0.0.1 (prints the address).
web: setup
	bash scripts/web.sh serve

## The browser version in headless Chromium: builds it, then plays it.
test-web: setup
	bash scripts/web.sh
	bash tests/web/run.sh

## A whole journey to India under Xvfb, screenshots of every stage in screenshots/playthrough/.
playthrough: setup
	cargo build
	xvfb-run -a -s "-screen 0 1280x720x24" env THE_WAY_BACK_SAVE_DIR=$$(mktemp -d) \
		$(BIN) --seed $(SEED) --speed 2 --replay tests/desktop/india.replay --replay-out screenshots/playthrough
