#!/usr/bin/env bash
# Installs what building and testing the game needs on Debian or Ubuntu: the system libraries
# Bevy links against, Xvfb and software Vulkan for the desktop test, and the Rust toolchain's
# pieces. Installs only what is missing; needs root or sudo for apt.
set -euo pipefail

packages=(pkg-config libasound2-dev libudev-dev libwayland-dev libxkbcommon-dev
          xvfb mesa-vulkan-drivers xdotool x11-apps imagemagick python3)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! command -v cargo >/dev/null; then
  echo "setup: cargo not found; install Rust with rustup (https://rustup.rs) and run again" >&2
  exit 1
fi
# `make lint` checks formatting and lints: rustfmt and clippy come with rustup's default profile,
# but a minimal toolchain lacks them.
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    echo "setup: adding the $component component"
    rustup component add "$component"
  fi
done
