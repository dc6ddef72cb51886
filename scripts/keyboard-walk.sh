#!/bin/sh
# The minimal COA report of issue 14 typed into the real app under X11 with xdotool: 25 key
# interactions from Ctrl+N to the finalised report, screenshots along the way.
#
#   xvfb-run -a -s "-screen 0 1024x768x24" scripts/keyboard-walk.sh OUTDIR [nl|en]
#
# Needs xdotool and ImageMagick's import (see the Xvfb recipe: no window manager, so windowfocus).
# A throwaway data folder and home, and no OS keyring (keyring's fail backend: the store then
# relies on the passphrase alone, and says so): nothing of the user's is touched. Sleeps only give the app time to paint between keys; this is a look, the
# counted proof is tests/ui/test_keyboard_minimal.py.
set -eu
OUT=${1:?usage: keyboard-walk.sh OUTDIR [nl|en]}
WALK_LANG=${2:-nl}
# The police region is chosen by its first letter: Oost-Nederland in Dutch, East Netherlands in English.
REGION=o; [ "$WALK_LANG" = en ] && REGION=e
mkdir -p "$OUT"
D=$(mktemp -d)
export HOME="$D/home" PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring QT_QPA_PLATFORM=xcb
mkdir -p "$HOME"
"${SIGNAAL:-signaal}" --lang "$WALK_LANG" --data-dir "$D/data" > "$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; rm -rf "$D"' EXIT
sleep 6
W=$(xdotool search --onlyvisible --name Signaal | head -1)
xdotool windowfocus --sync "$W"
shot() { import -window root "$OUT/$1.png"; }
COUNT=0
k() { xdotool key --delay 60 "$@"; COUNT=$((COUNT + 1)); sleep 0.4; }
t() { xdotool type --delay 40 "$1"; COUNT=$((COUNT + 1)); sleep 0.4; }
# First start (not counted): passphrase twice, Enter.
xdotool type --delay 20 "zeven groene kanaries"; xdotool key Tab
xdotool type --delay 20 "zeven groene kanaries"; xdotool key Return
sleep 4
shot 01-list
k ctrl+n; sleep 1; k Return; sleep 1          # new report, the role's form
shot 02-form
t n; t t; t $REGION; k Return                        # no acute danger, signal today, police region
t 1; t 2; t Nigeria; k Return                  # woman, not a minor, Nigeria
t 2                                            # asylum seeker (the second of ten)
t 1; t 1                                       # AZC, alone
k space; k Return; k space; k Return           # sexual exploitation, where
shot 03-checklist
t j; t r                                       # first signal yes, the rest "weet niet"
t 4; t 2; t 2                                  # not yet referred, probable, no consent
t 1                                            # the request to CoMensha: registration only
shot 04-complete
k Return; sleep 1                              # Afronden…
shot 05-finalise
k Return; sleep 2                              # Afronden en verzenden
shot 06-finalised
echo "$COUNT key interactions" | tee "$OUT/count.txt"
