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
# The screenshots a replay (named $1) took in $2 exist and are not blank.
check_shots() {
  local what=$1 dir=$2 s n
  shift 2
  for s in "$@"; do
    if [ ! -s "$dir/$s.png" ]; then echo "FAIL: the $what took no $s screenshot"; fail=1; continue; fi
    n=$(identify -format '%k' "$dir/$s.png")
    echo "$what $s.png: $n colours"
    [ "$n" -gt 200 ] || { echo "FAIL: $what $s.png looks blank"; fail=1; }
  done
}

rm -rf "$out/saves-first"
start_game() {
  RUST_LOG=info THE_WAY_BACK_SAVE_DIR="$out/saves-first" "$bin" --seed 7 --autoplay >"$out/game.log" 2>&1 &
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
  echo "the game did not open a window; once more"
  # Kept, with what it died of, so that a failing first start can be told apart from a slow one.
  cp "$out/game.log" "$out/game-first-try.log"
  grep -m1 -A3 "panicked" "$out/game.log" || tail -5 "$out/game.log"
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
rm -rf "$replay" "$out/saves"
if RUST_LOG=info THE_WAY_BACK_SAVE_DIR="$out/saves" timeout 600 "$bin" --seed 11 --speed 4 \
    --replay "$(dirname "$0")/journey.replay" --replay-out "$replay" >"$out/replay.log" 2>&1; then
  check_shots "replay" "$replay" title prologue camp escape taiga journal journal-back after-journal
  grep -q "opened the Journal page" "$out/replay.log" || { echo "FAIL: J did not open the journal"; fail=1; }
  grep -q "closed the Journal page" "$out/replay.log" || { echo "FAIL: Escape did not close the journal"; fail=1; }
  grep -q "story: the_prisoners" "$out/replay.log" || { echo "FAIL: the replayed keys did not answer the prologue"; fail=1; }
  grep -q "entered stage Taiga" "$out/replay.log" || { echo "FAIL: the replay never reached the taiga"; fail=1; }
  # A replayed script is a trial, not the player's journey: it saves nothing.
  [ -e "$out/saves/journey.ron" ] && { echo "FAIL: a replay saved a journey"; fail=1; }
  if [ -s "$replay/title.png" ] && [ -s "$replay/taiga.png" ]; then
    d=$(compare -metric AE "$replay/title.png" "$replay/taiga.png" null: 2>&1 || true)
    [ "${d%% *}" != "0" ] || { echo "FAIL: the replay's screens did not change"; fail=1; }
  fi
else
  echo "FAIL: the replay did not finish cleanly"; tail -20 "$out/replay.log"; fail=1
fi
if grep -q "panicked" "$out/replay.log"; then echo "FAIL: the replayed game panicked"; fail=1; fi

# The march: days pass on the route, the group goes down onto the ground and back up.
march="$out/march"
rm -rf "$march"
if RUST_LOG=info THE_WAY_BACK_SAVE_DIR="$out/march-saves" timeout 300 "$bin" --seed 3 --stage border \
    --replay "$(dirname "$0")/march.replay" --replay-out "$march" >"$out/march.log" 2>&1; then
  check_shots "march replay" "$march" march-start march ground march-again
  days=$(grep -o "march: day [0-9]*" "$out/march.log" | sort -u | wc -l)
  echo "days seen on the march: $days"
  [ "$days" -ge 2 ] || { echo "FAIL: no days passed on the march"; fail=1; }
  grep -q "the group is on half rations" "$out/march.log" || { echo "FAIL: V did not set half rations"; fail=1; }
  grep -q "went down off the route" "$out/march.log" || { echo "FAIL: H did not take the group down"; fail=1; }
  grep -q "went back up to the march" "$out/march.log" || { echo "FAIL: H did not take the group back up"; fail=1; }
  if [ -s "$march/march.png" ] && [ -s "$march/ground.png" ]; then
    d=$(compare -metric AE "$march/march.png" "$march/ground.png" null: 2>&1 || true)
    [ "${d%% *}" != "0" ] || { echo "FAIL: the ground looked like the march"; fail=1; }
  fi
else
  echo "FAIL: the march replay did not finish cleanly"; tail -20 "$out/march.log"; fail=1
fi
if grep -q "panicked" "$out/march.log"; then echo "FAIL: the game panicked on the march"; fail=1; fi

# Settings as a player changes them, kept in the settings file; the sound heard meanwhile is
# caught by ALSA's file plugin (the machine has no sound card) and must not be silence.
saves="$out/settings-saves"
rm -rf "$saves" "$out/settings"
audio="$out/audio.raw"
cat >"$out/asound.conf" <<ALSA
pcm.nullsink { type null }
pcm.!default { type file slave.pcm "nullsink" file "$audio" format "raw" }
ALSA
if ALSA_CONFIG_PATH="$out/asound.conf" RUST_LOG=info THE_WAY_BACK_SAVE_DIR="$saves" timeout 300 "$bin" --seed 3 --save \
    --replay "$(dirname "$0")/settings.replay" --replay-out "$out/settings" >"$out/settings.log" 2>&1; then
  grep -q "master: 0.6," "$saves/settings.ron" || { echo "FAIL: the master volume was not kept"; fail=1; }
  grep -q "music: 0.8," "$saves/settings.ron" || { echo "FAIL: the music volume was not kept"; fail=1; }
  grep -q 'GatherWood: "KeyT"' "$saves/settings.ron" || { echo "FAIL: the new key for gathering wood was not kept"; fail=1; }
  [ -s "$saves/journey.ron" ] || { echo "FAIL: the journey was not saved on entering the camp"; fail=1; }
  if grep -q "Failed to setup audio" "$out/settings.log"; then
    echo "FAIL: no sound output"; fail=1
  else
    python3 - "$audio" <<'PY' || fail=1
import array, sys
raw = open(sys.argv[1], "rb").read()
samples = array.array("f", raw[: len(raw) // 4 * 4])
step = max(1, len(samples) // 200000)
sub = samples[::step]
loud = max((abs(x) for x in sub), default=0.0)
heard = sum(1 for x in sub if abs(x) > 1e-4) / max(1, len(sub))
print(f"sound: {len(raw) // 1024} KiB written, peak {loud:.3f}, {heard:.0%} of samples not silent")
if not (loud > 0.01 and heard > 0.2):
    print("FAIL: the game was silent")
    sys.exit(1)
PY
  fi
  rm -f "$audio"
else
  echo "FAIL: the settings replay did not finish cleanly"; tail -20 "$out/settings.log"; fail=1
fi
if grep -q "panicked" "$out/settings.log"; then echo "FAIL: the game panicked in the settings"; fail=1; fi
# A replay script that asks for the impossible is refused with its line, exit code 2, before any
# window opens: a wait that never ends, a mistyped limit, a folder given as the script.
printf 'wait 2\nwait inf\n' >"$out/inf.replay"
printf 'until stage Taiga 6O\n' >"$out/typo.replay"
mkdir -p "$out/folder.replay"
for script in inf:2 typo:1 folder:0; do
  name=${script%%:*}; line=${script##*:}
  code=0
  timeout 60 "$bin" --replay "$out/$name.replay" >"$out/bad-$name.log" 2>&1 || code=$?
  if [ "$code" != 2 ]; then
    echo "FAIL: the $name replay script gave exit code $code, not 2"; fail=1
  elif [ "$line" != 0 ] && ! grep -q "$name.replay:$line: seconds expected" "$out/bad-$name.log"; then
    echo "FAIL: the $name replay script's error does not name line $line"; cat "$out/bad-$name.log"; fail=1
  elif [ "$line" = 0 ] && ! grep -q "is not a regular file" "$out/bad-$name.log"; then
    echo "FAIL: a folder given as a replay script is not told for what it is"; cat "$out/bad-$name.log"; fail=1
  fi
done
# A damaged settings file: the game starts with the defaults, says so, keeps the file aside,
# and leaves the saved journey alone.
echo "this is not ( a settings file" >"$saves/settings.ron"
printf 'wait 4\nshot title\nquit\n' >"$out/title.replay"
if RUST_LOG=info THE_WAY_BACK_SAVE_DIR="$saves" timeout 120 "$bin" --replay "$out/title.replay" \
    --replay-out "$out/damaged" >"$out/damaged.log" 2>&1; then
  grep -q "the settings could not be read" "$out/damaged.log" || { echo "FAIL: a damaged settings file was not reported"; fail=1; }
  grep -q "this is not" "$saves/settings.unreadable-1.ron" 2>/dev/null || { echo "FAIL: the damaged settings were not kept aside"; fail=1; }
  [ -s "$saves/journey.ron" ] || { echo "FAIL: the saved journey was lost"; fail=1; }
else
  echo "FAIL: the game did not start with a damaged settings file"; tail -20 "$out/damaged.log"; fail=1
fi

# New journeys from the title: fresh seeds differ; a typed seed is the same journey twice.
seeds="$out/seeds"
rm -rf "$seeds"
if RUST_LOG=info THE_WAY_BACK_SAVE_DIR="$out/seeds-saves" timeout 600 "$bin" \
    --replay "$(dirname "$0")/seeds.replay" --replay-out "$seeds" >"$out/seeds.log" 2>&1; then
  check_shots "seeds replay" "$seeds" seed seed-paused
  mapfile -t started < <(grep -o "a new journey: seed [0-9]*" "$out/seeds.log" | grep -o "[0-9]*$")
  mapfile -t maps < <(grep -o "entered stage Camp on day 1 (map [0-9a-f]*)" "$out/seeds.log" | grep -o "[0-9a-f]\{16\}")
  echo "new journeys' seeds: ${started[*]}; their Camp maps: ${maps[*]}"
  if [ "${#started[@]}" != 4 ] || [ "${#maps[@]}" != 4 ]; then
    echo "FAIL: four journeys were not started from the title"; fail=1
  else
    [ "${started[0]}" != "${started[1]}" ] || { echo "FAIL: two new journeys had the same seed"; fail=1; }
    [ "${maps[0]}" != "${maps[1]}" ] || { echo "FAIL: two new journeys walked the same Camp"; fail=1; }
    [ "${started[2]}" = 4242 ] && [ "${started[3]}" = 4242 ] || { echo "FAIL: the typed seed was not used"; fail=1; }
    [ "${maps[2]}" = "${maps[3]}" ] || { echo "FAIL: the same typed seed made different maps"; fail=1; }
  fi
else
  echo "FAIL: the seeds replay did not finish cleanly"; tail -20 "$out/seeds.log"; fail=1
fi
if grep -q "panicked" "$out/seeds.log"; then echo "FAIL: the game panicked choosing seeds"; fail=1; fi

# The difficulty and the hall of fame: D on the title goes round the settings and the settings
# file keeps the choice; a journey (the last stage, kept as a real one with --save) ends in its
# chronicle with a score, is entered in the hall's file, and H on the title shows it.
hall="$out/hall"
rm -rf "$hall" "$out/hall-saves"
if RUST_LOG=info THE_WAY_BACK_SAVE_DIR="$out/hall-saves" timeout 600 "$bin" --seed 11 --stage epilogue --save \
    --speed 8 --replay "$(dirname "$0")/hall.replay" --replay-out "$hall" >"$out/hall.log" 2>&1; then
  check_shots "hall replay" "$hall" title-difficulty hall-empty chronicle-score hall
  grep -q "a new journey: seed 11, difficulty story" "$out/hall.log" || { echo "FAIL: the journey did not start at the difficulty chosen"; fail=1; }
  grep -q "difficulty: Story" "$out/hall-saves/settings.ron" 2>/dev/null || { echo "FAIL: the settings did not keep the difficulty"; fail=1; }
  grep -q "seed: 11" "$out/hall-saves/hall_of_fame.ron" 2>/dev/null || { echo "FAIL: the journey was not entered in the hall of fame"; fail=1; }
  grep -o "hall of fame: score [0-9]*, place Some(1) of 1" "$out/hall.log" || { echo "FAIL: the chronicle did not give the journey its place"; fail=1; }
  grep -q "title: the hall of fame, 1 journeys" "$out/hall.log" || { echo "FAIL: the title's hall did not show the journey"; fail=1; }
else
  echo "FAIL: the hall replay did not finish cleanly"; tail -20 "$out/hall.log"; fail=1
fi
if grep -q "panicked" "$out/hall.log"; then echo "FAIL: the game panicked in the hall replay"; fail=1; fi

# The windowed binary's headless journey, for tests/web/run.sh to compare with the headless
# build's (the same seed must be the same journey in both).
"$bin" --headless --seed 1 --autoplay --report json >"$out/report-seed1.json" || { echo "FAIL: the windowed binary's --headless run failed"; fail=1; }

# Saved journeys that cannot be used, a disk that is full, a benchmark beside a saved journey:
# each in a save folder of its own, each told on the title or in the journey, and nothing lost.
if [ -s "$saves/journey.ron" ]; then
  bash "$(dirname "$0")/saves.sh" "$bin" "$out/save-cases" "$saves/journey.ron" || fail=1
else
  echo "FAIL: no saved journey to try the save cases with"; fail=1
fi

[ $fail -eq 0 ] && echo "desktop smoke test: 1 passed, 0 failed" || { echo "desktop smoke test: 0 passed, 1 failed"; tail -30 "$out/game.log"; }
exit $fail
