#!/usr/bin/env bash
# Plays the real game in a window under Xvfb (software Vulkan): starts a journey from the title
# with a key press as a player would, lets the autoplayer walk, takes screenshots, and checks
# that they are not blank, that the title and the stage differ, and that the stage changed.
set -euo pipefail

bin=${1:?usage: smoke.sh path/to/the-way-back [out-dir]}
out=${2:-screenshots/desktop}
mkdir -p "$out"
# The X server picks a free display itself and says which (-displayfd): no races with others.
Xvfb -displayfd 3 -screen 0 1280x720x24 -nolisten tcp 3>"$out/display" >"$out/xvfb.log" 2>&1 &
xvfb=$!
game=""
cleanup() {
  [ -n "$game" ] && kill "$game" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 100); do [ -s "$out/display" ] && break; sleep 0.1; done
display=":$(head -1 "$out/display" | tr -dc 0-9)"
export DISPLAY=$display WGPU_BACKEND=vulkan
for _ in $(seq 100); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.2; done
xdpyinfo >/dev/null 2>&1 || { echo "FAIL: Xvfb did not start"; cat "$out/xvfb.log"; exit 1; }
echo "Xvfb on $display"

shot() { xwd -root -silent | convert xwd:- "$out/$1.png"; }
colours() { identify -format '%k' "$out/$1.png"; }

start_game() {
  RUST_LOG=info "$bin" --seed 7 --autoplay >"$out/game.log" 2>&1 &
  game=$!
  wid=""
  for _ in $(seq 120); do
    wid=$(xdotool search --name '^The Way Back$' 2>/dev/null | head -1 || true)
    [ -n "$wid" ] && return 0
    kill -0 "$game" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}
# Wait for the window, then for the title to be drawn. A game that could not reach the display
# at all is started once more before the test gives up.
if ! start_game; then
  echo "the game did not open a window; once more"; tail -5 "$out/game.log"
  kill "$game" 2>/dev/null || true
  start_game || { echo "FAIL: no game window"; cat "$out/game.log"; exit 1; }
fi
sleep 6
shot title
xdotool windowfocus --sync "$wid" 2>/dev/null || true
xdotool key --window "$wid" Return
sleep 1
xdotool key Return
# Walk through the camp and into the taiga.
for _ in $(seq 150); do
  grep -q "entered stage Taiga" "$out/game.log" && break
  sleep 1
done
sleep 4
shot stage

fail=0
grep -q "entered stage Camp" "$out/game.log" || { echo "FAIL: the journey never started"; fail=1; }
grep -q "entered stage Taiga" "$out/game.log" || { echo "FAIL: the group never left the camp"; fail=1; }
for s in title stage; do
  n=$(colours "$s")
  echo "$s.png: $n colours"
  [ "$n" -gt 200 ] || { echo "FAIL: $s.png looks blank"; fail=1; }
done
diff=$(compare -metric AE "$out/title.png" "$out/stage.png" null: 2>&1 || true)
echo "title vs stage: $diff pixels differ"
[ "${diff%% *}" != "0" ] || { echo "FAIL: the screen did not change"; fail=1; }
if grep -q "panicked" "$out/game.log"; then echo "FAIL: the game panicked"; fail=1; fi
if grep "ERROR" "$out/game.log"; then echo "FAIL: the game logged errors"; fail=1; fi
kill -0 "$game" 2>/dev/null || { echo "FAIL: the game is no longer running"; fail=1; }

# The same journey's start replayed from a script inside the game (keys, waits, screenshots
# taken by the game itself): the prologue answered by number keys, then into the taiga.
kill "$game" 2>/dev/null || true
game=""
replay="$out/replay"
rm -rf "$replay"
if RUST_LOG=info THE_WAY_BACK_SAVE_DIR="$out/saves" timeout 600 "$bin" --seed 11 --speed 4 \
    --replay "$(dirname "$0")/journey.replay" --replay-out "$replay" >"$out/replay.log" 2>&1; then
  for s in title prologue camp taiga; do
    if [ ! -s "$replay/$s.png" ]; then echo "FAIL: the replay took no $s screenshot"; fail=1; continue; fi
    n=$(identify -format '%k' "$replay/$s.png")
    echo "replay $s.png: $n colours"
    [ "$n" -gt 200 ] || { echo "FAIL: replay $s.png looks blank"; fail=1; }
  done
  grep -q "story: the_prisoners" "$out/replay.log" || { echo "FAIL: the replayed keys did not answer the prologue"; fail=1; }
  grep -q "entered stage Taiga" "$out/replay.log" || { echo "FAIL: the replay never reached the taiga"; fail=1; }
  if [ -s "$replay/title.png" ] && [ -s "$replay/taiga.png" ]; then
    d=$(compare -metric AE "$replay/title.png" "$replay/taiga.png" null: 2>&1 || true)
    [ "${d%% *}" != "0" ] || { echo "FAIL: the replay's screens did not change"; fail=1; }
  fi
else
  echo "FAIL: the replay did not finish cleanly"; tail -20 "$out/replay.log"; fail=1
fi
if grep -q "panicked" "$out/replay.log"; then echo "FAIL: the replayed game panicked"; fail=1; fi

[ $fail -eq 0 ] && echo "desktop smoke test: 1 passed, 0 failed" || { echo "desktop smoke test: 0 passed, 1 failed"; tail -30 "$out/game.log"; }
exit $fail
