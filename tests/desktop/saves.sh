#!/usr/bin/env bash
# The saved journey in the real game (under the X server smoke.sh started): a damaged save, one
# with a bad byte, one from a newer version, a full disk, and a benchmark run beside a saved
# journey. Each case has a save folder of its own; each checks what the player is told (the
# game's log, screenshots the game takes) and that no saved text is lost.
# Usage: saves.sh path/to/the-way-back OUT_DIR A_VALID_SAVE
set -uo pipefail

bin=${1:?usage: saves.sh BIN OUT_DIR VALID_SAVE}
out=${2:?}
valid=${3:?}
rm -rf "$out"
mkdir -p "$out"
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# Runs the game on a replay script given as text, with its own save folder.
# play NAME SAVE_DIR SCRIPT [FLAGS...]
play() {
  local name=$1 dir=$2 script=$3
  shift 3
  printf '%b' "$script" >"$out/$name.replay"
  if ! RUST_LOG=info THE_WAY_BACK_SAVE_DIR="$dir" timeout 180 "$bin" --seed 3 "$@" \
      --replay "$out/$name.replay" --replay-out "$out/$name" >"$out/$name.log" 2>&1; then
    bad "the $name case did not end cleanly"; tail -15 "$out/$name.log"
  fi
  if grep -q "panicked" "$out/$name.log"; then bad "the game panicked in the $name case"; fi
}
title='wait 4\nshot title\nquit\n'

# A damaged save, with a good one before it: set aside under a numbered name, and Continue
# offers the save before it.
d="$out/damaged"; mkdir -p "$d"
cp "$valid" "$d/journey.backup.ron"
echo "(version: 3, seed: this is not a save" >"$d/journey.ron"
play damaged "$d" "$title"
grep -q "the saved journey is damaged" "$out/damaged.log" || bad "a damaged save was not reported"
grep -q "this is not a save" "$d/journey.damaged-1.ron" 2>/dev/null || bad "the damaged save was not kept aside"
grep -q "title: Continue (the save before)" "$out/damaged.log" || bad "the save before the damaged one was not offered"
cmp -s "$valid" "$d/journey.backup.ron" || bad "the backup was changed"

# One bad byte: not text, so not read; never taken for "no save" and overwritten.
u="$out/unreadable"; mkdir -p "$u"
{ head -c 200 "$valid"; printf '\377'; tail -c +201 "$valid"; } >"$u/journey.ron"
cp "$u/journey.ron" "$out/unreadable.orig"
play unreadable "$u" "$title"
grep -q "the saved journey cannot be read (it is not text" "$out/unreadable.log" || bad "an unreadable save was not reported"
cmp -s "$out/unreadable.orig" "$u/journey.unreadable-1.ron" || bad "the unreadable save was not kept aside byte for byte"

# A save from a newer version: left where it is, byte for byte; a new journey asks first, and
# Escape keeps it; started anyway (with --save, as a real journey would be), it is moved
# aside under a name of its own, not lost.
n="$out/newer"; mkdir -p "$n"
# This version's number, as the valid save has it.
version=$(grep -m1 -o '^    version: [0-9]*,' "$valid")
sed "s/^$version/    version: 99,/" "$valid" >"$n/journey.ron"
grep -q "version: 99" "$n/journey.ron" || bad "could not make a newer save to try"
cp "$n/journey.ron" "$out/newer.orig"
play newer "$n" 'wait 4\nshot title\nkey Enter\nwait 1\nshot asked\nkey Escape\nwait 1\nquit\n' --save
grep -q "from a newer version of the game" "$out/newer.log" || bad "a newer save was not reported"
grep -q "title: asks before replacing" "$out/newer.log" || bad "a new journey did not ask before replacing the newer save"
grep -q "a new journey replaces" "$out/newer.log" && bad "Escape did not keep the newer save"
cmp -s "$out/newer.orig" "$n/journey.ron" || bad "the newer version's save was touched"
play newer-replaced "$n" 'wait 4\nkey Enter\nwait 1\nkey Enter\nuntil stage Camp 60\nwait 2\nquit\n' --save
cmp -s "$out/newer.orig" "$n/journey.newer-1.ron" || bad "the newer save was not kept aside when replaced"
grep -q "^$version" "$n/journey.ron" 2>/dev/null || bad "the new journey was not saved"

# A benchmark beside a saved journey leaves it alone (no write, no backup).
b="$out/bench"; mkdir -p "$b"
cp "$valid" "$b/journey.ron"
if ! THE_WAY_BACK_SAVE_DIR="$b" timeout 180 "$bin" --bench-frames 20 --stage camp >"$out/bench.log" 2>&1; then
  bad "the benchmark did not end cleanly"; tail -15 "$out/bench.log"
fi
cmp -s "$valid" "$b/journey.ron" || bad "the benchmark changed the saved journey"
[ -e "$b/journey.backup.ron" ] && bad "the benchmark wrote a save (a backup appeared)"

# A full disk: the journey is not saved, the player is told in the journey, the save already
# there is whole, and no temporary file is left behind.
f="$out/full-disk"; mkdir -p "$f"
if mount -t tmpfs -o size=96k tmpfs "$f" 2>/dev/null; then
  cp "$valid" "$f/journey.ron"
  dd if=/dev/zero of="$f/filler" bs=1k count=200 2>/dev/null || true
  play full "$f" 'wait 4\nkey Enter\nwait 1\nkey Enter\nuntil stage Camp 60\nwait 1\nshot told\nwait 1\nquit\n' --save
  grep -q "the journey could not be saved" "$out/full.log" || bad "a full disk was not reported"
  cmp -s "$valid" "$f/journey.ron" || bad "the saved journey was damaged by a full disk"
  ls -A "$f" | grep -q '\.tmp$' && bad "a temporary file was left on the full disk"
  umount "$f"
else
  bad "a small file system for the full-disk case could not be mounted (needs root)"
fi

for s in damaged/title unreadable/title newer/title newer/asked full/told; do
  [ -s "$out/$s.png" ] || { bad "no screenshot $s.png"; continue; }
  c=$(identify -format '%k' "$out/$s.png")
  [ "$c" -gt 200 ] || bad "$s.png looks blank"
done
[ $fail -eq 0 ] && echo "save cases: damaged, unreadable, newer, benchmark, full disk: all passed"
exit $fail
