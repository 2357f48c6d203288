# The Way Back: set up, play, test. Each target installs what it is missing first.

CARGO_TARGET_DIR ?= $(HOME)/.cache/the-way-back/target
export CARGO_TARGET_DIR
BIN := $(CARGO_TARGET_DIR)/debug/the-way-back
SEED ?= 7

.PHONY: setup play test headless

setup:
	@bash scripts/setup.sh

## Build and play the game in a window.
play: setup
	cargo run -- $(ARGS)

## Everything CI checks: the headless simulation's tests, the windowed game's build, and the
## real game played under Xvfb.
test: setup
	cargo test --no-default-features
	cargo build
	bash tests/desktop/smoke.sh $(BIN) screenshots/desktop

## A whole journey with no window, reported as JSON.
headless:
	cargo run --no-default-features -- --headless --seed $(SEED) --autoplay --report json
